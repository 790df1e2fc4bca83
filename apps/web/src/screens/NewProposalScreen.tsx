import { useState, type FormEvent } from 'react';
import { memberApi, publicApi } from '../api/commands';
import { useResource } from '../hooks/useResource';
import { ActionProblem } from '../components/ActionProblem';
import { Field, fieldMessage } from '../components/Field';
import { useAction } from '../hooks/useAction';
import { labelFor, t } from '../i18n/t';
import { bodySha256, signAct } from '../keys/sign';
import { href, navigate } from '../routing/routes';
import { signerOf, useMe } from '../session/MemberContext';

interface Draft {
  title: string;
  body: string;
  quorum: string;
  threshold: string;
  allowVoteChange: boolean;
  /** What passing it does: nothing but the decision, or granting or taking away a role. */
  motion?: 'general' | 'grant-role' | 'revoke-role';
  motionMember?: string;
  motionRole?: string;
}

const ROLES = ['steward', 'verifier', 'moderator', 'arbiter'] as const;

type Errors = Partial<Record<keyof Draft, string>>;

/** A whole percentage with up to two decimals, as basis points; null when out of range. */
function percentToBps(text: string, max: number): number | null {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text.trim())) return null;
  const bps = Math.round(Number(text) * 100);
  return bps >= 0 && bps <= max ? bps : null;
}

const DRAFT_KEY = 'civic.proposal-draft';

function savedDraft(): Draft {
  try {
    const saved = window.sessionStorage.getItem(DRAFT_KEY);
    if (saved) return JSON.parse(saved) as Draft;
  } catch {
    // fall through to an empty draft
  }
  return { title: '', body: '', quorum: '20', threshold: '50', allowVoteChange: true };
}

/** Drafting a proposal: signed in the browser over its title, the SHA-256 of its text, and its rules. */
export function NewProposalScreen() {
  const me = useMe();
  const members = useResource('members-for-motion', (signal) => publicApi.members({ limit: 200, offset: 0 }, signal));
  const [draft, setDraftState] = useState<Draft>(savedDraft);
  const [errors, setErrors] = useState<Errors>({});
  const setDraft = (next: Draft) => {
    setDraftState(next);
    // Kept for this tab, so a reload or a failed request loses nothing.
    try {
      window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify(next));
    } catch {
      // storage unavailable: the state alone keeps it
    }
  };

  const action = useAction(async () => {
    const { token, key } = signerOf(me);
    const proposalId = crypto.randomUUID();
    const rules = {
      quorumBps: percentToBps(draft.quorum, 10000)!,
      thresholdBps: percentToBps(draft.threshold, 9999)!,
      allowVoteChange: draft.allowVoteChange,
    };
    const title = draft.title.trim();
    const motionKind = draft.motion ?? 'general';
    // A general proposal states no motion, as clients that predate motions do.
    const motion = motionKind === 'general' ? undefined : { kind: motionKind, memberId: draft.motionMember!, role: draft.motionRole ?? 'moderator' };
    const act = await signAct(key, 'governance.DraftProposal', { proposalId, title, bodySha256: await bodySha256(draft.body), rules, ...(motion ? { motion } : {}) });
    await memberApi.draft(token, { proposalId, title, body: draft.body, rules, ...(motion ? { motion } : {}), act });
    window.sessionStorage.removeItem(DRAFT_KEY);
    navigate(href.proposal(proposalId));
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (draft.title.trim().length < 1 || draft.title.trim().length > 200) found.title = t('newProposal.titleInvalid');
    if (draft.body.length > 20000) found.body = t('newProposal.bodyInvalid');
    if (percentToBps(draft.quorum, 10000) === null) found.quorum = t('newProposal.quorumInvalid');
    if (percentToBps(draft.threshold, 9999) === null) found.threshold = t('newProposal.thresholdInvalid');
    if ((draft.motion ?? 'general') !== 'general' && !draft.motionMember) found.motionMember = t('contract.counterpartyMissing');
    setErrors(found);
    if (Object.keys(found).length === 0) void action.run();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('newProposal.title')}</h1>
      <p className="intro">{t('newProposal.intro')}</p>
      <ActionProblem action={action} />
      <form className="panel form" onSubmit={onSubmit} noValidate>
        <Field label={t('newProposal.titleLabel')} error={fieldMessage(action.problem, 'title', errors.title)}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="title" maxLength={200} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field label={t('newProposal.bodyLabel')} hint={t('newProposal.bodyHint')} error={fieldMessage(action.problem, 'body', errors.body)}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} name="body" rows={8} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <div className="form__row">
          <Field label={t('newProposal.quorumLabel')} hint={t('proposal.quorumHelp')} error={fieldMessage(action.problem, 'quorumBps', errors.quorum)}>
            {({ id, describedBy, invalid }) => (
              <input id={id} name="quorum" inputMode="decimal" value={draft.quorum} onChange={(e) => setDraft({ ...draft, quorum: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <Field label={t('newProposal.thresholdLabel')} hint={t('proposal.thresholdHelp')} error={fieldMessage(action.problem, 'thresholdBps', errors.threshold)}>
            {({ id, describedBy, invalid }) => (
              <input id={id} name="threshold" inputMode="decimal" value={draft.threshold} onChange={(e) => setDraft({ ...draft, threshold: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
        </div>
        <div className="form__row">
          <Field label={t('newProposal.motion')}>
            {({ id }) => (
              <select id={id} value={draft.motion ?? 'general'} onChange={(e) => setDraft({ ...draft, motion: e.target.value as Draft['motion'] })}>
                <option value="general">{t('newProposal.motion.general')}</option>
                <option value="grant-role">{t('newProposal.motion.grant-role')}</option>
                <option value="revoke-role">{t('newProposal.motion.revoke-role')}</option>
              </select>
            )}
          </Field>
          {(draft.motion ?? 'general') !== 'general' ? (
            <>
              <Field label={t('newProposal.motionMember')} error={errors.motionMember}>
                {({ id, describedBy, invalid }) => (
                  <select id={id} value={draft.motionMember ?? ''} onChange={(e) => setDraft({ ...draft, motionMember: e.target.value })} aria-describedby={describedBy} aria-invalid={invalid}>
                    <option value="">{t('contract.chooseMember')}</option>
                    {(members.data?.items ?? []).map((m) => (
                      <option key={m.memberId} value={m.memberId}>
                        {m.handle}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('newProposal.motionRole')}>
                {({ id }) => (
                  <select id={id} value={draft.motionRole ?? 'moderator'} onChange={(e) => setDraft({ ...draft, motionRole: e.target.value })}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {labelFor('role', r)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          ) : null}
        </div>
        <label className="checkbox">
          <input type="checkbox" name="allowVoteChange" checked={draft.allowVoteChange} onChange={(e) => setDraft({ ...draft, allowVoteChange: e.target.checked })} />
          {t('newProposal.allowVoteChange')}
        </label>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={action.busy}>
            {action.busy ? t('common.signing') : t('newProposal.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
