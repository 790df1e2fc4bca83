import { specFor } from '../../../../../test/support/given-when-then.js';
import type { ElectionEvent } from '../../../../events/governance/election-events.js';
import { NotFound, RuleBroken } from '../../../shared/domain-errors.js';
import { called, declared, duringNominations, duringVoting, ELECTION, meta, withdrawn } from '../election-fixtures.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election.state.js';
import type { WithdrawCandidacy } from './withdraw-candidacy.command.js';
import { decideWithdrawCandidacy } from './withdraw-candidacy.decide.js';

const spec = specFor<ElectionState, WithdrawCandidacy, ElectionEvent>({ initialState: initialElectionState, evolve: evolveElection, decide: decideWithdrawCandidacy });
const withdraw = (now = duringNominations): WithdrawCandidacy => ({ electionId: ELECTION, candidateId: 'm-1', nonce: 'n-w', meta: meta(now) });

describe('WithdrawCandidacy', () => {
  describe('no election', () => {
    it('refuses', () => {
      spec.given([]).when(withdraw()).thenThrows(NotFound, 'election-not-found');
    });
  });

  describe('called, nominations open', () => {
    it('withdraws a standing candidacy', () => {
      spec.given([called(), declared('m-1')]).when(withdraw()).then([withdrawn('m-1')]);
    });

    it('refuses a member who does not stand, or no longer does', () => {
      spec.given([called(), declared('m-2')]).when(withdraw()).thenThrows(RuleBroken, 'not-a-candidate');
      spec.given([called(), declared('m-1'), withdrawn('m-1')]).when(withdraw()).thenThrows(RuleBroken, 'not-a-candidate');
    });
  });

  describe('called, voting', () => {
    it('refuses once ballots may be cast: the candidates stay as the voters saw them', () => {
      spec.given([called(), declared('m-1')]).when(withdraw(duringVoting)).thenThrows(RuleBroken, 'nominations-closed');
    });
  });
});
