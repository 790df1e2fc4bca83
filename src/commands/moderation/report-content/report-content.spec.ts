import { specFor } from '../../../../test/support/given-when-then.js';
import type { ModerationEvent } from '../../../events/moderation/moderation-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { comment, meta, reported, signed, taken } from '../moderation.fixtures.js';
import { evolveModerationCase, initialModerationCase, type ModerationCase } from '../moderation.state.js';
import type { ReportContent } from './report-content.command.js';
import { decideReportContent } from './report-content.decide.js';

const spec = specFor<ModerationCase, ReportContent, ModerationEvent>({ initialState: initialModerationCase, evolve: evolveModerationCase, decide: decideReportContent });
const report = (change: Partial<ReportContent> = {}): ReportContent => ({
  reportId: 'r-new',
  target: comment,
  reporterId: 'm-rep',
  category: 'harassment',
  note: 'Insults another member.',
  targetFacts: { kind: 'found', affectedMemberId: 'm-author' },
  nonce: 'n-new',
  meta,
  ...change,
});

describe('ReportContent', () => {
  describe('a target nobody reported', () => {
    it('records the report with its category and trimmed note', () => {
      spec.given([]).when(report({ note: '  Insults another member.\n' })).then([reported('r-new', 'm-rep')]);
    });

    it('refuses a target that does not exist', () => {
      spec.given([]).when(report({ targetFacts: { kind: 'missing' } })).thenThrows(NotFound, 'comment-not-found');
    });

    it.each([
      ['an unknown category', { category: 'rude' as never }, 'category'],
      ['a blank note', { note: ' \n ' }, 'note'],
      ['a note of 2,001 characters', { note: 'x'.repeat(2_001) }, 'note'],
    ])('refuses %s (naming the field)', (_label, change, field) => {
      let thrown: unknown;
      try {
        decideReportContent(initialModerationCase, report(change));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidInput);
      expect((thrown as InvalidInput).field).toBe(field);
    });
  });

  describe('a target with an open report', () => {
    it('refuses a second report by the same member while theirs is open', () => {
      spec.given([reported('r-1', 'm-rep')]).when(report()).thenThrows(RuleBroken, 'already-reported');
    });

    it('accepts a report by another member', () => {
      spec.given([reported('r-1', 'm-other')]).when(report()).then([reported('r-new', 'm-rep')]);
    });

    it('refuses a report id used before, and a replayed act', () => {
      spec.given([reported('r-new', 'm-other')]).when(report()).thenThrows(Conflict, 'report-exists');
      spec.given([signed(reported('r-1', 'm-other'), 'n-1')]).when(report({ nonce: 'n-1' })).thenThrows(Conflict, 'replayed-act');
    });
  });

  describe('a target whose reports were resolved', () => {
    it('lets the same member report it again', () => {
      spec.given([reported('r-1', 'm-rep'), taken('a-1', 'hide', { resolved: ['r-1'] })]).when(report()).then([reported('r-new', 'm-rep')]);
    });
  });
});
