import { specFor } from '../../../../test/support/given-when-then.js';
import type { ModerationEvent } from '../../../events/moderation/moderation-events.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { appealed, comment, decided, meta, taken } from '../moderation.fixtures.js';
import { evolveModerationCase, initialModerationCase, type ModerationCase } from '../moderation.state.js';
import type { AppealAction } from './appeal-action.command.js';
import { decideAppealAction } from './appeal-action.decide.js';

const spec = specFor<ModerationCase, AppealAction, ModerationEvent>({ initialState: initialModerationCase, evolve: evolveModerationCase, decide: decideAppealAction });
const appeal = (change: Partial<AppealAction> = {}): AppealAction => ({
  actionId: 'a-1',
  target: comment,
  appellantId: 'm-author',
  statement: 'It was a quote.',
  nonce: 'n-new',
  meta,
  ...change,
});

describe('AppealAction', () => {
  describe('no such action on this target', () => {
    it('refuses (404)', () => {
      spec.given([]).when(appeal()).thenThrows(NotFound, 'action-not-found');
    });
  });

  describe('an action not yet appealed', () => {
    it.each(['hide', 'remove', 'warn'] as const)('lets the affected member appeal a %s', (kind) => {
      spec.given([taken('a-1', kind)]).when(appeal()).then([appealed('a-1')]);
    });

    it('refuses anyone but the affected member (403)', () => {
      spec.given([taken('a-1', 'hide')]).when(appeal({ appellantId: 'm-rep' })).thenThrows(Forbidden, 'not-affected');
    });

    it('refuses to appeal a restoration', () => {
      spec.given([taken('a-0', 'hide'), taken('a-1', 'restore')]).when(appeal()).thenThrows(RuleBroken, 'not-appealable');
    });

    it('refuses a blank statement (naming it)', () => {
      expect(() => decideAppealAction(initialModerationCase, appeal({ statement: ' ' }))).toThrow(InvalidInput);
    });
  });

  describe('an appealed action', () => {
    it('refuses a second appeal, pending or decided', () => {
      spec.given([taken('a-1', 'hide'), appealed('a-1')]).when(appeal()).thenThrows(RuleBroken, 'already-appealed');
      spec.given([taken('a-1', 'hide'), appealed('a-1'), decided('a-1', 'upheld')]).when(appeal()).thenThrows(RuleBroken, 'already-appealed');
    });
  });
});
