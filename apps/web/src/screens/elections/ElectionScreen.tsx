import { useState, type FormEvent } from 'react';
import { request } from '../../api/client';
import { publicApi } from '../../api/commands';
import type { Written } from '../../api/types';
import { ActionProblem } from '../../components/ActionProblem';
import { DateTime } from '../../components/DateTime';
import { Field, fieldMessage } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { useAction } from '../../hooks/useAction';
import { REFRESH_MS, useResource } from '../../hooks/useResource';
import { labelFor, t } from '../../i18n/t';
import { signAct } from '../../keys/sign';
import { href } from '../../routing/routes';
import { signerOf, useMe } from '../../session/MemberContext';
import { ElectionRounds, votes, type CountingRound } from './ElectionRounds';
import type { ElectionSummary } from './ElectionsScreen';

interface ElectionDetail extends ElectionSummary {
  candidates: { candidateId: string; statement: string; status: 'standing' | 'withdrawn'; declaredAt: string }[];
  result: { winners: string[]; ballotsCounted: number; electorateSize: number; quota: string | null; rounds: CountingRound[] } | null;
}

/** One election: candidates and statements, standing as a candidate, a ranked ballot, and the result. */
export function ElectionScreen({ electionId }: { electionId: string }) {
  const me = useMe();
  const [atPosition, setAtPosition] = useState<number | undefined>(undefined);
  // Until it closes the phase moves on the server's clock, so the page follows it closely.
  const election = useResource(
    `election:${electionId}:${atPosition ?? ''}`,
    (signal) => request<ElectionDetail>(`/elections/${encodeURIComponent(electionId)}`, { signal, query: { atPosition } }),
    (data) => (data?.phase === 'closed' ? undefined : REFRESH_MS),
  );
  const members = useResource('members-for-election', (signal) => publicApi.members({ limit: 200, offset: 0 }, signal));
  const handleOf = (id: string) => members.data?.items.find((m) => m.memberId === id)?.handle ?? id.slice(0, 8);
  return (
    <>
      <p className="back-link">
        <a href={href.elections()}>
          <span aria-hidden="true">← </span>
          {t('elections.back')}
        </a>
      </p>
      <ResourceView resource={election}>
        {(e) => {
          // The phase is the server's: this device's clock may be off, and the server decides by its own.
          const standing = e.candidates.filter((c) => c.status === 'standing');
          const nominating = e.phase === 'nominations';
          const voting = e.phase === 'voting';
          return (
            <>
              <h1 tabIndex={-1}>{e.title}</h1>
              <section className="panel">
                <dl className="facts">
                  <div>
                    <dt>{t('elections.phase')}</dt>
                    <dd data-testid="election-phase">{labelFor('electionPhase', e.phase)}</dd>
                  </div>
                  <div>
                    <dt>{t('elections.role')}</dt>
                    <dd>{e.role ? labelFor('role', e.role) : t('elections.noRole')}</dd>
                  </div>
                  <div>
                    <dt>{t('elections.seats')}</dt>
                    <dd>{e.seats}</dd>
                  </div>
                  <div>
                    <dt>{t('elections.method')}</dt>
                    <dd>{labelFor('electionMethod', e.method)}</dd>
                  </div>
                  <div>
                    <dt>{t('elections.nominationsClose')}</dt>
                    <dd>
                      <DateTime value={e.nominationsCloseAt} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('proposal.closesAt')}</dt>
                    <dd>
                      <DateTime value={e.closesAt} />
                    </dd>
                  </div>
                </dl>
              </section>
              {e.result ? (
                <section className="panel" aria-labelledby="result">
                  <h2 id="result">{t('elections.result')}</h2>
                  <ol>
                    {e.result.winners.map((w) => (
                      <li key={w}>{handleOf(w)}</li>
                    ))}
                  </ol>
                  <p>{t('elections.ballotsCounted', { ballots: e.result.ballotsCounted, electorate: e.result.electorateSize })}</p>
                  {e.result.quota !== null ? <p>{t('elections.quota', { quota: votes(e.result.quota) })}</p> : null}
                </section>
              ) : null}
              {e.result ? <ElectionRounds rounds={e.result.rounds} candidates={standing.map((c) => c.candidateId)} handleOf={handleOf} /> : null}
              {e.phase === 'counting' ? (
                <p role="status" className="notice">
                  {t('elections.counting')}
                </p>
              ) : null}
              <section className="panel" aria-labelledby="candidates">
                <h2 id="candidates">{t('elections.candidates')}</h2>
                {standing.length === 0 ? (
                  <p>{t('elections.noCandidates')}</p>
                ) : (
                  <ul className="plain-list">
                    {standing.map((c) => (
                      <li key={c.candidateId}>
                        <strong>{handleOf(c.candidateId)}</strong>
                        {c.statement ? <span className="comment__body"> — {c.statement}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              {me.session && nominating && !standing.some((c) => c.candidateId === me.session!.memberId) ? <CandidacyForm electionId={electionId} onDone={setAtPosition} /> : null}
              {me.session && voting && standing.length > 0 ? <Ballot electionId={electionId} candidates={standing.map((c) => c.candidateId)} handleOf={handleOf} /> : null}
            </>
          );
        }}
      </ResourceView>
    </>
  );
}

function CandidacyForm({ electionId, onDone }: { electionId: string; onDone: (p: number) => void }) {
  const me = useMe();
  const [statement, setStatement] = useState('');
  const declare = useAction(async () => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'governance.DeclareCandidacy', { electionId, statement: statement.trim() });
    const { position } = await request<Written>(`/elections/${encodeURIComponent(electionId)}/candidacies`, { method: 'POST', token, body: { statement: statement.trim(), act } });
    onDone(position);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void declare.run();
  };
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={t('elections.stand')}>
      <h2>{t('elections.stand')}</h2>
      <ActionProblem action={declare} />
      <Field label={t('elections.statement')} error={fieldMessage(declare.problem, 'statement')}>
        {({ id, describedBy, invalid }) => <textarea id={id} rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={declare.busy}>
          {declare.busy ? t('common.signing') : t('elections.standSubmit')}
        </button>
      </div>
    </form>
  );
}

/** A ranked ballot: candidates move up and down with buttons (keyboard and touch alike); unranked ones are left out. */
function Ballot({ electionId, candidates, handleOf }: { electionId: string; candidates: string[]; handleOf: (id: string) => string }) {
  const me = useMe();
  const [ranking, setRanking] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const unranked = candidates.filter((c) => !ranking.includes(c));
  const cast = useAction(async () => {
    const { token, key } = signerOf(me);
    const act = await signAct(key, 'governance.CastBallot', { electionId, choices: ranking });
    await request<Written>(`/elections/${encodeURIComponent(electionId)}/ballots`, { method: 'POST', token, body: { choices: ranking, act } });
    setDone(true);
  });
  const move = (i: number, by: number) => {
    const next = [...ranking];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    setRanking(next);
  };
  return (
    <section className="panel" aria-labelledby="ballot">
      <h2 id="ballot">{t('elections.ballot')}</h2>
      <p>{t('elections.ballotIntro')}</p>
      <ActionProblem action={cast} />
      <ol className="ranking">
        {ranking.map((c, i) => (
          <li key={c}>
            <span>{handleOf(c)}</span>{' '}
            <button type="button" className="button button--secondary button--small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('elections.up', { name: handleOf(c) })}>
              ↑
            </button>{' '}
            <button type="button" className="button button--secondary button--small" disabled={i === ranking.length - 1} onClick={() => move(i, 1)} aria-label={t('elections.down', { name: handleOf(c) })}>
              ↓
            </button>{' '}
            <button type="button" className="button button--secondary button--small" onClick={() => setRanking(ranking.filter((x) => x !== c))} aria-label={t('elections.remove', { name: handleOf(c) })}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      {unranked.length > 0 ? (
        <div className="button-row">
          {unranked.map((c) => (
            <button key={c} type="button" className="button button--secondary button--small" onClick={() => setRanking([...ranking, c])}>
              {t('elections.add', { name: handleOf(c) })}
            </button>
          ))}
        </div>
      ) : null}
      <p>
        <button type="button" className="button" aria-disabled={cast.busy || ranking.length === 0} onClick={() => ranking.length > 0 && void cast.run()}>
          {cast.busy ? t('common.signing') : t('elections.castSubmit')}
        </button>
      </p>
      {done ? <p role="status" className="success-text">{t('elections.cast')}</p> : null}
    </section>
  );
}
