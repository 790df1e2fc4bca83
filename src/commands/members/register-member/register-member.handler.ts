import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { memberStream } from '../../../events/members/member-events.js';
import { Accounts } from '../../../identity/accounts.js';
import { hashPassword } from '../../../identity/password.js';
import { AggregateStore } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Conflict } from '../../shared/domain-errors.js';
import { memberModel } from '../acting-member.js';
import { decideRegisterMember } from './register-member.decide.js';

export class RegisterMemberRequest extends Command<{ memberId: string; position: number }> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly handle: string,
    readonly meta: CommandMeta,
    /** Fixed by callers that need a known id (the seed); otherwise a fresh UUIDv7. */
    readonly memberId: string = uuidv7(),
  ) {
    super();
  }
}

/**
 * Two writes: the private account row, then the public event. If the process dies between them,
 * the account row has no member on the log; registering again with the same email takes it over.
 */
@CommandHandler(RegisterMemberRequest)
export class RegisterMemberHandler implements ICommandHandler<RegisterMemberRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly accounts: Accounts,
  ) {}

  async execute(request: RegisterMemberRequest): Promise<{ memberId: string; position: number }> {
    const passwordHash = await hashPassword(request.password);
    const existing = await this.accounts.findByEmail(request.email);
    let memberId = request.memberId;
    if (existing) {
      const { state } = await this.aggregates.load(memberStream(existing.memberId), memberModel);
      if (state.status !== 'none') throw new Conflict('email-taken', 'an account with that email exists');
      memberId = existing.memberId;
      await this.accounts.replace({ memberId, email: request.email, handle: request.handle, passwordHash });
    } else {
      await this.accounts.create({ memberId, email: request.email, handle: request.handle, passwordHash });
    }
    const meta = { ...request.meta, actor: memberId };
    try {
      const { position } = await this.aggregates.handle(
        memberStream(memberId),
        memberModel,
        (state) => decideRegisterMember(state, { memberId, handle: request.handle, meta }),
        meta,
      );
      return { memberId, position };
    } catch (error) {
      await this.accounts.remove(memberId);
      throw error;
    }
  }
}
