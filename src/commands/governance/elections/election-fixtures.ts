import type { SignedAct } from '../../../events/envelope.js';
import type { ElectionCalled, ElectionEvent, ElectionMethod } from '../../../events/governance/election-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Shared given-events of the election decider specs. */
export const ELECTION = 'e-1';
export const nominationsCloseAt = new Date('2030-05-08T00:00:00.000Z');
export const closesAt = new Date('2030-05-15T00:00:00.000Z');
export const duringNominations = new Date(nominationsCloseAt.getTime() - 1);
export const duringVoting = new Date(nominationsCloseAt.getTime());
export const ELECTORATE_CUT = 40;

export const meta = (now: Date, actor = 'm-1'): CommandMeta => ({ actor, now, correlationId: 'c-1' });

export const member = (memberId: string, atPosition: number | null = 12, roles: Voter['roles'] = []): Voter => ({
  memberId,
  verification: atPosition === null ? { kind: 'unverified' } : { kind: 'verified', atPosition },
  roles,
});

export const called = (method: ElectionMethod = 'stv', seats = 2): ElectionCalled => ({
  type: 'governance.ElectionCalled',
  data: {
    electionId: ELECTION,
    calledBy: 'm-s',
    title: 'Moderators 2030',
    role: 'moderator',
    seats,
    method,
    nominationsCloseAt: nominationsCloseAt.toISOString(),
    closesAt: closesAt.toISOString(),
    electorate: { asOfPosition: ELECTORATE_CUT, size: 10 },
  },
});

export const declared = (candidateId: string, statement = ''): ElectionEvent => ({
  type: 'governance.CandidacyDeclared',
  data: { electionId: ELECTION, candidateId, statement },
});

export const withdrawn = (candidateId: string): ElectionEvent => ({ type: 'governance.CandidacyWithdrawn', data: { electionId: ELECTION, candidateId } });

export const ballot = (voterId: string, choices: string[], replacesEarlier = false): ElectionEvent => ({
  type: 'governance.BallotCast',
  data: { electionId: ELECTION, voterId, choices, replacesEarlier },
});

/** The event as the store holds it: with the member's signed act, whose nonce evolve remembers. */
export const signed = (event: ElectionEvent, nonce: string): ElectionEvent => {
  const act: SignedAct = { command: { command: 'governance.X', actor: 'm-1', keyId: 'k', issuedAt: '2030-05-01T00:00:00.000Z', nonce }, signature: 'sig' };
  return Object.assign({ ...event }, { act });
};
