import { useId, useState, type FormEvent } from 'react';
import { memberApi } from '../../api/commands';
import type { ProposalDetail } from '../../api/types';
import { ActionProblem } from '../../components/ActionProblem';
import { Field, fieldMessage } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n/t';
import { signAct } from '../../keys/sign';
import { href } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';

interface Props {
  proposal: ProposalDetail;
  /** Reloads the proposal once the read model has passed `position`. */
  onChanged: (position: number) => Promise<void>;
}

const CHOICES = ['yes', 'no', 'abstain'] as const;
const MAX_MINUTES = 90 * 24 * 60;

/** What the logged-in member may do with this proposal now: submit it, open it, or vote. */
export function ProposalActions({ proposal, onChanged }: Props) {
  const me = useMe();
  const headingId = useId();
  const [voted, setVoted] = useState<string | null>(null);
  const [minutes, setMinutes] = useState('60');
  const [minutesError, setMinutesError] = useState<string | undefined>(undefined);
  const { proposalId } = proposal;

  const submit = useAction(async () => {
    const { token, key } = signerOf(me);
    const { position } = await memberApi.submit(token, proposalId, await signAct(key, 'governance.SubmitProposal', { proposalId }));
    await onChanged(position);
  });
  const open = useAction(async () => {
    const { token, key } = signerOf(me);
    const closesAt = new Date(Date.now() + Number(minutes) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const act = await signAct(key, 'governance.OpenProposal', { proposalId, closesAt });
    const { position } = await memberApi.open(token, proposalId, closesAt, act);
    await onChanged(position);
  });
  const vote = useAction(async (choice: string) => {
    const { token, key } = signerOf(me);
    const { position } = await memberApi.vote(token, proposalId, choice, await signAct(key, 'governance.CastVote', { proposalId, choice }));
    setVoted(choice);
    await onChanged(position);
  });

  if (!me.session) {
    if (proposal.status !== 'open') return null;
    return (
      <p className="panel">
        <a href={href.login()}>{t('nav.login')}</a> {t('proposal.loginToVote')}
      </p>
    );
  }
  const isAuthor = me.member?.memberId === proposal.authorId;
  const isSteward = me.member?.roles.includes('steward') ?? false;

  const onOpen = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes);
    const ok = /^\d+$/.test(minutes.trim()) && value >= 2 && value <= MAX_MINUTES;
    setMinutesError(ok ? undefined : t('proposal.minutesInvalid', { max: MAX_MINUTES }));
    if (ok) void open.run();
  };

  let body: React.ReactNode = null;
  if (proposal.status === 'drafted' && isAuthor) {
    body = (
      <>
        <p>{t('proposal.submitIntro')}</p>
        <ActionProblem action={submit} />
        <button type="button" className="button" aria-disabled={submit.busy} onClick={() => void submit.run()}>
          {submit.busy ? t('common.signing') : t('proposal.submit')}
        </button>
      </>
    );
  } else if (proposal.status === 'submitted' && (isAuthor || isSteward)) {
    body = (
      <form className="form" onSubmit={onOpen} noValidate>
        <p>{t('proposal.openIntro')}</p>
        <ActionProblem action={open} />
        <Field label={t('proposal.closesInMinutes')} error={fieldMessage(open.problem, 'closesAt', minutesError)}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={open.busy}>
            {open.busy ? t('common.signing') : t('proposal.open')}
          </button>
        </div>
      </form>
    );
  } else if (proposal.status === 'open') {
    body = (
      <>
        <p>{t('proposal.voteIntro')}</p>
        <ActionProblem action={vote} />
        <div className="button-row" role="group" aria-label={t('proposal.voteGroup')}>
          {CHOICES.map((choice) => (
            <button key={choice} type="button" className="button" aria-disabled={vote.busy} onClick={() => void vote.run(choice)}>
              {t(`tally.${choice}`)}
            </button>
          ))}
        </div>
        {voted ? (
          <p role="status" className="success-text">
            {t('proposal.voted', { choice: t(`tally.${voted as (typeof CHOICES)[number]}`) })}
          </p>
        ) : null}
      </>
    );
  }
  if (body === null) return null;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('proposal.actions')}</h2>
      {body}
    </section>
  );
}
