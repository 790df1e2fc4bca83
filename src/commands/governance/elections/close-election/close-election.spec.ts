import { specFor } from '../../../../../test/support/given-when-then.js';
import type { ElectionClosed, ElectionEvent } from '../../../../events/governance/election-events.js';
import { validateEvent } from '../../../../events/registry.js';
import { countStv } from '../../../../governance/counting/stv.js';
import { NotFound, RuleBroken } from '../../../shared/domain-errors.js';
import { ballot, called, closesAt, declared, ELECTION, meta, withdrawn } from '../election-fixtures.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election.state.js';
import type { CloseElection } from './close-election.command.js';
import { decideCloseElection } from './close-election.decide.js';

const spec = specFor<ElectionState, CloseElection, ElectionEvent>({ initialState: initialElectionState, evolve: evolveElection, decide: decideCloseElection });
const close = (now = closesAt): CloseElection => ({ electionId: ELECTION, meta: meta(now, 'system') });
const closedData = (history: ElectionEvent[], now = closesAt): ElectionClosed['data'] => decideCloseElection(spec.given(history).state, close(now))[0]!.data;

describe('CloseElection', () => {
  describe('no election', () => {
    it('refuses', () => {
      spec.given([]).when(close()).thenThrows(NotFound, 'election-not-found');
    });
  });

  describe('called', () => {
    const history = [
      called('stv', 2),
      declared('c-a'),
      declared('c-b'),
      declared('c-c'),
      declared('c-d'),
      withdrawn('c-d'),
      ballot('v-1', ['c-a', 'c-b']),
      ballot('v-2', ['c-a', 'c-c']),
      ballot('v-3', ['c-a']),
      ballot('v-4', ['c-b']),
      ballot('v-5', ['c-c', 'c-b']),
      ballot('v-6', ['c-c']),
      ballot('v-5', ['c-b', 'c-c'], true),
    ];

    it('refuses to close 1 ms before closesAt', () => {
      spec
        .given(history)
        .when(close(new Date(closesAt.getTime() - 1)))
        .thenThrows(RuleBroken, 'voting-still-open');
    });

    it('counts the latest ballot of each voter and publishes every round, with the fields the role grant reads', () => {
      const data = closedData(history);
      expect(data).toMatchObject({ electionId: ELECTION, role: 'moderator', seats: 2, method: 'stv', candidates: ['c-a', 'c-b', 'c-c'], ballotsCounted: 6, electorateSize: 10 });
      const expected = countStv({ electionId: ELECTION, seats: 2, candidates: ['c-a', 'c-b', 'c-c'], ballots: [['c-a', 'c-b'], ['c-a', 'c-c'], ['c-a'], ['c-b'], ['c-b', 'c-c'], ['c-c']] });
      expect(data.winners).toEqual(expected.winners);
      expect(data.rounds).toEqual(expected.rounds);
      expect(data.winners[0]).toBe('c-a');
      expect(data.rounds.length).toBeGreaterThan(1);
      expect(validateEvent('governance.ElectionClosed', data)).toEqual([]);
    });

    it('gives the same result however late the close comes', () => {
      expect(closedData(history, new Date(closesAt.getTime() + 86_400_000))).toEqual(closedData(history));
    });

    it('closes an election nobody voted in with no winners', () => {
      spec
        .given([called('irv', 1), declared('c-a')])
        .when(close())
        .then([
          {
            type: 'governance.ElectionClosed',
            data: { electionId: ELECTION, role: 'moderator', seats: 1, method: 'irv', candidates: ['c-a'], winners: [], rounds: [], ballotsCounted: 0, electorateSize: 10, quota: null },
          },
        ]);
    });

    it('counts approval ballots', () => {
      const data = closedData([called('approval', 1), declared('c-a'), declared('c-b'), ballot('v-1', ['c-a', 'c-b']), ballot('v-2', ['c-b'])]);
      expect(data).toMatchObject({ method: 'approval', winners: ['c-b'], quota: null, ballotsCounted: 2 });
    });

    it('keeps the closing event under 32 KiB with 16 candidates and STV rounds', () => {
      const candidates = Array.from({ length: 16 }, (_, i) => `0190a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`);
      const voters = Array.from({ length: 200 }, (_, v) => ballot(`v-${v}`, [...candidates.slice(v % 16), ...candidates.slice(0, v % 16)].slice(0, 1 + (v % 7))));
      const data = closedData([called('stv', 10), ...candidates.map((c) => declared(c)), ...voters]);
      expect(data.winners).toHaveLength(10);
      expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThan(30 * 1024);
    });
  });

  describe('closed', () => {
    it('refuses to close again', () => {
      const history = [called('irv', 1), declared('c-a'), ballot('v-1', ['c-a'])];
      const closed: ElectionEvent = { type: 'governance.ElectionClosed', data: closedData(history) };
      spec
        .given([...history, closed])
        .when(close())
        .thenThrows(RuleBroken, 'already-closed');
    });
  });
});
