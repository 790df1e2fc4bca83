import { specFor } from '../../../../test/support/given-when-then.js';
import type { SignedAct } from '../../../events/envelope.js';
import type { CommentEvent } from '../../../events/governance/comment-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveCommentThread, initialCommentThread, type CommentThread } from '../comments.state.js';
import type { Voter } from '../voter.js';
import type { PostComment } from './post-comment.command.js';
import { decidePostComment } from './post-comment.decide.js';

const spec = specFor<CommentThread, PostComment, CommentEvent>({
  initialState: initialCommentThread,
  evolve: evolveCommentThread,
  decide: decidePostComment,
});
const meta = { actor: 'm-1', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const member: Voter = { memberId: 'm-1', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const post = (change: Partial<PostComment> = {}): PostComment => ({
  proposalId: 'p-1',
  commentId: 'c-new',
  parentId: null,
  author: member,
  body: 'Which well do you mean?',
  proposalStatus: 'open',
  nonce: 'n-new',
  meta,
  ...change,
});
const posted = (commentId: string, parentId: string | null = null, authorId = 'm-1', body = 'Which well do you mean?'): CommentEvent => ({
  type: 'governance.CommentPosted',
  data: { commentId, proposalId: 'p-1', parentId, authorId, body },
});
const retracted = (commentId: string, by = 'm-2'): CommentEvent => ({ type: 'governance.CommentRetracted', data: { commentId, proposalId: 'p-1', retractedBy: by } });
const signed = (event: CommentEvent, nonce: string): CommentEvent => {
  const act: SignedAct = { command: { command: 'governance.PostComment', actor: 'm-1', keyId: 'k', issuedAt: '2030-05-01T00:00:00.000Z', nonce }, signature: 'sig' };
  return Object.assign({ ...event }, { act });
};

describe('PostComment', () => {
  describe('no proposal', () => {
    it('refuses a comment on a proposal that does not exist', () => {
      spec.given([]).when(post({ proposalStatus: 'none' })).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('a proposal under discussion', () => {
    it.each(['drafted', 'submitted', 'open'] as const)('posts a first comment on a %s proposal', (proposalStatus) => {
      spec.given([]).when(post({ proposalStatus })).then([posted('c-new')]);
    });

    it('posts a reply to a comment of the same proposal, and a reply to a reply', () => {
      spec
        .given([posted('c-1', null, 'm-2')])
        .when(post({ parentId: 'c-1' }))
        .then([posted('c-new', 'c-1')]);
      spec
        .given([posted('c-1', null, 'm-2'), posted('c-2', 'c-1', 'm-3')])
        .when(post({ parentId: 'c-2' }))
        .then([posted('c-new', 'c-2')]);
    });

    it('refuses a reply to a comment that is not in this proposal’s thread', () => {
      spec
        .given([posted('c-1', null, 'm-2')])
        .when(post({ parentId: 'c-of-another-proposal' }))
        .thenThrows(RuleBroken, 'parent-not-in-proposal');
    });

    it('refuses a reply to a retracted comment', () => {
      spec
        .given([posted('c-1', null, 'm-2'), retracted('c-1')])
        .when(post({ parentId: 'c-1' }))
        .thenThrows(RuleBroken, 'parent-retracted');
    });

    it('refuses a comment id already used in the thread', () => {
      spec
        .given([posted('c-new', null, 'm-2')])
        .when(post())
        .thenThrows(Conflict, 'comment-exists');
    });

    it('refuses a signed act used before on this thread', () => {
      spec
        .given([signed(posted('c-1'), 'n-1')])
        .when(post({ nonce: 'n-1' }))
        .thenThrows(Conflict, 'replayed-act');
    });

    it('refuses an unverified member', () => {
      spec
        .given([])
        .when(post({ author: { ...member, verification: { kind: 'unverified' } } }))
        .thenThrows(RuleBroken, 'member-not-verified');
    });

    it('accepts a body of 4,000 characters, counted as code points', () => {
      spec
        .given([])
        .when(post({ body: '🌳'.repeat(4_000) }))
        .then([posted('c-new', null, 'm-1', '🌳'.repeat(4_000))]);
    });

    it.each([
      ['an empty body', ''],
      ['a blank body', ' \n\t '],
      ['a body of 4,001 characters', 'x'.repeat(4_001)],
    ])('refuses %s', (_label, body) => {
      spec.given([]).when(post({ body })).thenThrows(InvalidInput, 'invalid-input');
    });
  });

  describe('a proposal whose discussion is over', () => {
    it.each(['closed', 'withdrawn', 'cancelled'] as const)('refuses a comment on a %s proposal', (proposalStatus) => {
      spec.given([posted('c-1')]).when(post({ proposalStatus })).thenThrows(RuleBroken, 'discussion-closed');
    });
  });
});
