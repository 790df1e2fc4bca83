import { randomBytes } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { memberStream } from '../../../events/members/member-events.js';
import { commitEvidence, SALT_BYTES, type VerificationEvidence } from '../../../identity/evidence-commitment.js';
import { VerificationEvidenceStore } from '../../../identity/verification-evidence.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { ActingMembers, memberModel } from '../acting-member.js';
import { decideVerifyMember } from './verify-member.decide.js';

export const VERIFY_MEMBER = 'members.VerifyMember';

export class VerifyMemberRequest extends Command<Appended> {
  constructor(
    readonly memberId: string,
    readonly evidence: VerificationEvidence,
    readonly act: ActDto,
    readonly meta: CommandMeta,
    /** Chosen here at the edge, like ids; fixed by callers that need a known commitment. */
    readonly salt: Buffer = randomBytes(SALT_BYTES),
  ) {
    super();
  }
}

/**
 * The evidence row is written before the event, so every commitment on the log has its evidence;
 * when the verification is refused or fails to append, the row is discarded.
 */
@CommandHandler(VerifyMemberRequest)
export class VerifyMemberHandler implements ICommandHandler<VerifyMemberRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly evidence: VerificationEvidenceStore,
  ) {}

  async execute(request: VerifyMemberRequest): Promise<Appended> {
    const { member: verifier, act } = await this.members.signedBy(request.meta.actor, VERIFY_MEMBER, { memberId: request.memberId }, request.act, request.meta.now);
    const { method, description } = request.evidence;
    const commitment = commitEvidence(request.salt, { method, description });
    await this.evidence.record(
      { memberId: request.memberId, verifierId: verifier.memberId, method, description, salt: request.salt.toString('hex'), commitment },
      request.meta.now,
    );
    try {
      return await this.aggregates.handle(
        memberStream(request.memberId),
        memberModel,
        (state) =>
          decideVerifyMember(state, {
            memberId: request.memberId,
            verifier: { memberId: verifier.memberId, roles: verifier.roles },
            evidence: { method, description },
            salt: request.salt,
            meta: request.meta,
          }),
        request.meta,
        act,
      );
    } catch (error) {
      await this.evidence.discard(commitment);
      throw error;
    }
  }
}
