import { jest } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { civic, expectNoStackTrace, tempDir } from './support/civic.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';

jest.setTimeout(60_000);

let db: TestDatabase;
let env: { DATABASE_URL: string; DATA_DIR: string };

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url, DATA_DIR: tempDir() };
});
afterAll(async () => {
  await db.drop();
});

interface StatusItem {
  name: string;
  version: number;
  position: number;
  head: number;
  lag: number;
  status: string;
  error: string | null;
}

/** What the CLI reports on: every projection the projector runs. */
const NAMES = ALL_PROJECTIONS.map((p) => p.name);

async function rows(sql: string): Promise<unknown[]> {
  return (await db.pool.query(sql)).rows;
}

it('shows projection status as a table and as JSON, and refuses an unknown projection', async () => {
  const [text, json, unknown] = await Promise.all([
    civic(['projections', 'status'], env),
    civic(['projections', 'status', '--json'], env),
    civic(['projections', 'rebuild', 'nope'], env),
  ]);
  expect(text).toMatchObject({ code: 0, stderr: '' });
  for (const word of [...NAMES, 'position', 'head', 'lag', 'not-started']) expect(text.stdout).toContain(word);
  expect(json).toMatchObject({ code: 0, stderr: '' });
  const items = (JSON.parse(json.stdout) as { items: StatusItem[] }).items;
  expect(items.map((i) => i.name)).toEqual(NAMES);
  expect(items.every((i) => i.head === 0 && i.lag === 0 && i.position === 0)).toBe(true);
  expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: `civic: unknown projection "nope"; known: ${NAMES.join(', ')}\n` });
  expectNoStackTrace(unknown);
});

describe('the demo community', () => {
  let head: number;

  it('is loaded by demo seed through the handlers, with closed and open proposals, votes and a decision log', async () => {
    const seeded = await civic(['demo', 'seed', '--json'], env);
    expect(seeded).toMatchObject({ code: 0, stderr: '' });
    const summary = JSON.parse(seeded.stdout) as {
      head: number;
      members: { handle: string; email: string; password: string; roles: string[] }[];
      proposals: { title: string; status: string; result: string | null }[];
    };
    head = summary.head;
    expect(summary.members).toHaveLength(9);
    expect(summary.members[0]).toMatchObject({ handle: 'asha', email: 'asha@demo.civic', password: 'demo-password-1', roles: ['steward', 'verifier'] });
    expect(summary.proposals.map((p) => [p.status, p.result])).toEqual([
      ['closed', 'passed'],
      ['closed', 'rejected'],
      ['closed', 'no-quorum'],
      ['open', null],
      ['open', null],
      ['drafted', null],
      // The role motions (grant-role twice, no-confidence once), drafted between the others.
      ['closed', 'passed'],
      ['closed', 'passed'],
      ['closed', 'passed'],
    ]);

    // The read models (the CLI ran the projections to the head before it returned).
    expect(await rows(`SELECT handle, verified_position IS NOT NULL AS verified FROM read_models.members ORDER BY registered_position`)).toEqual(
      summary.members.map((m) => ({ handle: m.handle, verified: true })),
    );
    expect(await rows(`SELECT count(*)::int AS n FROM read_models.member_keys`)).toEqual([{ n: 9 }]);
    const proposals = (await rows(
      `SELECT p.title, p.status, p.result, p.electorate_size, p.yes, p.no, p.abstain,
              p.closes_at < now() AS due, p.closed_at IS NOT NULL AS closed,
              (SELECT count(*)::int FROM read_models.proposal_votes v WHERE v.proposal_id = p.proposal_id) AS voters
         FROM read_models.proposals p ORDER BY p.drafted_position`,
    )) as { title: string; status: string; result: string | null; electorate_size: number | null; yes: number; no: number; abstain: number; due: boolean | null; closed: boolean; voters: number }[];
    expect(proposals.map((p) => p.title).sort()).toEqual(summary.proposals.map((p) => p.title).sort());
    expect(proposals.map(({ status, result, electorate_size, yes, no, abstain, due, closed, voters }) => ({ status, result, electorate_size, yes, no, abstain, due, closed, voters }))).toEqual([
      { status: 'closed', result: 'passed', electorate_size: 9, yes: 6, no: 1, abstain: 1, due: true, closed: true, voters: 8 },
      { status: 'closed', result: 'rejected', electorate_size: 9, yes: 2, no: 5, abstain: 1, due: true, closed: true, voters: 8 },
      { status: 'closed', result: 'no-quorum', electorate_size: 9, yes: 2, no: 1, abstain: 0, due: true, closed: true, voters: 3 },
      // Closed tallies count delegated weight: 2 yes and 1 abstain delegated here, 1 yes on the no-confidence motion.
      { status: 'closed', result: 'passed', electorate_size: 9, yes: 5, no: 1, abstain: 2, due: true, closed: true, voters: 5 },
      { status: 'closed', result: 'passed', electorate_size: 9, yes: 4, no: 1, abstain: 0, due: true, closed: true, voters: 5 },
      { status: 'closed', result: 'passed', electorate_size: 9, yes: 7, no: 1, abstain: 0, due: true, closed: true, voters: 7 },
      // One voter changed their mind (no, then yes): the tally counts the latest vote.
      { status: 'open', result: null, electorate_size: 9, yes: 3, no: 0, abstain: 1, due: false, closed: false, voters: 4 },
      { status: 'open', result: null, electorate_size: 9, yes: 2, no: 1, abstain: 0, due: false, closed: false, voters: 3 },
      { status: 'drafted', result: null, electorate_size: null, yes: 0, no: 0, abstain: 0, due: null, closed: false, voters: 0 },
    ]);
    // Closed days ago; open ones close days from now.
    expect(await rows(`SELECT bool_and(closed_at < now() - interval '5 days') AS past FROM read_models.proposals WHERE status = 'closed'`)).toEqual([{ past: true }]);
    expect(await rows(`SELECT bool_and(closes_at > now() + interval '2 days') AS future FROM read_models.proposals WHERE status = 'open'`)).toEqual([{ future: true }]);
    expect(await rows(`SELECT result, yes, no, abstain, electorate_size, turnout_bps FROM read_models.decision_log ORDER BY closed_position`)).toEqual([
      { result: 'passed', yes: 6, no: 1, abstain: 1, electorate_size: 9, turnout_bps: 8888 },
      { result: 'rejected', yes: 2, no: 5, abstain: 1, electorate_size: 9, turnout_bps: 8888 },
      { result: 'no-quorum', yes: 2, no: 1, abstain: 0, electorate_size: 9, turnout_bps: 3333 },
      { result: 'passed', yes: 5, no: 1, abstain: 2, electorate_size: 9, turnout_bps: 8888 },
      { result: 'passed', yes: 4, no: 1, abstain: 0, electorate_size: 9, turnout_bps: 5555 },
      { result: 'passed', yes: 7, no: 1, abstain: 0, electorate_size: 9, turnout_bps: 8888 },
    ]);
  });

  it('is refused on a log that is not empty, also with --force once a steward exists', async () => {
    const [again, forced] = await Promise.all([civic(['demo', 'seed'], env), civic(['demo', 'seed', '--force'], env)]);
    expect(again).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(new RegExp(`the event log is not empty \\(${head} events\\).*--force`)) });
    expect(forced).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/already has a steward/) });
    expectNoStackTrace(again);
    expectNoStackTrace(forced);
    expect(await rows(`SELECT count(*)::int AS n FROM identity.accounts`)).toEqual([{ n: 9 }]);
  });

  it('rebuilds a projection from the log to lag 0 with identical rows', async () => {
    const snapshot = async () => ({
      proposals: await rows('SELECT * FROM read_models.proposals ORDER BY proposal_id'),
      votes: await rows('SELECT * FROM read_models.proposal_votes ORDER BY proposal_id, voter_id'),
    });
    const before = await snapshot();
    expect(before.proposals).toHaveLength(9);

    const rebuilt = await civic(['projections', 'rebuild', 'proposals', '--json'], env);
    expect(rebuilt).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ name: 'proposals', position: head, head });
    expect(await snapshot()).toEqual(before);

    const status = await civic(['projections', 'status', '--json'], env);
    const items = (JSON.parse(status.stdout) as { items: StatusItem[] }).items;
    expect(items.map(({ name, position, head: h, lag, status: s }) => ({ name, position, head: h, lag, status: s }))).toEqual(
      NAMES.map((name) => ({ name, position: head, head, lag: 0, status: 'running' })),
    );
  });
});
