import type { EventEnvelope } from '../../events/envelope.js';
import type { CommentEvent, CommentPosted, CommentRetracted } from '../../events/governance/comment-events.js';

export type CommentStatus = 'posted' | 'retracted';

/** One row of read_models.proposal_comments; a retracted comment stays as a tombstone without its body. */
export interface CommentRow {
  proposalId: string;
  commentId: string;
  parentId: string | null;
  authorId: string;
  status: CommentStatus;
  /** Null once retracted: the read model no longer shows it (the public log still holds it). */
  body: string | null;
  postedAt: string;
  postedPosition: number;
  retractedAt: string | null;
  /** Position of the last event applied to this comment (also guards against re-applying it). */
  lastPosition: number;
}

export const COMMENT_EVENT_TYPES = ['governance.CommentPosted', 'governance.CommentRetracted'] as const satisfies readonly CommentEvent['type'][];

const handled: ReadonlySet<string> = new Set(COMMENT_EVENT_TYPES);

type CommentEnvelope = EventEnvelope<CommentPosted['type'], CommentPosted['data']> | EventEnvelope<CommentRetracted['type'], CommentRetracted['data']>;

export const commentKey = (proposalId: string, commentId: string): string => `${proposalId} ${commentId}`;

/** The comment events of a batch, in log order. */
export function commentEventsOf(batch: readonly EventEnvelope[]): CommentEnvelope[] {
  return batch.filter((e) => handled.has(e.type)) as CommentEnvelope[];
}

/** The (proposalId, commentId) pairs a batch touches: the rows to load before folding. */
export function commentKeysOf(batch: readonly EventEnvelope[]): { proposalId: string; commentId: string }[] {
  const keys = new Map<string, { proposalId: string; commentId: string }>();
  for (const { data } of commentEventsOf(batch)) keys.set(commentKey(data.proposalId, data.commentId), { proposalId: data.proposalId, commentId: data.commentId });
  return [...keys.values()];
}

const iso = (instant: string): string => new Date(instant).toISOString();

/**
 * Folds a batch onto the current rows of the comments it touches, in memory and without I/O.
 * A second post of one comment, a retraction of a comment never posted, and events at or below a
 * row's `lastPosition` cannot come from the deciders or were applied already: they are skipped.
 */
export function foldComments(existing: ReadonlyMap<string, CommentRow>, batch: readonly EventEnvelope[]): CommentRow[] {
  const rows = new Map<string, CommentRow>();
  for (const event of commentEventsOf(batch)) {
    const key = commentKey(event.data.proposalId, event.data.commentId);
    const row = rows.get(key) ?? existing.get(key);
    switch (event.type) {
      case 'governance.CommentPosted': {
        if (row !== undefined) break;
        const { proposalId, commentId, parentId, authorId, body } = event.data;
        rows.set(key, {
          proposalId,
          commentId,
          parentId,
          authorId,
          status: 'posted',
          body,
          postedAt: iso(event.meta.occurredAt),
          postedPosition: event.position,
          retractedAt: null,
          lastPosition: event.position,
        });
        break;
      }
      case 'governance.CommentRetracted': {
        if (row === undefined || row.status !== 'posted' || event.position <= row.lastPosition) break;
        rows.set(key, { ...row, status: 'retracted', body: null, retractedAt: iso(event.meta.occurredAt), lastPosition: event.position });
        break;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled comment event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return [...rows.values()];
}
