import { specFor } from '../../../../../test/support/given-when-then.js';
import type { ElectionEvent } from '../../../../events/governance/election-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../../shared/domain-errors.js';
import { ballot, called, closesAt, declared, duringNominations, duringVoting, ELECTION, ELECTORATE_CUT, member, meta, signed } from '../election-fixtures.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election.state.js';
import type { CastBallot } from './cast-ballot.command.js';
import { decideCastBallot } from './cast-ballot.decide.js';

const spec = specFor<ElectionState, CastBallot, ElectionEvent>({ initialState: initialElectionState, evolve: evolveElection, decide: decideCastBallot });
const cast = (choices: string[], change: Partial<CastBallot> = {}): CastBallot => ({
  electionId: ELECTION,
  voter: member('m-1'),
  choices,
  nonce: 'n-new',
  meta: meta(duringVoting),
  ...change,
});
const stv = [called('stv', 2), declared('c-a'), declared('c-b'), declared('c-c')];
const approval = [called('approval', 2), declared('c-a'), declared('c-b'), declared('c-c')];

describe('CastBallot', () => {
  describe('no election', () => {
    it('refuses', () => {
      spec.given([]).when(cast(['c-a'])).thenThrows(NotFound, 'election-not-found');
    });
  });

  describe('called, nominations open', () => {
    it('refuses a ballot before nominations close', () => {
      spec
        .given(stv)
        .when(cast(['c-a'], { meta: meta(duringNominations) }))
        .thenThrows(RuleBroken, 'voting-not-open');
    });
  });

  describe('called, voting', () => {
    it('records a ranking in the order given, from the first instant of voting', () => {
      spec.given(stv).when(cast(['c-b', 'c-a'])).then([ballot('m-1', ['c-b', 'c-a'])]);
    });

    it('records approvals as a set, in one spelling', () => {
      spec.given(approval).when(cast(['c-c', 'c-a'])).then([ballot('m-1', ['c-a', 'c-c'])]);
    });

    it('replaces an earlier ballot; only the latest counts', () => {
      spec
        .given([...stv, ballot('m-1', ['c-a'])])
        .when(cast(['c-c', 'c-b', 'c-a']))
        .then([ballot('m-1', ['c-c', 'c-b', 'c-a'], true)]);
    });

    it('refuses the ballot that already counts', () => {
      spec
        .given([...approval, ballot('m-1', ['c-a', 'c-b'])])
        .when(cast(['c-b', 'c-a']))
        .thenThrows(RuleBroken, 'same-ballot');
    });

    it('refuses a ballot naming a member who does not stand, or withdrew', () => {
      spec.given(stv).when(cast(['c-a', 'm-9'])).thenThrows(RuleBroken, 'not-a-candidate');
      spec
        .given([called('stv', 2), declared('c-a'), declared('c-b'), { type: 'governance.CandidacyWithdrawn', data: { electionId: ELECTION, candidateId: 'c-b' } }])
        .when(cast(['c-b']))
        .thenThrows(RuleBroken, 'not-a-candidate');
    });

    it.each([
      ['a candidate ranked twice', ['c-a', 'c-b', 'c-a']],
      ['an empty ballot', []],
      ['a non-string choice', [7 as unknown as string]],
      ['seventeen choices', Array.from({ length: 17 }, (_, i) => `c-${i}`)],
    ])('refuses %s (invalid choices)', (_label, choices) => {
      let thrown: unknown;
      try {
        decideCastBallot(spec.given(stv).state, cast(choices));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidInput);
      expect((thrown as InvalidInput).field).toBe('choices');
    });

    describe('the electorate', () => {
      it('admits a member verified exactly at the cut', () => {
        spec
          .given(stv)
          .when(cast(['c-a'], { voter: member('m-1', ELECTORATE_CUT) }))
          .then([ballot('m-1', ['c-a'])]);
      });

      it('refuses a member verified after the cut, or not verified', () => {
        spec
          .given(stv)
          .when(cast(['c-a'], { voter: member('m-1', ELECTORATE_CUT + 1) }))
          .thenThrows(RuleBroken, 'not-in-electorate');
        spec
          .given(stv)
          .when(cast(['c-a'], { voter: member('m-1', null) }))
          .thenThrows(RuleBroken, 'not-in-electorate');
      });
    });

    it('refuses a replayed act, which would silently revert a changed ballot', () => {
      spec
        .given([...stv, signed(ballot('m-1', ['c-a']), 'n-1'), signed(ballot('m-1', ['c-b'], true), 'n-2')])
        .when(cast(['c-a'], { nonce: 'n-1' }))
        .thenThrows(Conflict, 'replayed-act');
    });
  });

  describe('called, voting time over', () => {
    it('refuses a ballot at closesAt, though no close was recorded yet', () => {
      spec
        .given(stv)
        .when(cast(['c-a'], { meta: meta(closesAt) }))
        .thenThrows(RuleBroken, 'ballot-after-close');
    });
  });

  describe('closed', () => {
    it('refuses a ballot after the close', () => {
      const closed: ElectionEvent = {
        type: 'governance.ElectionClosed',
        data: { electionId: ELECTION, role: 'moderator', seats: 2, method: 'stv', candidates: ['c-a'], winners: ['c-a'], rounds: [], ballotsCounted: 0, electorateSize: 10, quota: '1.00000' },
      };
      spec
        .given([...stv, closed])
        .when(cast(['c-a']))
        .thenThrows(RuleBroken, 'ballot-after-close');
    });
  });
});
