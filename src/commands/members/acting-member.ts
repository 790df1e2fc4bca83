import { Inject, Injectable } from '@nestjs/common';
import type { ActDto } from '../../api/act.dto.js';
import { signedActOf } from '../../api/act.dto.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { SignedAct } from '../../events/envelope.js';
import type { MemberEvent } from '../../events/members/member-events.js';
import { memberStream } from '../../events/members/member-events.js';
import { AggregateStore, type WriteModel } from '../shared/aggregate-store.js';
import { Forbidden, NotFound, Unauthenticated } from '../shared/domain-errors.js';
import { verifyAct } from '../shared/signed-act.js';
import { evolveMember, initialMemberState, suspendedAt, type MemberOnLog, type MemberState } from './member.state.js';

export const memberModel: WriteModel<MemberState, MemberEvent> = { initialState: initialMemberState, evolve: evolveMember };

export interface SignedByOptions {
  /** Leaving stays possible while suspended: erasure of one's private data is not a privilege. */
  allowSuspended?: boolean;
}

/** Loads members from their own streams and checks that an act is really theirs. */
@Injectable()
export class ActingMembers {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(memberId: string): Promise<MemberOnLog> {
    const { state } = await this.aggregates.load(memberStream(memberId), memberModel);
    if (state.status === 'none') throw new NotFound('member', memberId);
    return state;
  }

  /**
   * The acting member, after verifying their signature over exactly this command. The one place
   * every signed act passes: a left member (401), a rotated key (401) and a suspension (403) are
   * refused here for all commands.
   */
  async signedBy(
    memberId: string,
    command: string,
    fields: Record<string, unknown>,
    act: ActDto,
    now: Date,
    options: SignedByOptions = {},
  ): Promise<{ member: MemberOnLog; act: SignedAct }> {
    const member = await this.load(memberId).catch((error: unknown) => {
      // A token for a member not on the log (erased, or a crash before registration landed).
      if (error instanceof NotFound) throw new Unauthenticated('unknown-member', 'the access token names no registered member');
      throw error;
    });
    if (member.membership.kind === 'left') throw new Unauthenticated('member-left', `member ${memberId} has left the community and can no longer act`);
    const retired = Object.hasOwn(member.retiredKeys, act.keyId) ? member.retiredKeys[act.keyId] : undefined;
    if (retired) {
      throw new Unauthenticated(
        'key-rotated',
        `key ${act.keyId} was rotated out at position ${retired.atPosition} (replaced by ${retired.replacedBy}); sign with a current key`,
      );
    }
    const signed = signedActOf(command, memberId, fields, act);
    verifyAct(signed, { command, actor: memberId, fields }, member.keys, now, this.config.actMaxSkewSeconds);
    const suspension = suspendedAt(member, now);
    if (suspension && !options.allowSuspended) {
      throw new Forbidden('member-suspended', `member ${memberId} is suspended until ${suspension.until} and cannot act until then`);
    }
    return { member, act: signed };
  }
}
