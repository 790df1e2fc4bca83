import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { sha256 } from '../../../events/canonical.js';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { loadMotionTarget } from '../motion-target.js';
import { proposalModel } from '../proposal-model.js';
import { voterFrom } from '../voter.js';
import { decideDraftProposal } from './draft-proposal.decide.js';

export const DRAFT_PROPOSAL = 'governance.DraftProposal';

/** A motion as a request states it: `{ kind: 'general' }` or `{ kind, memberId, role }`. */
export interface MotionInput {
  kind: string;
  memberId?: string;
  role?: string;
}

/**
 * The fields a member signs to draft. The body is signed by its SHA-256, so the act on the log
 * does not carry the body a second time (an event is at most 32 KiB).
 */
export function draftProposalSignedFields(p: { proposalId: string; title: string; body: string; rules: object; motion?: object; topic?: string }): Record<string, unknown> {
  return {
    proposalId: p.proposalId,
    title: p.title,
    bodySha256: sha256(p.body).toString('hex'),
    rules: { ...p.rules },
    // Signed when stated, so the acts of clients that predate motions and topics still verify.
    ...(p.motion !== undefined ? { motion: { ...p.motion } } : {}),
    ...(p.topic !== undefined ? { topic: p.topic } : {}),
  };
}

export class DraftProposalRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly title: string,
    readonly body: string,
    readonly rules: { quorumBps: number; thresholdBps?: number; allowVoteChange: boolean },
    readonly act: ActDto,
    readonly meta: CommandMeta,
    readonly motion?: MotionInput,
    readonly topic?: string,
  ) {
    super();
  }
}

@CommandHandler(DraftProposalRequest)
export class DraftProposalHandler implements ICommandHandler<DraftProposalRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: DraftProposalRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, DRAFT_PROPOSAL, draftProposalSignedFields(request), request.act, request.meta.now);
    const target = await loadMotionTarget(this.members, request.motion);
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (state) =>
        decideDraftProposal(state, {
          proposalId: request.proposalId,
          author: voterFrom(member),
          title: request.title,
          body: request.body,
          rules: request.rules,
          motion: request.motion,
          topic: request.topic,
          target,
          meta: request.meta,
        }),
      request.meta,
      act,
    );
  }
}
