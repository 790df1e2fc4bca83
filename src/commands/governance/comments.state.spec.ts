import type { SignedAct } from '../../events/envelope.js';
import { evolveCommentThread, initialCommentThread, type CommentHistoryEvent, type CommentThread } from './comments.state.js';

const act = (nonce: string): SignedAct => ({
  command: { command: 'governance.PostComment', actor: 'm-1', keyId: 'k', issuedAt: '2030-05-01T00:00:00.000Z', nonce },
  signature: 'sig',
});
const posted = (commentId: string, parentId: string | null, position: number, nonce?: string): CommentHistoryEvent => ({
  type: 'governance.CommentPosted',
  data: { commentId, proposalId: 'p-1', parentId, authorId: 'm-1', body: 'Yes.' },
  position,
  ...(nonce ? { act: act(nonce) } : {}),
});
const retracted = (commentId: string, position: number): CommentHistoryEvent => ({
  type: 'governance.CommentRetracted',
  data: { commentId, proposalId: 'p-1', retractedBy: 'm-1' },
  position,
  act: act(`n-r-${commentId}`),
});
const fold = (events: CommentHistoryEvent[]): CommentThread => events.reduce(evolveCommentThread, initialCommentThread);

describe('evolveCommentThread', () => {
  it('remembers each comment’s author, parent and status, and every nonce used', () => {
    expect(fold([posted('c-1', null, 1, 'n-1'), posted('c-2', 'c-1', 2, 'n-2'), retracted('c-1', 3)])).toEqual({
      comments: new Map([
        ['c-1', { status: 'retracted', authorId: 'm-1', parentId: null }],
        ['c-2', { status: 'posted', authorId: 'm-1', parentId: 'c-1' }],
      ]),
      usedNonces: new Set(['n-1', 'n-2', 'n-r-c-1']),
    });
  });

  it('ignores a second post of one id and a retraction of nothing', () => {
    const thread = fold([posted('c-1', null, 1), posted('c-1', 'c-9', 2), retracted('c-404', 3)]);
    expect([...thread.comments]).toEqual([['c-1', { status: 'posted', authorId: 'm-1', parentId: null }]]);
  });

  it('does not change the thread it evolves from', () => {
    const before = fold([posted('c-1', null, 1)]);
    evolveCommentThread(before, retracted('c-1', 2));
    expect(before.comments.get('c-1')).toMatchObject({ status: 'posted' });
    expect(before.usedNonces.size).toBe(0);
  });
});
