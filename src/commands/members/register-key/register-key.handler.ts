import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { signedActOf, type ActDto } from '../../../api/act.dto.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { memberStream } from '../../../events/members/member-events.js';
import { AggregateStore } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { keyIdOf, verifyAct } from '../../shared/signed-act.js';
import { memberModel } from '../acting-member.js';
import { decideRegisterKey } from './register-key.decide.js';

export const REGISTER_KEY = 'members.RegisterKey';

export class RegisterKeyRequest extends Command<{ keyId: string; position: number }> {
  constructor(
    readonly memberId: string,
    readonly publicKey: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The act is signed by the key being registered: whoever registers a key proves they hold it. */
@CommandHandler(RegisterKeyRequest)
export class RegisterKeyHandler implements ICommandHandler<RegisterKeyRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(request: RegisterKeyRequest): Promise<{ keyId: string; position: number }> {
    const keyId = keyIdOf(request.publicKey);
    const fields = { publicKey: request.publicKey };
    const act = signedActOf(REGISTER_KEY, request.memberId, fields, request.act);
    verifyAct(act, { command: REGISTER_KEY, actor: request.memberId, fields }, { [keyId]: request.publicKey }, request.meta.now, this.config.actMaxSkewSeconds);
    const { position } = await this.aggregates.handle(
      memberStream(request.memberId),
      memberModel,
      (state) => decideRegisterKey(state, { memberId: request.memberId, publicKey: request.publicKey, meta: request.meta }),
      request.meta,
      act,
    );
    return { keyId, position };
  }
}
