import type { DomainEvent } from '../envelope.js';

/**
 * The member gives their vote to `delegateId`: on proposals of `topic`, or on every proposal when
 * `topic` is null (a topic delegation wins over the general one). Replaces any earlier delegation
 * of the same member for the same topic.
 */
export type VoteDelegated = DomainEvent<'governance.VoteDelegated', { delegatorId: string; delegateId: string; topic: string | null }>;

/** The member takes back their delegation for `topic` (null: the general one). */
export type DelegationRevoked = DomainEvent<'governance.DelegationRevoked', { delegatorId: string; topic: string | null }>;

export type DelegationEvent = VoteDelegated | DelegationRevoked;

/**
 * Every delegation lives in this one stream: a new delegation is decided on the whole graph and
 * appended with the revision it was decided on, so two concurrent delegations can never close a
 * cycle between them.
 */
export const DELEGATIONS_STREAM = 'delegations';
