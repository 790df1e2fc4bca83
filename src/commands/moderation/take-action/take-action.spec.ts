import { specFor } from '../../../../test/support/given-when-then.js';
import type { ModerationEvent } from '../../../events/moderation/moderation-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { comment, member, meta, reported, taken } from '../moderation.fixtures.js';
import { evolveModerationCase, initialModerationCase, type ModerationCase } from '../moderation.state.js';
import type { TakeAction } from './take-action.command.js';
import { decideTakeAction } from './take-action.decide.js';

const spec = specFor<ModerationCase, TakeAction, ModerationEvent>({ initialState: initialModerationCase, evolve: evolveModerationCase, decide: decideTakeAction });
const act = (change: Partial<TakeAction> = {}): TakeAction => ({
  actionId: 'a-new',
  target: comment,
  kind: 'hide',
  rule: '3.2 no personal attacks',
  reason: 'Personal attack.',
  until: null,
  resolves: [],
  moderator: { memberId: 'm-mod', roles: ['moderator'] },
  targetFacts: { kind: 'found', affectedMemberId: 'm-author' },
  nonce: 'n-new',
  meta,
  ...change,
});

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof InvalidInput ? error.field : undefined;
  }
  return undefined;
}

describe('TakeAction', () => {
  describe('visible content', () => {
    it('hides it, resolving the open reports named', () => {
      spec.given([reported('r-1', 'm-rep')]).when(act({ resolves: ['r-1'] })).then([taken('a-new', 'hide', { resolved: ['r-1'] })]);
    });

    it('removes it, or warns its author', () => {
      spec.given([]).when(act({ kind: 'remove' })).then([taken('a-new', 'remove')]);
      spec.given([]).when(act({ kind: 'warn' })).then([taken('a-new', 'warn')]);
    });

    it('refuses a restore: it is visible', () => {
      spec.given([]).when(act({ kind: 'restore' })).thenThrows(RuleBroken, 'already-visible');
    });

    it('refuses a suspension of content', () => {
      spec.given([]).when(act({ kind: 'suspend', until: new Date('2030-05-08T12:00:00.000Z') })).thenThrows(RuleBroken, 'not-applicable');
    });

    it('refuses a member who is not a moderator (403)', () => {
      spec.given([]).when(act({ moderator: { memberId: 'm-x', roles: ['verifier', 'arbiter'] } })).thenThrows(Forbidden, 'not-moderator');
    });

    it('refuses a moderator acting on their own content', () => {
      spec.given([]).when(act({ targetFacts: { kind: 'found', affectedMemberId: 'm-mod' } })).thenThrows(RuleBroken, 'own-content');
    });

    it('refuses a target that does not exist, an action id used before, and a report that is not open here', () => {
      spec.given([]).when(act({ targetFacts: { kind: 'missing' } })).thenThrows(NotFound, 'comment-not-found');
      spec.given([taken('a-new', 'warn')]).when(act()).thenThrows(Conflict, 'action-exists');
      spec.given([]).when(act({ resolves: ['r-elsewhere'] })).thenThrows(RuleBroken, 'report-not-open');
    });

    it.each([
      ['a blank rule', { rule: ' ' }, 'rule'],
      ['a reason of 1,001 characters', { reason: 'x'.repeat(1_001) }, 'reason'],
      ['an until on a hide', { until: new Date('2030-06-01T00:00:00.000Z') }, 'until'],
    ])('refuses %s (naming the field)', (_label, change, field) => {
      expect(fieldOf(() => decideTakeAction(initialModerationCase, act(change)))).toBe(field);
    });
  });

  describe('hidden content', () => {
    it('restores it', () => {
      spec.given([taken('a-1', 'hide')]).when(act({ kind: 'restore' })).then([taken('a-new', 'restore')]);
    });

    it('refuses to hide it again, but removes it', () => {
      spec.given([taken('a-1', 'hide')]).when(act()).thenThrows(RuleBroken, 'already-hidden');
      spec.given([taken('a-1', 'hide')]).when(act({ kind: 'remove' })).then([taken('a-new', 'remove')]);
    });
  });

  describe('removed content', () => {
    it('refuses to hide or remove it again; a restore brings it back', () => {
      spec.given([taken('a-1', 'remove')]).when(act()).thenThrows(RuleBroken, 'already-removed');
      spec.given([taken('a-1', 'remove')]).when(act({ kind: 'remove' })).thenThrows(RuleBroken, 'already-removed');
      spec.given([taken('a-1', 'remove')]).when(act({ kind: 'restore' })).then([taken('a-new', 'restore')]);
    });
  });

  describe('a member', () => {
    const onMember = (change: Partial<TakeAction>) => act({ target: member, ...change });

    it('suspends them until a future instant', () => {
      spec.given([]).when(onMember({ kind: 'suspend', until: new Date('2030-05-08T12:00:00.000Z') })).then([taken('a-new', 'suspend', { target: member })]);
    });

    it('refuses a suspension without an end, or ending in the past (naming until)', () => {
      expect(fieldOf(() => decideTakeAction(initialModerationCase, onMember({ kind: 'suspend', until: null })))).toBe('until');
      expect(fieldOf(() => decideTakeAction(initialModerationCase, onMember({ kind: 'suspend', until: new Date('2030-04-01T00:00:00.000Z') })))).toBe('until');
    });

    it.each(['hide', 'remove', 'restore'] as const)('refuses to %s a member', (kind) => {
      spec.given([]).when(onMember({ kind })).thenThrows(RuleBroken, 'not-applicable');
    });

    it('refuses a moderator suspending themselves', () => {
      spec
        .given([])
        .when(onMember({ kind: 'suspend', until: new Date('2030-05-08T12:00:00.000Z'), targetFacts: { kind: 'found', affectedMemberId: 'm-mod' } }))
        .thenThrows(RuleBroken, 'own-content');
    });
  });
});
