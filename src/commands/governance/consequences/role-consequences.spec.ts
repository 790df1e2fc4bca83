import type { ClosedProposal } from '../proposal.state.js';
import { consequenceEventId, consequencesOfElection, consequencesOfProposal } from './role-consequences.js';

const closed = (change: Partial<ClosedProposal>): ClosedProposal => ({
  status: 'closed',
  proposalId: 'p-1',
  authorId: 'm-a',
  rules: { method: 'yes-no-abstain', quorumBps: 0, thresholdBps: 6667, allowVoteChange: false },
  motion: { kind: 'general' },
  topic: null,
  usedNonces: new Set(),
  closesAt: new Date('2030-01-01T00:00:00.000Z'),
  electorate: { asOfPosition: 3, size: 3 },
  votes: {},
  result: 'passed',
  tally: { yes: 3, no: 0, abstain: 0 },
  direct: { yes: 3, no: 0, abstain: 0 },
  delegated: { yes: 0, no: 0, abstain: 0 },
  ...change,
});

describe('consequencesOfProposal', () => {
  it('a passed no-confidence motion revokes the role, with an id fixed by the proposal', () => {
    const [consequence, ...rest] = consequencesOfProposal(closed({ motion: { kind: 'no-confidence', memberId: 'm-s', role: 'steward' } }));
    expect(rest).toEqual([]);
    expect(consequence).toEqual({
      kind: 'revoke',
      eventId: consequenceEventId('p-1'),
      command: { memberId: 'm-s', role: 'steward', revocation: { kind: 'proposal', proposalId: 'p-1' } },
    });
    expect(consequenceEventId('p-1')).toBe(consequenceEventId('p-1'));
    expect(consequenceEventId('p-1')).not.toBe(consequenceEventId('p-2'));
    expect(consequenceEventId('p-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('a passed grant-role motion grants the role', () => {
    expect(consequencesOfProposal(closed({ motion: { kind: 'grant-role', memberId: 'm-v', role: 'verifier' } }))).toEqual([
      { kind: 'grant', eventId: consequenceEventId('p-1'), command: { memberId: 'm-v', role: 'verifier', grant: { kind: 'proposal', proposalId: 'p-1' } } },
    ]);
  });

  it('a passed revoke-role motion revokes the role', () => {
    expect(consequencesOfProposal(closed({ motion: { kind: 'revoke-role', memberId: 'm-v', role: 'moderator' } }))[0]).toMatchObject({ kind: 'revoke' });
  });

  it.each([['rejected'], ['no-quorum'], ['lapsed']] as const)('a %s motion does nothing', (result) => {
    expect(consequencesOfProposal(closed({ result, motion: { kind: 'grant-role', memberId: 'm-v', role: 'verifier' } }))).toEqual([]);
  });

  it('a passed general proposal does nothing to roles', () => {
    expect(consequencesOfProposal(closed({}))).toEqual([]);
  });
});

describe('consequencesOfElection', () => {
  const election = { electionId: 'e-1', seats: 2, method: 'stv', candidates: ['m-1', 'm-2', 'm-3'], winners: ['m-2', 'm-1'], rounds: [], ballotsCounted: 5, electorateSize: 6, quota: '2' };

  it('grants the role to every winner, each with its own fixed id', () => {
    const consequences = consequencesOfElection({ ...election, role: 'arbiter' } as never);
    expect(consequences.map((c) => c.command)).toEqual([
      { memberId: 'm-2', role: 'arbiter', grant: { kind: 'election', electionId: 'e-1' } },
      { memberId: 'm-1', role: 'arbiter', grant: { kind: 'election', electionId: 'e-1' } },
    ]);
    expect(new Set(consequences.map((c) => c.eventId)).size).toBe(2);
  });

  it('an election without a role grants nothing', () => {
    expect(consequencesOfElection({ ...election, role: null } as never)).toEqual([]);
  });
});
