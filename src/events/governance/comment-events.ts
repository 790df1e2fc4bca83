import type { DomainEvent } from '../envelope.js';

/**
 * A comment on a proposal, or a reply to one (`parentId`) on the same proposal. Comments live on
 * their own stream per proposal (docs/adr/0006-comments.md).
 */
export type CommentPosted = DomainEvent<
  'governance.CommentPosted',
  { commentId: string; proposalId: string; parentId: string | null; authorId: string; body: string }
>;

/** The author took the comment back; the thread keeps a tombstone in its place so replies stay attached. */
export type CommentRetracted = DomainEvent<'governance.CommentRetracted', { commentId: string; proposalId: string; retractedBy: string }>;

export type CommentEvent = CommentPosted | CommentRetracted;

export const commentsStream = (proposalId: string): string => `proposal-comments-${proposalId}`;
