import { specFor } from '../../../../test/support/given-when-then.js';
import type { CommentEvent } from '../../../events/governance/comment-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveCommentThread, initialCommentThread, type CommentThread } from '../comments.state.js';
import type { Voter } from '../voter.js';
import type { RetractComment } from './retract-comment.command.js';
import { decideRetractComment } from './retract-comment.decide.js';

const spec = specFor<CommentThread, RetractComment, CommentEvent>({
  initialState: initialCommentThread,
  evolve: evolveCommentThread,
  decide: decideRetractComment,
});
const author: Voter = { memberId: 'm-1', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const retract = (actor: Voter = author, commentId = 'c-1'): RetractComment => ({
  proposalId: 'p-1',
  commentId,
  actor,
  meta: { actor: actor.memberId, now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' },
});
const posted = (commentId: string, authorId = 'm-1', parentId: string | null = null): CommentEvent => ({
  type: 'governance.CommentPosted',
  data: { commentId, proposalId: 'p-1', parentId, authorId, body: 'I disagree.' },
});
const retracted = (commentId = 'c-1'): CommentEvent => ({ type: 'governance.CommentRetracted', data: { commentId, proposalId: 'p-1', retractedBy: 'm-1' } });

describe('RetractComment', () => {
  describe('no such comment', () => {
    it('refuses to retract a comment that is not in this proposal’s thread', () => {
      spec.given([posted('c-2')]).when(retract()).thenThrows(NotFound, 'comment-not-found');
    });
  });

  describe('posted', () => {
    it('retracts the author’s own comment', () => {
      spec.given([posted('c-1')]).when(retract()).then([retracted()]);
    });

    it('retracts a comment that has replies: they stay attached to its tombstone', () => {
      spec.given([posted('c-1'), posted('c-2', 'm-2', 'c-1')]).when(retract()).then([retracted()]);
    });

    it.each([
      ['another member', { ...author, memberId: 'm-2' }],
      ['a steward', { memberId: 'm-s', verification: { kind: 'verified', atPosition: 1 }, roles: ['steward'] } satisfies Voter],
    ])('refuses %s: only the author retracts', (_label, actor) => {
      spec.given([posted('c-1')]).when(retract(actor)).thenThrows(Forbidden, 'not-author');
    });
  });

  describe('retracted', () => {
    it('refuses to retract twice', () => {
      spec.given([posted('c-1'), retracted()]).when(retract()).thenThrows(RuleBroken, 'already-retracted');
    });
  });
});
