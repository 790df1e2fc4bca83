/**
 * The analyst views (DESIGN §4): read-only SQL in the `analytics` schema, over the read models.
 *
 * Each view selects from a `LANGUAGE sql` function whose body names the read-model tables.
 * PostgreSQL binds a view to the tables it names when the view is created, but parses a SQL
 * function's body only when it runs: so a blue-green rebuild may drop and swap the tables under
 * the views without breaking or re-pointing them (ADR 0016). The function runs with its owner's
 * rights, so an analyst granted only the `analytics` schema reads the views, never the tables.
 */
export interface AnalyticsView {
  /** `analytics.<name>`; also the path of its JSON and CSV export. */
  readonly name: string;
  readonly description: string;
  /** Output columns and their SQL types, in order. */
  readonly columns: readonly (readonly [name: string, type: string])[];
  /** The SELECT, naming tables schema-qualified (`read_models.x`); rows in a stable order. */
  readonly select: string;
}

const governance: AnalyticsView[] = [
  {
    name: 'decision_log',
    description: 'Every closed proposal: motion, topic, result, direct and delegated tally, electorate, turnout and positions on the public log.',
    columns: [
      ['proposal_id', 'uuid'],
      ['title', 'text'],
      ['motion_kind', 'text'],
      ['topic', 'text'],
      ['result', 'text'],
      ['yes', 'int'],
      ['no', 'int'],
      ['abstain', 'int'],
      ['delegated_yes', 'int'],
      ['delegated_no', 'int'],
      ['delegated_abstain', 'int'],
      ['votes_cast', 'int'],
      ['electorate_size', 'int'],
      ['turnout_bps', 'int'],
      ['quorum_bps', 'int'],
      ['threshold_bps', 'int'],
      ['opened_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
      ['opened_position', 'bigint'],
      ['closed_position', 'bigint'],
    ],
    select: `
      SELECT proposal_id, title, motion->>'kind', topic, result, yes, no, abstain,
             delegated_yes, delegated_no, delegated_abstain, yes + no + abstain,
             electorate_size, turnout_bps, quorum_bps, threshold_bps,
             opened_at, closed_at, opened_position, closed_position
        FROM read_models.decision_log
       ORDER BY closed_position`,
  },
  {
    name: 'turnout_per_proposal',
    description: 'Turnout of each closed proposal: votes cast over the electorate, with the delegated share.',
    columns: [
      ['proposal_id', 'uuid'],
      ['title', 'text'],
      ['closed_at', 'timestamptz'],
      ['electorate_size', 'int'],
      ['votes_cast', 'int'],
      ['delegated_votes', 'int'],
      ['turnout_bps', 'int'],
      ['quorum_bps', 'int'],
      ['reached_quorum', 'boolean'],
    ],
    select: `
      SELECT proposal_id, title, closed_at, electorate_size, yes + no + abstain,
             delegated_yes + delegated_no + delegated_abstain, turnout_bps, quorum_bps, result <> 'no-quorum'
        FROM read_models.decision_log
       ORDER BY closed_position`,
  },
  {
    name: 'participation_by_month',
    description: 'Per calendar month (UTC): proposals opened and closed, direct votes cast (a voter\'s latest vote per proposal) and distinct voters.',
    columns: [
      ['month', 'date'],
      ['proposals_opened', 'int'],
      ['proposals_closed', 'int'],
      ['votes_cast', 'int'],
      ['distinct_voters', 'int'],
    ],
    select: `
      WITH opened AS (
             SELECT date_trunc('month', opened_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS n
               FROM read_models.proposals WHERE opened_at IS NOT NULL GROUP BY 1),
           closed AS (
             SELECT date_trunc('month', closed_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS n
               FROM read_models.decision_log GROUP BY 1),
           votes AS (
             SELECT date_trunc('month', cast_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS n, count(DISTINCT voter_id)::int AS voters
               FROM read_models.proposal_votes GROUP BY 1),
           months AS (SELECT month FROM opened UNION SELECT month FROM closed UNION SELECT month FROM votes)
      SELECT m.month, COALESCE(o.n, 0), COALESCE(c.n, 0), COALESCE(v.n, 0), COALESCE(v.voters, 0)
        FROM months m LEFT JOIN opened o USING (month) LEFT JOIN closed c USING (month) LEFT JOIN votes v USING (month)
       ORDER BY m.month`,
  },
  {
    name: 'outcomes_by_kind',
    description: 'Closed proposals counted by motion kind and result.',
    columns: [
      ['motion_kind', 'text'],
      ['result', 'text'],
      ['proposals', 'int'],
      ['mean_turnout_bps', 'int'],
    ],
    select: `
      SELECT motion->>'kind', result, count(*)::int, (avg(turnout_bps))::int
        FROM read_models.decision_log
       GROUP BY 1, 2
       ORDER BY 1, 2`,
  },
  {
    name: 'turnout_by_month',
    description: 'Per calendar month (UTC) of closing: proposals passed, rejected and without quorum, pooled turnout (all votes over all seats, rounded down) and the lowest and highest turnout.',
    columns: [
      ['month', 'date'],
      ['proposals_closed', 'int'],
      ['passed', 'int'],
      ['rejected', 'int'],
      ['no_quorum', 'int'],
      ['votes_cast', 'bigint'],
      ['electorate_total', 'bigint'],
      ['turnout_bps', 'int'],
      ['min_turnout_bps', 'int'],
      ['max_turnout_bps', 'int'],
    ],
    select: `
      SELECT date_trunc('month', closed_at AT TIME ZONE 'UTC')::date, count(*)::int,
             (count(*) FILTER (WHERE result = 'passed'))::int,
             (count(*) FILTER (WHERE result = 'rejected'))::int,
             (count(*) FILTER (WHERE result = 'no-quorum'))::int,
             sum(yes + no + abstain)::bigint, sum(electorate_size)::bigint,
             COALESCE(sum(yes + no + abstain)::bigint * 10000 / NULLIF(sum(electorate_size)::bigint, 0), 0)::int,
             min(turnout_bps), max(turnout_bps)
        FROM read_models.decision_log
       GROUP BY 1
       ORDER BY 1`,
  },
  {
    name: 'elections',
    description: 'Every election: role, method, seats, candidates, ballots counted, the winners in the order elected, the electorate and positions on the public log.',
    columns: [
      ['election_id', 'uuid'],
      ['title', 'text'],
      ['role', 'text'],
      ['method', 'text'],
      ['seats', 'int'],
      ['status', 'text'],
      ['closes_at', 'timestamptz'],
      ['candidates', 'int'],
      ['ballots', 'int'],
      ['winners', 'text'],
      ['electorate_size', 'int'],
      ['quota', 'numeric'],
      ['called_position', 'bigint'],
      ['closed_position', 'bigint'],
    ],
    select: `
      SELECT e.election_id, e.title, e.role, e.method, e.seats, e.status, e.closes_at,
             (SELECT count(*) FROM read_models.election_candidates c WHERE c.election_id = e.election_id AND c.status = 'standing')::int,
             (SELECT count(*) FROM read_models.election_ballots b WHERE b.election_id = e.election_id)::int,
             (SELECT string_agg(c.candidate_id::text, ' ' ORDER BY c.elected_rank)
                FROM read_models.election_candidates c WHERE c.election_id = e.election_id AND c.elected_rank IS NOT NULL),
             e.electorate_size, e.quota, e.called_position, e.closed_position
        FROM read_models.elections e
       ORDER BY e.called_position`,
  },
  {
    name: 'election_rounds',
    description: 'Every counting round of every closed election, a row per candidate in the running: votes, whether elected or eliminated in that round, votes exhausted so far, and the tie-break rule if a tie involving the candidate was broken.',
    columns: [
      ['election_id', 'uuid'],
      ['round', 'int'],
      ['candidate_id', 'uuid'],
      ['votes', 'numeric'],
      ['outcome', 'text'],
      ['exhausted', 'numeric'],
      ['tie_break', 'text'],
    ],
    select: `
      SELECT r.election_id, r.round, c.key::uuid, c.value::numeric,
             CASE WHEN r.elected ? c.key THEN 'elected' WHEN r.eliminated ? c.key THEN 'eliminated' ELSE 'continuing' END,
             r.exhausted,
             (SELECT string_agg(DISTINCT t->>'rule', ' ') FROM jsonb_array_elements(r.tie_breaks) t WHERE t->'among' ? c.key)
        FROM read_models.election_rounds r
        JOIN read_models.elections e USING (election_id)
        CROSS JOIN LATERAL jsonb_each_text(r.counts) c
       ORDER BY e.called_position, r.round, c.key`,
  },
];

const moderation: AnalyticsView[] = [
  {
    name: 'moderation_actions',
    description: 'Every moderation action with its public reason and the fate of its appeal.',
    columns: [
      ['action_id', 'uuid'],
      ['target_kind', 'text'],
      ['target_key', 'text'],
      ['moderator_id', 'uuid'],
      ['affected_member_id', 'uuid'],
      ['kind', 'text'],
      ['rule', 'text'],
      ['reason', 'text'],
      ['until', 'timestamptz'],
      ['taken_at', 'timestamptz'],
      ['appeal_status', 'text'],
      ['appealed_at', 'timestamptz'],
      ['decided_by', 'uuid'],
      ['decision_reason', 'text'],
      ['decided_at', 'timestamptz'],
    ],
    select: `
      SELECT action_id, target->>'kind', target_key, moderator_id, affected_member_id, kind, rule, reason, until,
             taken_at, appeal_status, appealed_at, decided_by, decision_reason, decided_at
        FROM read_models.moderation_actions
       ORDER BY taken_position`,
  },
  {
    name: 'moderation_log',
    description: 'The public moderation log: actions, appeals and their decisions, in the order of the log.',
    columns: [
      ['position', 'bigint'],
      ['entry', 'text'],
      ['action_id', 'uuid'],
      ['target_kind', 'text'],
      ['target_key', 'text'],
      ['actor_id', 'uuid'],
      ['kind', 'text'],
      ['rule', 'text'],
      ['text', 'text'],
      ['until', 'timestamptz'],
      ['occurred_at', 'timestamptz'],
    ],
    select: `
      SELECT position, entry, action_id, target->>'kind', target_key, actor_id, kind, rule, text, until, occurred_at
        FROM read_models.moderation_log
       ORDER BY position`,
  },
  {
    name: 'moderation_actions_by_month',
    description: 'Per calendar month (UTC): moderation actions by kind, how many were appealed and how many overturned.',
    columns: [
      ['month', 'date'],
      ['kind', 'text'],
      ['actions', 'int'],
      ['appealed', 'int'],
      ['overturned', 'int'],
    ],
    select: `
      SELECT date_trunc('month', taken_at AT TIME ZONE 'UTC')::date, kind, count(*)::int,
             (count(*) FILTER (WHERE appeal_status <> 'none'))::int,
             (count(*) FILTER (WHERE appeal_status = 'overturned'))::int
        FROM read_models.moderation_actions
       GROUP BY 1, 2
       ORDER BY 1, 2`,
  },
  {
    name: 'moderation_reports_by_month',
    description: 'Reports per calendar month (UTC), target kind and category, as counts only: never reporters or notes.',
    columns: [
      ['month', 'date'],
      ['target_kind', 'text'],
      ['category', 'text'],
      ['reports', 'int'],
      ['resolved', 'int'],
    ],
    select: `
      SELECT date_trunc('month', reported_at AT TIME ZONE 'UTC')::date, target->>'kind', category,
             count(*)::int, (count(*) FILTER (WHERE status = 'resolved'))::int
        FROM read_models.moderation_reports
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3`,
  },
  {
    name: 'arbitration_cases',
    description: 'Arbitration cases over disputed transactions and contracts: parties, arbiter, how it was assigned, outcome.',
    columns: [
      ['case_id', 'uuid'],
      ['subject_kind', 'text'],
      ['parties', 'uuid[]'],
      ['disputed_by', 'uuid'],
      ['opened_by', 'uuid'],
      ['arbiter_id', 'uuid'],
      ['assignment_rule', 'text'],
      ['status', 'text'],
      ['outcome', 'text'],
      ['opened_at', 'timestamptz'],
      ['decided_at', 'timestamptz'],
      ['statements', 'int'],
    ],
    select: `
      SELECT c.case_id, c.subject_kind, c.parties, c.disputed_by, c.opened_by, c.arbiter_id, c.assignment_rule, c.status, c.outcome,
             c.opened_at, c.decided_at, (SELECT count(*)::int FROM read_models.arbitration_statements s WHERE s.case_id = c.case_id)
        FROM read_models.arbitration_cases c
       ORDER BY c.opened_position`,
  },
];

const recordsAndContracts: AnalyticsView[] = [
  {
    name: 'transaction_records',
    description: 'Every transaction record (never the private payment reference or its commitment): parties, amount in minor units, currency, rail, status.',
    columns: [
      ['transaction_id', 'uuid'],
      ['recorded_by', 'uuid'],
      ['payer_id', 'uuid'],
      ['payee_id', 'uuid'],
      ['amount_minor', 'bigint'],
      ['currency', 'text'],
      ['rail', 'text'],
      ['purpose', 'text'],
      ['contract_id', 'uuid'],
      ['status', 'text'],
      ['recorded_at', 'timestamptz'],
      ['answered_by', 'uuid'],
      ['answered_at', 'timestamptz'],
      ['dispute_reason', 'text'],
      ['recorded_position', 'bigint'],
    ],
    select: `
      SELECT transaction_id, recorded_by, payer_id, payee_id, amount_minor, currency::text, rail, purpose, contract_id,
             status, recorded_at, answered_by, answered_at, dispute_reason, recorded_position
        FROM read_models.transaction_records
       ORDER BY recorded_position`,
  },
  {
    name: 'transaction_volume_by_month',
    description: 'Per calendar month (UTC), currency and rail: records, confirmed and disputed, and the confirmed and unconfirmed amounts in minor units.',
    columns: [
      ['month', 'date'],
      ['currency', 'text'],
      ['rail', 'text'],
      ['records', 'int'],
      ['confirmed', 'int'],
      ['disputed', 'int'],
      ['confirmed_minor', 'bigint'],
      ['unconfirmed_minor', 'bigint'],
    ],
    select: `
      SELECT date_trunc('month', recorded_at AT TIME ZONE 'UTC')::date, currency::text, rail, count(*)::int,
             (count(*) FILTER (WHERE status = 'confirmed'))::int,
             (count(*) FILTER (WHERE status = 'disputed'))::int,
             COALESCE(sum(amount_minor) FILTER (WHERE status = 'confirmed'), 0)::bigint,
             COALESCE(sum(amount_minor) FILTER (WHERE status = 'recorded'), 0)::bigint
        FROM read_models.transaction_records
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3`,
  },
  {
    name: 'contracts',
    description: 'Every contract: template and kind, parties and signatures so far, signing order, status and when it was executed, terminated or disputed.',
    columns: [
      ['contract_id', 'uuid'],
      ['template_id', 'uuid'],
      ['template_version', 'int'],
      ['kind', 'text'],
      ['drafted_by', 'uuid'],
      ['parties', 'int'],
      ['signatures', 'int'],
      ['signing_order', 'text'],
      ['visibility', 'text'],
      ['status', 'text'],
      ['document_sha256', 'text'],
      ['drafted_at', 'timestamptz'],
      ['executed_at', 'timestamptz'],
      ['terminated_at', 'timestamptz'],
      ['disputed_at', 'timestamptz'],
    ],
    select: `
      SELECT c.contract_id, c.template_id, c.template_version, t.kind, c.drafted_by, jsonb_array_length(c.parties),
             (SELECT count(*) FROM jsonb_array_elements(c.parties) p WHERE p->'signature' <> 'null'::jsonb)::int,
             c.signing_order, c.visibility, c.status, c.document_sha256, c.drafted_at, c.executed_at, c.terminated_at, c.disputed_at
        FROM read_models.contracts c
        LEFT JOIN read_models.contract_templates t ON t.template_id = c.template_id AND t.version = c.template_version
       ORDER BY c.drafted_position`,
  },
  {
    name: 'contract_templates',
    description: 'Every published contract template version, with its kind and number of fields.',
    columns: [
      ['template_id', 'uuid'],
      ['version', 'int'],
      ['kind', 'text'],
      ['title', 'text'],
      ['fields', 'int'],
      ['published_by', 'uuid'],
      ['published_at', 'timestamptz'],
    ],
    select: `
      SELECT template_id, version, kind, title, jsonb_array_length(fields), published_by, published_at
        FROM read_models.contract_templates
       ORDER BY position`,
  },
];

export const ANALYTICS_VIEWS: readonly AnalyticsView[] = [...governance, ...recordsAndContracts, ...moderation];

export const analyticsView = (name: string): AnalyticsView | undefined => ANALYTICS_VIEWS.find((v) => v.name === name);

/** DDL for one view: its late-bound function and the view over it, replacing older definitions. */
export function analyticsViewDdl(view: AnalyticsView): string {
  // Quoted: some column names (position, text) are keywords where a parameter name is expected.
  const columns = view.columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  return `
    DROP VIEW IF EXISTS analytics.${view.name};
    DROP FUNCTION IF EXISTS analytics.${view.name}_rows();
    CREATE FUNCTION analytics.${view.name}_rows() RETURNS TABLE (${columns})
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $body$ ${view.select} $body$;
    CREATE VIEW analytics.${view.name} AS SELECT * FROM analytics.${view.name}_rows();
    COMMENT ON VIEW analytics.${view.name} IS ${quoteLiteral(view.description)};`;
}

const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;
