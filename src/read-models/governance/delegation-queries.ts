import type { Queryable } from './proposal-queries.js';

export interface DelegationEntry {
  delegatorId: string;
  delegateId: string;
  /** null: every proposal without a topic delegation of its own. */
  topic: string | null;
  delegatedAt: string;
  position: number;
}

export interface MemberDelegations {
  memberId: string;
  /** The delegations this member gave. */
  given: DelegationEntry[];
  /** The delegations other members gave this member (direct only; chains are followed at the close). */
  received: DelegationEntry[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getMemberDelegations(db: Queryable, memberId: string): Promise<MemberDelegations> {
  if (!UUID.test(memberId)) return { memberId, given: [], received: [] };
  const { rows } = await db.query<{ delegator_id: string; delegate_id: string; topic: string; delegated_at: Date; position: string }>(
    `SELECT delegator_id, delegate_id, topic, delegated_at, position FROM read_models.delegations
      WHERE delegator_id = $1 OR delegate_id = $1 ORDER BY topic, position`,
    [memberId],
  );
  const entries = rows.map((r) => ({
    delegatorId: r.delegator_id,
    delegateId: r.delegate_id,
    topic: r.topic === '' ? null : r.topic,
    delegatedAt: r.delegated_at.toISOString(),
    position: Number(r.position),
  }));
  return { memberId, given: entries.filter((e) => e.delegatorId === memberId), received: entries.filter((e) => e.delegateId === memberId) };
}
