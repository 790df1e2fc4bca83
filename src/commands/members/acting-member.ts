import { Inject, Injectable } from '@nestjs/common';
import type { ActDto } from '../../api/act.dto.js';
import { signedActOf } from '../../api/act.dto.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { SignedAct } from '../../events/envelope.js';
import type { MemberEvent } from '../../events/members/member-events.js';
import { memberStream } from '../../events/members/member-events.js';
import { AggregateStore, type WriteModel } from '../shared/aggregate-store.js';
import { NotFound, Unauthenticated } from '../shared/domain-errors.js';
import { verifyAct } from '../shared/signed-act.js';
import { evolveMember, initialMemberState, type MemberState, type RegisteredMember } from './member.state.js';

export const memberModel: WriteModel<MemberState, MemberEvent> = { initialState: initialMemberState, evolve: evolveMember };

/** Loads members from their own streams and checks that an act is really theirs. */
@Injectable()
export class ActingMembers {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(memberId: string): Promise<RegisteredMember> {
    const { state } = await this.aggregates.load(memberStream(memberId), memberModel);
    if (state.status === 'none') throw new NotFound('member', memberId);
    return state;
  }

  /** The acting member, after verifying their signature over exactly this command. */
  async signedBy(memberId: string, command: string, fields: Record<string, unknown>, act: ActDto, now: Date): Promise<{ member: RegisteredMember; act: SignedAct }> {
    const member = await this.load(memberId).catch((error: unknown) => {
      // A token for a member not on the log (erased, or a crash before registration landed).
      if (error instanceof NotFound) throw new Unauthenticated('unknown-member', 'the access token names no registered member');
      throw error;
    });
    const signed = signedActOf(command, memberId, fields, act);
    verifyAct(signed, { command, actor: memberId, fields }, member.keys, now, this.config.actMaxSkewSeconds);
    return { member, act: signed };
  }
}
