import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { listen, settle } from './api-helpers.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ DEMO_SEED: 'true' });
  await listen(t);
  await settle(t);
});

afterAll(async () => {
  await t?.close();
});

describe('the demo community', () => {
  it('holds one closed STV election whose count shows a surplus, an elimination and a tie-break', async () => {
    const list = (await request(t.server).get('/api/elections').expect(200)).body;
    expect(list).toMatchObject({ total: 1, items: [{ status: 'closed', method: 'stv', seats: 2, role: 'moderator', candidates: 4, voters: 9 }] });
    const election = (await request(t.server).get(`/api/elections/${list.items[0].electionId}`).expect(200)).body;
    const { rows } = await t.db.pool.query<{ member_id: string; handle: string }>('SELECT member_id, handle FROM read_models.members');
    const handle = new Map(rows.map((r) => [r.member_id, r.handle]));
    expect(election.winners.map((id: string) => handle.get(id))).toEqual(['dara', 'chen']);
    expect(election.candidates.map((c: { candidateId: string; status: string }) => [handle.get(c.candidateId), c.status])).toEqual([
      ['chen', 'standing'],
      ['dara', 'standing'],
      ['eli', 'standing'],
      ['gus', 'standing'],
      ['ivo', 'withdrawn'],
    ]);
    expect(election.result).toMatchObject({ ballotsCounted: 9, electorateSize: 9, quota: '4.00000' });
    expect(election.result.rounds.map((r: { elected: string[]; eliminated: string[] }) => [r.elected.map((id) => handle.get(id)), r.eliminated.map((id) => handle.get(id))])).toEqual([
      [['dara'], []],
      [[], ['gus']],
      [[], ['eli']],
      [['chen'], []],
    ]);
    expect(election.result.rounds[0].transfers[0]).toMatchObject({ kind: 'surplus', transferValue: '0.20000' });
    expect(election.result.rounds[2].tieBreaks).toEqual([expect.objectContaining({ rule: 'earlier-rounds' })]);

    // Analysts get the same count as rows, one per candidate and round, in the CSV export too.
    const rounds = (await request(t.server).get('/api/analytics/election_rounds').expect(200)).body.items as { round: number; candidate_id: string; outcome: string; tie_break: string | null }[];
    expect(rounds.filter((r) => r.outcome !== 'continuing').map((r) => [r.round, handle.get(r.candidate_id), r.outcome])).toEqual([
      [1, 'dara', 'elected'],
      [2, 'gus', 'eliminated'],
      [3, 'eli', 'eliminated'],
      [4, 'chen', 'elected'],
    ]);
    expect(rounds.find((r) => r.round === 3 && handle.get(r.candidate_id) === 'eli')).toMatchObject({ tie_break: 'earlier-rounds' });
    const csv = await request(t.server).get('/api/analytics/election_rounds.csv').expect(200);
    expect(csv.text.trimEnd().split('\n')).toHaveLength(rounds.length + 1);
  });

  it('publishes the closed STV election in the decision log with every round, beside the proposals', async () => {
    const [election] = (await request(t.server).get('/api/elections').expect(200)).body.items;
    const detail = (await request(t.server).get(`/api/elections/${election.electionId}`).expect(200)).body;
    const log = (await request(t.server).get('/api/decision-log/elections').expect(200)).body;
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({
      electionId: election.electionId,
      method: 'stv',
      seats: 2,
      role: 'moderator',
      electorateSize: 9,
      voters: 9,
      ballotsCounted: 9,
      quota: '4.00000',
      elected: detail.winners,
      rounds: detail.result.rounds,
      tieBreakRules: ['earlier-rounds'],
      closedPosition: detail.result.position,
    });
    expect(log.items[0].rounds).toHaveLength(4);
    expect((await request(t.server).get('/api/decision-log').expect(200)).body.total).toBeGreaterThan(0);
  });
});
