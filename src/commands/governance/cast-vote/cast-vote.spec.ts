import { specFor } from '../../../../test/support/given-when-then.js';
import type { SignedAct } from '../../../events/envelope.js';
import type { ProposalEvent, ProposalRules, VoteCast, VoteChoice } from '../../../events/governance/proposal-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';
import type { CastVote } from './cast-vote.command.js';
import { decideCastVote } from './cast-vote.decide.js';

const spec = specFor<ProposalState, CastVote, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideCastVote,
});
const closesAt = new Date('2030-05-08T00:00:00.000Z');
const before = new Date(closesAt.getTime() - 1);
const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const ELECTORATE_CUT = 40;
const voter: Voter = { memberId: 'm-1', verification: { kind: 'verified', atPosition: 12 }, roles: [] };

const cast = (choice: VoteChoice, change: Partial<CastVote> = {}): CastVote => ({
  proposalId: 'p-1',
  voter,
  choice,
  nonce: `n-${choice}-new`,
  meta: { actor: 'm-1', now: before, correlationId: 'c-1' },
  ...change,
});
const drafted = (allowVoteChange = true): ProposalEvent => ({
  type: 'governance.ProposalDrafted',
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules: { ...rules, allowVoteChange }, motion: { kind: 'general' }, topic: null },
});
const opened = (allowVoteChange = true): ProposalEvent => ({
  type: 'governance.ProposalOpened',
  data: {
    proposalId: 'p-1',
    openedBy: 'm-a',
    closesAt: closesAt.toISOString(),
    rules: { ...rules, allowVoteChange },
    electorate: { asOfPosition: ELECTORATE_CUT, size: 12 },
  },
});
const voteCast = (choice: VoteChoice, previousChoice: VoteChoice | null = null, voterId = 'm-1'): VoteCast => ({
  type: 'governance.VoteCast',
  data: { proposalId: 'p-1', voterId, choice, previousChoice },
});
/** The event as the store holds it: with the member's signed act, whose nonce evolve remembers. */
const signed = (event: ProposalEvent, nonce: string): ProposalEvent => {
  const act: SignedAct = {
    command: { command: 'governance.CastVote', actor: 'm-1', keyId: 'k', issuedAt: '2030-05-01T00:00:00.000Z', nonce },
    signature: 'sig',
  };
  return Object.assign({ ...event }, { act });
};
const closed: ProposalEvent = {
  type: 'governance.ProposalClosed',
  data: { proposalId: 'p-1', result: 'no-quorum', tally: { yes: 1, no: 0, abstain: 0 }, direct: { yes: 1, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 12, delegationsAsOfPosition: null },
};
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const isOpen = [drafted(), submitted, opened()];

describe('CastVote', () => {
  describe('no proposal', () => {
    it('refuses a vote on a proposal that does not exist', () => {
      spec.given([]).when(cast('yes')).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('drafted', () => {
    it('refuses a vote before the proposal opens', () => {
      spec.given([drafted()]).when(cast('yes')).thenThrows(RuleBroken, 'proposal-not-open');
    });
  });

  describe('submitted', () => {
    it('refuses a vote before the proposal opens', () => {
      spec.given([drafted(), submitted]).when(cast('yes')).thenThrows(RuleBroken, 'proposal-not-open');
    });
  });

  describe('open', () => {
    it('records a first vote', () => {
      spec.given(isOpen).when(cast('yes')).then([voteCast('yes')]);
    });

    it.each(['yes', 'no', 'abstain'] as const)('accepts %s', (choice) => {
      spec.given(isOpen).when(cast(choice)).then([voteCast(choice)]);
    });

    it('refuses an unknown choice', () => {
      spec
        .given(isOpen)
        .when(cast('maybe' as VoteChoice))
        .thenThrows(InvalidInput, 'invalid-input');
    });

    it.each(['', 'x'.repeat(129)])('refuses the nonce %p', (nonce) => {
      spec.given(isOpen).when(cast('yes', { nonce })).thenThrows(InvalidInput, 'invalid-input');
    });

    describe('the deadline', () => {
      it('accepts a vote 1 ms before closesAt', () => {
        spec.given(isOpen).when(cast('yes')).then([voteCast('yes')]);
      });

      it.each([
        ['at closesAt', closesAt],
        ['after closesAt', new Date(closesAt.getTime() + 1000)],
      ])('refuses a vote %s, though no close was recorded yet', (_label, now) => {
        spec
          .given(isOpen)
          .when(cast('yes', { meta: { actor: 'm-1', now, correlationId: 'c-1' } }))
          .thenThrows(RuleBroken, 'vote-after-close');
      });
    });

    describe('the electorate', () => {
      it('admits a member verified exactly at the cut', () => {
        const atCut: Voter = { ...voter, verification: { kind: 'verified', atPosition: ELECTORATE_CUT } };
        spec.given(isOpen).when(cast('no', { voter: atCut })).then([voteCast('no')]);
      });

      it('refuses a member verified after the cut', () => {
        const late: Voter = { ...voter, verification: { kind: 'verified', atPosition: ELECTORATE_CUT + 1 } };
        spec.given(isOpen).when(cast('yes', { voter: late })).thenThrows(RuleBroken, 'not-in-electorate');
      });

      it('refuses an unverified member', () => {
        spec
          .given(isOpen)
          .when(cast('yes', { voter: { ...voter, verification: { kind: 'unverified' } } }))
          .thenThrows(RuleBroken, 'not-in-electorate');
      });
    });

    describe('changing a vote', () => {
      it('records the previous choice', () => {
        spec
          .given([...isOpen, voteCast('yes')])
          .when(cast('no'))
          .then([voteCast('no', 'yes')]);
      });

      it('reads the latest choice after several changes', () => {
        spec
          .given([...isOpen, voteCast('yes'), voteCast('no', 'yes')])
          .when(cast('abstain'))
          .then([voteCast('abstain', 'no')]);
      });

      it('refuses the same choice again', () => {
        spec
          .given([...isOpen, voteCast('yes')])
          .when(cast('yes'))
          .thenThrows(RuleBroken, 'same-vote');
      });

      it('is not affected by other voters', () => {
        spec
          .given([...isOpen, voteCast('yes', null, 'm-2')])
          .when(cast('yes'))
          .then([voteCast('yes')]);
      });

      it('refuses any second vote when the rules forbid changes', () => {
        spec
          .given([drafted(false), submitted, opened(false), voteCast('yes')])
          .when(cast('no'))
          .thenThrows(RuleBroken, 'already-voted');
        spec
          .given([drafted(false), submitted, opened(false), voteCast('yes')])
          .when(cast('yes'))
          .thenThrows(RuleBroken, 'already-voted');
      });
    });

    describe('replayed acts', () => {
      it('refuses a nonce already used on this proposal', () => {
        spec
          .given([...isOpen, signed(voteCast('yes'), 'n-1'), signed(voteCast('no', 'yes'), 'n-2')])
          .when(cast('yes', { nonce: 'n-1' }))
          .thenThrows(Conflict, 'replayed-act');
      });

      it('refuses the nonce of the act that drafted the proposal', () => {
        spec
          .given([signed(drafted(), 'n-0'), submitted, opened()])
          .when(cast('yes', { nonce: 'n-0' }))
          .thenThrows(Conflict, 'replayed-act');
      });

      it('accepts a fresh nonce', () => {
        spec
          .given([...isOpen, signed(voteCast('yes'), 'n-1')])
          .when(cast('no', { nonce: 'n-2' }))
          .then([voteCast('no', 'yes')]);
      });
    });
  });

  describe('closed', () => {
    it('refuses a vote after the close, even with time to spare on the clock', () => {
      spec
        .given([...isOpen, closed])
        .when(cast('yes', { meta: { actor: 'm-1', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' } }))
        .thenThrows(RuleBroken, 'vote-after-close');
    });
  });

  describe('withdrawn', () => {
    it('refuses a vote on a withdrawn proposal', () => {
      spec
        .given([...isOpen, { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } }])
        .when(cast('yes'))
        .thenThrows(RuleBroken, 'proposal-withdrawn');
    });
  });

  describe('cancelled', () => {
    it('refuses a vote on a cancelled proposal, though its deadline is ahead', () => {
      spec
        .given([...isOpen, voteCast('yes', null, 'm-2'), { type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Unlawful.' } }])
        .when(cast('yes'))
        .thenThrows(RuleBroken, 'proposal-cancelled');
    });
  });
});
