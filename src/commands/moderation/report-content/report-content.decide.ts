import { REPORT_CATEGORIES, targetKey, type ContentReported } from '../../../events/moderation/moderation-events.js';
import { NOTE_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { validText } from '../moderation-text.js';
import type { ModerationCase } from '../moderation.state.js';
import type { ReportContent } from './report-content.command.js';

export function decideReportContent(state: ModerationCase, command: ReportContent): ContentReported[] {
  const { reportId, target, reporterId, category, targetFacts, nonce } = command;
  if (!REPORT_CATEGORIES.includes(category)) throw new InvalidInput('category', `category must be one of ${REPORT_CATEGORIES.join(', ')}`);
  const note = validText('note', command.note, NOTE_MAX_CHARS);
  if (targetFacts.kind === 'missing') throw new NotFound(target.kind, targetKey(target));
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (state.reportIds.has(reportId)) throw new Conflict('report-exists', `report ${reportId} already exists`);
  if ([...state.openReports.values()].includes(reporterId)) {
    throw new RuleBroken('already-reported', 'you already have an open report on this; it stays open until a moderator acts on it');
  }
  return [{ type: 'moderation.ContentReported', data: { reportId, target, reporterId, category, note } }];
}
