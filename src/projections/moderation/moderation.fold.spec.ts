import { EventLog, newId } from '../../../test/projections/support/events.js';
import type { ModerationTarget } from '../../events/moderation/moderation-events.js';
import { foldModeration, moderationKeysOf } from './moderation.fold.js';

const none = { reports: new Map(), actions: new Map() };

describe('foldModeration', () => {
  const [p, c, author, rep, mod, r1, a1] = Array.from({ length: 7 }, newId) as string[];
  const target: ModerationTarget = { kind: 'comment', proposalId: p!, commentId: c! };
  const stream = `moderation-comment-${p}-${c}`;
  const action = (actionId: string, kind: string, visibilityAfter: string | null, resolvedReports: string[] = []) => ({
    actionId,
    target,
    moderatorId: mod,
    affectedMemberId: author,
    kind,
    rule: '3.2',
    reason: 'Insult.',
    until: null,
    visibilityAfter,
    resolvedReports,
  });

  it('opens a report, resolves it by the action, and sets the visibility', () => {
    const log = new EventLog(5);
    log.append(stream, 'moderation.ContentReported', { reportId: r1, target, reporterId: rep, category: 'spam', note: 'Ads.' });
    log.append(stream, 'moderation.ActionTaken', action(a1!, 'hide', 'hidden', [r1!]));
    expect(moderationKeysOf(log.events)).toEqual({ reportIds: [r1], actionIds: [a1] });
    const rows = foldModeration(none, log.events);
    expect(rows.reports).toEqual([expect.objectContaining({ reportId: r1, status: 'resolved', resolvedByAction: a1 })]);
    expect(rows.visibility).toEqual([{ targetKey: `comment-${p}-${c}`, target, visibility: 'hidden', updatedPosition: 6 }]);
    expect(rows.log).toEqual([expect.objectContaining({ position: 6, entry: 'action', kind: 'hide', actorId: mod, text: 'Insult.' })]);
  });

  it('skips an appeal of an unknown action and events already applied', () => {
    const log = new EventLog(5);
    log.append(stream, 'moderation.ActionAppealed', { actionId: newId(), target, appellantId: author, statement: 'No.' });
    expect(foldModeration(none, log.events)).toEqual({ reports: [], actions: [], visibility: [], log: [] });
    const taken = new EventLog(9);
    taken.append(stream, 'moderation.ActionTaken', action(a1!, 'warn', null));
    const existing = { reports: new Map(), actions: new Map(foldModeration(none, taken.events).actions.map((a) => [a.actionId, a])) };
    expect(foldModeration(existing, taken.events).actions).toEqual([]);
  });
});
