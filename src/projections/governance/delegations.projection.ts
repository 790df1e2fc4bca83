import type pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { Projection } from '../projection.js';
import { DELEGATION_EVENT_TYPES, foldDelegations } from './delegations.fold.js';

const schema = `
  CREATE TABLE IF NOT EXISTS delegations (
    delegator_id uuid        NOT NULL,
    topic        text        NOT NULL,
    delegate_id  uuid        NOT NULL,
    delegated_at timestamptz NOT NULL,
    position     bigint      NOT NULL,
    PRIMARY KEY (delegator_id, topic)
  );
  -- Who carries whose vote: a member's page lists the delegations they received.
  CREATE INDEX IF NOT EXISTS delegations_delegate ON delegations (delegate_id, topic);
`;

async function apply(batch: readonly EventEnvelope[], tx: pg.ClientBase): Promise<void> {
  const { upserts: u, removals: r } = foldDelegations(batch);
  if (r.length > 0) {
    await tx.query(
      `DELETE FROM delegations d USING unnest($1::uuid[], $2::text[], $3::bigint[]) AS x(delegator_id, topic, position)
        WHERE d.delegator_id = x.delegator_id AND d.topic = x.topic AND d.position < x.position`,
      [r.map((x) => x.delegatorId), r.map((x) => x.topic), r.map((x) => x.position)],
    );
  }
  if (u.length > 0) {
    await tx.query(
      `INSERT INTO delegations AS d (delegator_id, topic, delegate_id, delegated_at, position)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::bigint[])
       ON CONFLICT (delegator_id, topic) DO UPDATE SET
         delegate_id = EXCLUDED.delegate_id, delegated_at = EXCLUDED.delegated_at, position = EXCLUDED.position
       WHERE d.position < EXCLUDED.position`,
      [u.map((x) => x.delegatorId), u.map((x) => x.topic), u.map((x) => x.delegateId), u.map((x) => x.delegatedAt), u.map((x) => x.position)],
    );
  }
}

/** Standing delegations of votes, by delegator and topic (DESIGN §4). */
export const delegationsProjection: Projection = {
  name: 'delegations',
  version: 1,
  handles: DELEGATION_EVENT_TYPES,
  tables: ['delegations'],
  schema,
  apply,
};
