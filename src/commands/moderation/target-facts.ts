import { Injectable } from '@nestjs/common';
import { commentsStream } from '../../events/governance/comment-events.js';
import { proposalStream } from '../../events/governance/proposal-events.js';
import type { ModerationTarget } from '../../events/moderation/moderation-events.js';
import { commentsModel } from '../governance/comments-model.js';
import { proposalModel } from '../governance/proposal-model.js';
import { ActingMembers } from '../members/acting-member.js';
import { AggregateStore } from '../shared/aggregate-store.js';
import { NotFound } from '../shared/domain-errors.js';

/** What moderation needs to know about a target from its own streams: whether it exists, and whom an action on it affects. */
export type TargetFacts = { kind: 'missing' } | { kind: 'found'; affectedMemberId: string };

/** Reads the target's own streams (proposal, discussion, member): the source of truth, never a read model. */
@Injectable()
export class TargetFactsReader {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async read(target: ModerationTarget): Promise<TargetFacts> {
    switch (target.kind) {
      case 'proposal': {
        const { state } = await this.aggregates.load(proposalStream(target.proposalId), proposalModel);
        return state.status === 'none' ? { kind: 'missing' } : { kind: 'found', affectedMemberId: state.authorId };
      }
      case 'comment': {
        const { state } = await this.aggregates.load(commentsStream(target.proposalId), commentsModel);
        const comment = state.comments.get(target.commentId);
        return comment === undefined ? { kind: 'missing' } : { kind: 'found', affectedMemberId: comment.authorId };
      }
      case 'member': {
        try {
          const member = await this.members.load(target.memberId);
          return { kind: 'found', affectedMemberId: member.memberId };
        } catch (error) {
          if (error instanceof NotFound) return { kind: 'missing' };
          throw error;
        }
      }
      default: {
        const unhandled: never = target;
        throw new Error(`unhandled moderation target ${(unhandled as { kind: string }).kind}`);
      }
    }
  }
}
