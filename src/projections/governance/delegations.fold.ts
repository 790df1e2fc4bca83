import type { EventEnvelope } from '../../events/envelope.js';
import type { DelegationRevoked, VoteDelegated } from '../../events/governance/delegation-events.js';
import { upcastEvent } from '../../events/registry.js';

/** One row of read_models.delegations: a member's standing delegation for a topic ('' for every proposal). */
export interface DelegationRow {
  delegatorId: string;
  /** '' for the general delegation: a primary key cannot hold null. */
  topic: string;
  delegateId: string;
  delegatedAt: string;
  position: number;
}

export interface DelegationsChanges {
  /** Delegations standing at the end of the batch that it gave or replaced. */
  upserts: DelegationRow[];
  /** Delegations the batch revoked (and did not give again), with the revoking position. */
  removals: { delegatorId: string; topic: string; position: number }[];
}

export const DELEGATION_EVENT_TYPES = ['governance.VoteDelegated', 'governance.DelegationRevoked'] as const;

const handled: ReadonlySet<string> = new Set(DELEGATION_EVENT_TYPES);

type DelegationEnvelope = EventEnvelope<VoteDelegated['type'], VoteDelegated['data']> | EventEnvelope<DelegationRevoked['type'], DelegationRevoked['data']>;

/** Every delegation event names its own row, so a batch folds without reading anything: the last word per row wins. */
export function foldDelegations(batch: readonly EventEnvelope[]): DelegationsChanges {
  const last = new Map<string, DelegationEnvelope>();
  for (const event of batch.filter((e) => handled.has(e.type)).map((e) => upcastEvent(e)) as DelegationEnvelope[]) {
    last.set(`${event.data.delegatorId} ${event.data.topic ?? ''}`, event);
  }
  const changes: DelegationsChanges = { upserts: [], removals: [] };
  for (const event of last.values()) {
    const topic = event.data.topic ?? '';
    if (event.type === 'governance.VoteDelegated') {
      const { delegatorId, delegateId } = event.data;
      changes.upserts.push({ delegatorId, topic, delegateId, delegatedAt: new Date(event.meta.occurredAt).toISOString(), position: event.position });
    } else {
      changes.removals.push({ delegatorId: event.data.delegatorId, topic, position: event.position });
    }
  }
  return changes;
}
