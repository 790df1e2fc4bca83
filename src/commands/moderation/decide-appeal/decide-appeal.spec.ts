import { specFor } from '../../../../test/support/given-when-then.js';
import type { AppealDecided, ModerationEvent } from '../../../events/moderation/moderation-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { appealed, comment, member, meta, taken } from '../moderation.fixtures.js';
import { evolveModerationCase, initialModerationCase, type ModerationCase } from '../moderation.state.js';
import type { DecideAppeal } from './decide-appeal.command.js';
import { decideDecideAppeal } from './decide-appeal.decide.js';

const spec = specFor<ModerationCase, DecideAppeal, ModerationEvent>({ initialState: initialModerationCase, evolve: evolveModerationCase, decide: decideDecideAppeal });
const decide = (change: Partial<DecideAppeal> = {}): DecideAppeal => ({
  actionId: 'a-1',
  target: comment,
  outcome: 'overturned',
  reason: 'Reviewed.',
  decider: { memberId: 'm-mod2', roles: ['moderator'] },
  nonce: 'n-new',
  meta,
  ...change,
});
const decision = (change: Partial<AppealDecided['data']> = {}): ModerationEvent => ({
  type: 'moderation.AppealDecided',
  data: { actionId: 'a-1', target: comment, decidedBy: 'm-mod2', outcome: 'overturned', reason: 'Reviewed.', visibilityAfter: null, suspensionLifted: false, ...change },
});

describe('DecideAppeal', () => {
  describe('an action nobody appealed', () => {
    it('refuses: there is nothing to decide', () => {
      spec.given([taken('a-1', 'hide')]).when(decide()).thenThrows(RuleBroken, 'not-appealed');
      spec.given([]).when(decide()).thenThrows(NotFound, 'action-not-found');
    });
  });

  describe('a pending appeal', () => {
    it('overturns a hide: the content shows again', () => {
      spec.given([taken('a-1', 'hide'), appealed('a-1')]).when(decide()).then([decision({ visibilityAfter: 'visible' })]);
    });

    it('overturns a removal: the content is restored', () => {
      spec.given([taken('a-1', 'remove'), appealed('a-1')]).when(decide()).then([decision({ visibilityAfter: 'visible' })]);
    });

    it('overturning an older hide leaves a later action standing', () => {
      spec.given([taken('a-1', 'hide'), taken('a-2', 'remove'), appealed('a-1')]).when(decide()).then([decision({ visibilityAfter: null })]);
    });

    it('upholds an action: nothing is reversed', () => {
      spec.given([taken('a-1', 'hide'), appealed('a-1')]).when(decide({ outcome: 'upheld' })).then([decision({ outcome: 'upheld' })]);
    });

    it('overturns a running suspension: it is lifted', () => {
      spec
        .given([taken('a-1', 'suspend', { target: member }), appealed('a-1', member)])
        .when(decide({ target: member }))
        .then([decision({ target: member, suspensionLifted: true })]);
    });

    it('overturns a suspension that has ended: nothing left to lift', () => {
      spec
        .given([taken('a-1', 'suspend', { target: member, until: '2030-04-01T00:00:00.000Z' }), appealed('a-1', member)])
        .when(decide({ target: member }))
        .then([decision({ target: member, suspensionLifted: false })]);
    });

    it('lets an arbiter decide', () => {
      spec.given([taken('a-1', 'warn'), appealed('a-1')]).when(decide({ decider: { memberId: 'm-arb', roles: ['arbiter'] } })).then([decision({ decidedBy: 'm-arb' })]);
    });

    it('refuses the moderator who acted', () => {
      spec.given([taken('a-1', 'hide'), appealed('a-1')]).when(decide({ decider: { memberId: 'm-mod', roles: ['moderator'] } })).thenThrows(RuleBroken, 'same-moderator');
    });

    it('refuses a member who is neither moderator nor arbiter (403)', () => {
      spec.given([taken('a-1', 'hide'), appealed('a-1')]).when(decide({ decider: { memberId: 'm-x', roles: ['steward'] } })).thenThrows(Forbidden, 'not-moderator-or-arbiter');
    });
  });

  describe('a decided appeal', () => {
    it('refuses a second decision', () => {
      spec.given([taken('a-1', 'hide'), appealed('a-1'), decision({ visibilityAfter: 'visible' })]).when(decide()).thenThrows(RuleBroken, 'appeal-decided');
    });
  });
});
