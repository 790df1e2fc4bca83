import { specFor } from '../../../../../test/support/given-when-then.js';
import type { ElectionEvent } from '../../../../events/governance/election-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../../shared/domain-errors.js';
import { called, closesAt, declared, duringNominations, duringVoting, ELECTION, member, meta, signed } from '../election-fixtures.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election.state.js';
import type { DeclareCandidacy } from './declare-candidacy.command.js';
import { decideDeclareCandidacy } from './declare-candidacy.decide.js';

const spec = specFor<ElectionState, DeclareCandidacy, ElectionEvent>({ initialState: initialElectionState, evolve: evolveElection, decide: decideDeclareCandidacy });
const declare = (change: Partial<DeclareCandidacy> = {}): DeclareCandidacy => ({
  electionId: ELECTION,
  candidate: member('m-1'),
  statement: 'I will read every report.',
  nonce: 'n-new',
  meta: meta(duringNominations),
  ...change,
});
const closed: ElectionEvent = {
  type: 'governance.ElectionClosed',
  data: { electionId: ELECTION, role: 'moderator', seats: 2, method: 'stv', candidates: [], winners: [], rounds: [], ballotsCounted: 0, electorateSize: 10, quota: '1.00000' },
};

describe('DeclareCandidacy', () => {
  describe('no election', () => {
    it('refuses a candidacy in an election that does not exist', () => {
      spec.given([]).when(declare()).thenThrows(NotFound, 'election-not-found');
    });
  });

  describe('called, nominations open', () => {
    it('records the candidacy with its trimmed statement', () => {
      spec
        .given([called()])
        .when(declare({ statement: '  I will read every report.\n' }))
        .then([declared('m-1', 'I will read every report.')]);
    });

    it('admits a member verified after the electorate cut: standing is not voting', () => {
      spec
        .given([called()])
        .when(declare({ candidate: member('m-1', 400) }))
        .then([declared('m-1', 'I will read every report.')]);
    });

    it('refuses an unverified member', () => {
      spec
        .given([called()])
        .when(declare({ candidate: member('m-1', null) }))
        .thenThrows(RuleBroken, 'member-not-verified');
    });

    it('refuses a second candidacy of the same member', () => {
      spec.given([called(), declared('m-1')]).when(declare()).thenThrows(RuleBroken, 'already-candidate');
    });

    it('accepts a candidacy again after a withdrawal', () => {
      spec
        .given([called(), declared('m-1'), { type: 'governance.CandidacyWithdrawn', data: { electionId: ELECTION, candidateId: 'm-1' } }])
        .when(declare({ statement: '' }))
        .then([declared('m-1', '')]);
    });

    it('refuses a seventeenth candidate', () => {
      const sixteen = Array.from({ length: 16 }, (_, i) => declared(`m-c${i}`));
      spec.given([called(), ...sixteen]).when(declare()).thenThrows(RuleBroken, 'too-many-candidates');
    });

    it('refuses an over-long statement', () => {
      spec
        .given([called()])
        .when(declare({ statement: 'x'.repeat(2001) }))
        .thenThrows(InvalidInput, 'invalid-input');
    });

    it('refuses a replayed act', () => {
      spec
        .given([called(), signed(declared('m-2'), 'n-1')])
        .when(declare({ nonce: 'n-1' }))
        .thenThrows(Conflict, 'replayed-act');
    });
  });

  describe('called, nominations closed', () => {
    it.each([
      ['at nominationsCloseAt', duringVoting],
      ['after the close of voting', closesAt],
    ])('refuses a candidacy %s', (_label, now) => {
      spec
        .given([called()])
        .when(declare({ meta: meta(now) }))
        .thenThrows(RuleBroken, 'nominations-closed');
    });
  });

  describe('closed', () => {
    it('refuses a candidacy in a closed election', () => {
      spec.given([called(), closed]).when(declare()).thenThrows(RuleBroken, 'election-closed');
    });
  });
});
