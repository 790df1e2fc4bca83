import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { draftProposalSignedFields, type MotionInput } from '../draft-proposal/draft-proposal.handler.js';
import { loadMotionTarget } from '../motion-target.js';
import { proposalModel } from '../proposal-model.js';
import { voterFrom } from '../voter.js';
import { decideReviseProposal } from './revise-proposal.decide.js';

export const REVISE_PROPOSAL = 'governance.ReviseProposal';

/** The same fields a draft signs: the body by its SHA-256 (ADR 0004). */
export const reviseProposalSignedFields = draftProposalSignedFields;

export class ReviseProposalRequest extends Command<Appended> {
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

@CommandHandler(ReviseProposalRequest)
export class ReviseProposalHandler implements ICommandHandler<ReviseProposalRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: ReviseProposalRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, REVISE_PROPOSAL, reviseProposalSignedFields(request), request.act, request.meta.now);
    const target = await loadMotionTarget(this.members, request.motion);
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (state) =>
        decideReviseProposal(state, {
          proposalId: request.proposalId,
          actor: voterFrom(member),
          title: request.title,
          body: request.body,
          rules: request.rules,
          motion: request.motion,
          topic: request.topic,
          target,
          nonce: request.act.nonce,
          meta: request.meta,
        }),
      request.meta,
      act,
    );
  }
}
