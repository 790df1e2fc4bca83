import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { envelopeBytes } from '../../src/event-store/event-content.js';
import { CompactRange, leafHash, verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/merkle.js';
import { openCheckpoint } from '../../src/ledger/note/checkpoint.js';
import { verifyTlogProof } from '../../src/ledger/receipts/tlog-proof.js';
import { NoteSigner, NoteVerifier } from '../../src/ledger/note/note.js';
import { decodeEntryBundle, entriesPath, tileHashes, tilePath, tilesForSize } from '../../src/ledger/tiles/tiles.js';
import { actFor, community } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LEDGER_ORIGIN: 'civic.test/ledger' });
});
afterAll(async () => {
  await t.close();
});

/** Polls the public checkpoint until it covers `size` leaves. */
async function checkpointCovering(size: number): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const res = await request(t.server).get('/ledger/checkpoint');
    if (res.status === 200 && Number(res.text.split('\n')[1]) >= size) return res.text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no checkpoint of size ${size}`);
}

function binary(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

it('publishes a signed checkpoint, tiles and entries that an auditor can check with only the URL and the key', async () => {
  const { steward } = await community(t, 2);
  const proposalId = randomUUID();
  const draft = { proposalId, title: 'Plant trees', body: 'Oaks.', rules: { quorumBps: 5000, thresholdBps: 5000, allowVoteChange: true } };
  const drafted = await request(t.server)
    .post('/api/proposals')
    .set({ Authorization: `Bearer ${steward.token}` })
    .send({ ...draft, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(draft)) })
    .expect(201);
  const size = Number(drafted.body.position) + 1;
  // The command's answer says where its receipt will be served.
  expect(drafted.body.receipts).toEqual([`/api/ledger/receipts/${drafted.body.position}`]);
  expect(drafted.headers.link).toBe(`</api/ledger/receipts/${drafted.body.position}>; rel="receipt"`);

  const info = await request(t.server).get('/api/ledger').expect(200);
  expect(info.body.origin).toBe('civic.test/ledger');
  expect(info.body.verifierKey).toBe(NoteSigner.parse(t.config.ledgerKey).verifier.toString());
  const verifier = NoteVerifier.parse(info.body.verifierKey);

  const note = await checkpointCovering(size);
  const res = await request(t.server).get('/ledger/checkpoint').expect(200);
  expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(res.headers['cache-control']).toMatch(/max-age=\d$/);
  const cp = openCheckpoint(note, verifier, 'civic.test/ledger');
  expect(cp.size).toBeGreaterThanOrEqual(size);

  // Recompute every leaf from the entry bundles, check them against the tiles and the root.
  const range = new CompactRange();
  const entries: Buffer[] = [];
  for (const tile of tilesForSize(cp.size)) {
    const got = await binary(request(t.server).get(`/ledger/${tilePath(tile)}`)).expect(200);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['cache-control']).toContain('immutable');
    // Immutable content: a cache revalidating by entity tag gets the path back, and a 304.
    expect(got.headers.etag).toBe(`"${tilePath(tile).slice('tile/'.length)}"`);
    await request(t.server).get(`/ledger/${tilePath(tile)}`).set('If-None-Match', got.headers.etag as string).expect(304);
    if (tile.level !== 0) continue;
    const bundle = await binary(request(t.server).get(`/ledger/${entriesPath(tile.index, tile.width)}`)).expect(200);
    const decoded = decodeEntryBundle(bundle.body as Buffer);
    expect(tileHashes(got.body as Buffer)).toEqual(decoded.map(leafHash));
    for (const entry of decoded) {
      entries.push(entry);
      range.append(leafHash(entry));
    }
  }
  expect(range.size).toBe(cp.size);
  expect(range.root()).toEqual(cp.root);

  // The entries are the events of the global order, byte for byte.
  const events = await request(t.server).get(`/api/ledger/events?from=0&limit=${cp.size}`).expect(200);
  expect(events.body.items.map((e: EventEnvelope) => envelopeBytes(e))).toEqual(entries);

  // Proofs under /api/ledger verify against the signed roots.
  const index = size - 1;
  const inclusion = await request(t.server).get(`/api/ledger/proofs/inclusion?index=${index}&size=${cp.size}`).expect(200);
  const hashes = inclusion.body.hashes.map((h: string) => Buffer.from(h, 'base64'));
  expect(verifyInclusion(index, cp.size, leafHash(entries[index]), hashes, cp.root)).toBe(true);
  const consistency = await request(t.server).get(`/api/ledger/proofs/consistency?from=3&to=${cp.size}`).expect(200);
  const first = new CompactRange();
  for (const entry of entries.slice(0, 3)) first.append(leafHash(entry));
  expect(verifyConsistency(3, cp.size, consistency.body.hashes.map((h: string) => Buffer.from(h, 'base64')), first.root(), cp.root)).toBe(true);

  // The act's receipt (C2SP tlog-proof), fetched where the command's answer pointed, verifies offline with the public key alone.
  const receipt = await request(t.server).get(drafted.body.receipts[0]).expect(200);
  expect(receipt.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(receipt.text.startsWith(`c2sp.org/tlog-proof@v1\nindex ${index}\n`)).toBe(true);
  expect(verifyTlogProof(receipt.text, verifier, entries[index], 'civic.test/ledger').index).toBe(index);
  await request(t.server).get(`/api/ledger/receipts/${cp.size + 100}`).expect(404);

  // Paths that are not tiles of this tree, and the /api prefix, do not serve tiles.
  await request(t.server).get('/ledger/tile/0/000').expect(404);
  await request(t.server).get(`/ledger/tile/0/001.p/1`).expect(404);
  await request(t.server).get('/ledger/tile/0/0').expect(404);
  await request(t.server).get('/api/ledger/checkpoint').expect(404);
  await request(t.server).get('/api/ledger/proofs/inclusion?index=abc').expect(400);
});

it('streams the log as server-sent events: every entry from `from`, then the checkpoint covering them', async () => {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const size = Number((await checkpointCovering(1)).split('\n')[1]);
  const text = await new Promise<string>((resolve, reject) => {
    let body = '';
    const req = get(`http://127.0.0.1:${port}/api/ledger/tail?from=0`, (res) => {
      expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.includes('event: checkpoint')) {
          req.destroy();
          resolve(body);
        }
      });
    });
    req.on('error', (error) => (body.includes('event: checkpoint') ? undefined : reject(error)));
  });
  const ids = [...text.matchAll(/^event: entry\nid: (\d+)\n/gm)].map((m) => Number(m[1]));
  const cp = JSON.parse(/^event: checkpoint\ndata: (.*)$/m.exec(text)![1]) as { size: number };
  expect(cp.size).toBeGreaterThanOrEqual(size);
  expect(ids).toEqual(Array.from({ length: cp.size }, (_, i) => i));
});
