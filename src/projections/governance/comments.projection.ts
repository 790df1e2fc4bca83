import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { CommentTableRow } from '../../read-models/governance/comment-row.js';
import type { Projection } from '../projection.js';
import { COMMENT_EVENT_TYPES, commentKey, commentKeysOf, foldComments, type CommentRow } from './comments.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS proposal_comments (
    proposal_id     uuid        NOT NULL,
    comment_id      uuid        NOT NULL,
    parent_id       uuid,
    author_id       uuid        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('posted', 'retracted')),
    body            text,
    posted_at       timestamptz NOT NULL,
    posted_position bigint      NOT NULL,
    retracted_at    timestamptz,
    last_position   bigint      NOT NULL,
    PRIMARY KEY (proposal_id, comment_id)
  );
  -- listComments reads one proposal's thread in the order it was written.
  CREATE INDEX IF NOT EXISTS proposal_comments_thread ON proposal_comments (proposal_id, posted_position);
`;

async function loadComments(tx: pg.ClientBase, keys: readonly { proposalId: string; commentId: string }[]): Promise<Map<string, CommentRow>> {
  const { rows } = await tx.query<CommentTableRow>(
    `SELECT c.* FROM proposal_comments c
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(proposal_id, comment_id) USING (proposal_id, comment_id)`,
    [keys.map((k) => k.proposalId), keys.map((k) => k.commentId)],
  );
  return new Map(
    rows.map((r) => [
      commentKey(r.proposal_id, r.comment_id),
      {
        proposalId: r.proposal_id,
        commentId: r.comment_id,
        parentId: r.parent_id,
        authorId: r.author_id,
        status: r.status,
        body: r.body,
        postedAt: r.posted_at.toISOString(),
        postedPosition: Number(r.posted_position),
        retractedAt: r.retracted_at === null ? null : r.retracted_at.toISOString(),
        lastPosition: Number(r.last_position),
      },
    ]),
  );
}

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const keys = commentKeysOf(batch);
  if (keys.length === 0) return;
  const c = foldComments(await loadComments(tx, keys), batch);
  if (c.length === 0) return;
  await tx.query(
    `INSERT INTO proposal_comments AS c
       (proposal_id, comment_id, parent_id, author_id, status, body, posted_at, posted_position, retracted_at, last_position)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[],
                          $9::timestamptz[], $10::bigint[])
     ON CONFLICT (proposal_id, comment_id) DO UPDATE SET
       status = EXCLUDED.status,
       body = EXCLUDED.body,
       retracted_at = EXCLUDED.retracted_at,
       last_position = EXCLUDED.last_position
     WHERE c.last_position < EXCLUDED.last_position`,
    [
      c.map((r) => r.proposalId),
      c.map((r) => r.commentId),
      c.map((r) => r.parentId),
      c.map((r) => r.authorId),
      c.map((r) => r.status),
      c.map((r) => r.body),
      c.map((r) => r.postedAt),
      c.map((r) => r.postedPosition),
      c.map((r) => r.retractedAt),
      c.map((r) => r.lastPosition),
    ],
  );
}

/** The discussion of every proposal: comments and replies, retracted ones as tombstones (DESIGN §4). */
export const commentsProjection: Projection = {
  name: 'comments',
  version: 1,
  handles: COMMENT_EVENT_TYPES,
  tables: ['proposal_comments'],
  schema,
  apply,
};
