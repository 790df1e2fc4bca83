import { specFor } from '../../../../test/support/given-when-then.js';
import type { ProposalEvent, ProposalRules } from '../../../events/governance/proposal-events.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';
import type { OpenProposal } from './open-proposal.command.js';
import { decideOpenProposal } from './open-proposal.decide.js';

const spec = specFor<ProposalState, OpenProposal, ProposalEvent>({
  initialState: initialProposalState,
  evolve: evolveProposal,
  decide: decideOpenProposal,
});
const now = new Date('2030-05-01T00:00:00.000Z');
const meta = { actor: 'm-a', now, correlationId: 'c-1' };
const after = (millis: number): Date => new Date(now.getTime() + millis);
const DAY = 24 * 60 * 60 * 1000;
const rules: ProposalRules = { method: 'yes-no-abstain', quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true };
const author: Voter = { memberId: 'm-a', verification: { kind: 'verified', atPosition: 3 }, roles: [] };
const open = (change: Partial<OpenProposal> = {}): OpenProposal => ({
  proposalId: 'p-1',
  actor: author,
  closesAt: after(7 * DAY),
  electorate: { asOfPosition: 40, size: 12 },
  meta,
  ...change,
});
const drafted: ProposalEvent = {
  type: 'governance.ProposalDrafted',
  data: { proposalId: 'p-1', authorId: 'm-a', title: 'Fix the well', body: '', rules, motion: { kind: 'general' }, topic: null },
};
const opened = (openedBy = 'm-a', closesAt = after(7 * DAY)): ProposalEvent => ({
  type: 'governance.ProposalOpened',
  data: { proposalId: 'p-1', openedBy, closesAt: closesAt.toISOString(), rules, electorate: { asOfPosition: 40, size: 12 } },
});
const submitted: ProposalEvent = { type: 'governance.ProposalSubmitted', data: { proposalId: 'p-1', submittedBy: 'm-a' } };
const ready = [drafted, submitted];
const withdrawn: ProposalEvent = { type: 'governance.ProposalWithdrawn', data: { proposalId: 'p-1', withdrawnBy: 'm-a' } };
const cancelled: ProposalEvent = { type: 'governance.ProposalCancelled', data: { proposalId: 'p-1', cancelledBy: 'm-s', reason: 'Duplicate.' } };
const closed: ProposalEvent = {
  type: 'governance.ProposalClosed',
  data: { proposalId: 'p-1', result: 'no-quorum', tally: { yes: 0, no: 0, abstain: 0 }, direct: { yes: 0, no: 0, abstain: 0 }, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 12, delegationsAsOfPosition: null },
};

function invalidField(command: OpenProposal): string | undefined {
  try {
    spec.given(ready).when(command).then([opened()]);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return error.field;
  }
  return undefined;
}

describe('OpenProposal', () => {
  describe('no proposal', () => {
    it('refuses to open a proposal that does not exist', () => {
      spec.given([]).when(open()).thenThrows(NotFound, 'proposal-not-found');
    });
  });

  describe('drafted', () => {
    it('refuses to open a draft its author has not submitted', () => {
      spec.given([drafted]).when(open()).thenThrows(RuleBroken, 'not-submitted');
    });

    it('refuses a steward too: a draft is still its author’s to revise', () => {
      const steward: Voter = { memberId: 'm-s', verification: { kind: 'verified', atPosition: 1 }, roles: ['steward'] };
      spec.given([drafted]).when(open({ actor: steward })).thenThrows(RuleBroken, 'not-submitted');
    });
  });

  describe('submitted', () => {
    it('opens the proposal with the drafted rules and the electorate', () => {
      spec.given(ready).when(open()).then([opened()]);
    });

    it('lets a steward open somebody else’s proposal', () => {
      const steward: Voter = { memberId: 'm-s', verification: { kind: 'verified', atPosition: 1 }, roles: ['steward'] };
      spec.given(ready).when(open({ actor: steward })).then([opened('m-s')]);
    });

    it.each([
      ['a verifier', ['verifier'] as const],
      ['a member without roles', [] as const],
    ])('refuses %s who is not the author', (_label, roles) => {
      const other: Voter = { memberId: 'm-o', verification: { kind: 'verified', atPosition: 1 }, roles: [...roles] };
      spec.given(ready).when(open({ actor: other })).thenThrows(Forbidden, 'not-author');
    });

    describe('closesAt', () => {
      it.each([
        ['exactly 60 s from now', after(60_000)],
        ['exactly 90 days from now', after(90 * DAY)],
      ])('accepts %s', (_label, closesAt) => {
        spec.given(ready).when(open({ closesAt })).then([opened('m-a', closesAt)]);
      });

      it.each([
        ['1 ms short of 60 s from now', after(59_999)],
        ['now', now],
        ['in the past', after(-DAY)],
        ['1 ms past 90 days from now', after(90 * DAY + 1)],
        ['an invalid date', new Date(Number.NaN)],
      ])('refuses %s', (_label, closesAt) => {
        expect(invalidField(open({ closesAt }))).toBe('closesAt');
      });
    });

    it.each([
      [{ asOfPosition: -1, size: 12 }, 'electorate.asOfPosition'],
      [{ asOfPosition: 1.5, size: 12 }, 'electorate.asOfPosition'],
      [{ asOfPosition: 40, size: -1 }, 'electorate.size'],
      [{ asOfPosition: 40, size: 2.5 }, 'electorate.size'],
    ])('refuses the electorate %p', (electorate, field) => {
      expect(invalidField(open({ electorate }))).toBe(field);
    });

    it('refuses an empty electorate', () => {
      spec
        .given(ready)
        .when(open({ electorate: { asOfPosition: 40, size: 0 } }))
        .thenThrows(RuleBroken, 'empty-electorate');
    });
  });

  describe('open', () => {
    it('refuses to open the proposal again', () => {
      spec.given([drafted, submitted, opened()]).when(open()).thenThrows(RuleBroken, 'already-opened');
    });

    it('tells a stranger they are not the author before anything else', () => {
      const other: Voter = { memberId: 'm-o', verification: { kind: 'verified', atPosition: 1 }, roles: [] };
      spec.given([drafted, submitted, opened()]).when(open({ actor: other })).thenThrows(Forbidden, 'not-author');
    });
  });

  describe('closed', () => {
    it('refuses to reopen a closed proposal', () => {
      spec.given([drafted, submitted, opened(), closed]).when(open()).thenThrows(RuleBroken, 'already-opened');
    });
  });

  describe('withdrawn', () => {
    it('refuses to open a withdrawn proposal', () => {
      spec.given([...ready, withdrawn]).when(open()).thenThrows(RuleBroken, 'proposal-withdrawn');
    });
  });

  describe('cancelled', () => {
    it('refuses to open a cancelled proposal', () => {
      spec.given([...ready, cancelled]).when(open()).thenThrows(RuleBroken, 'proposal-cancelled');
    });
  });
});
