import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Operation {
  security?: Record<string, unknown>[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  parameters?: { name: string; in: string }[];
}
type OpenApi = {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }>; required?: string[] }>; securitySchemes?: Record<string, unknown> };
};

const COMMANDS: [path: string, bearer: boolean][] = [
  ['/api/members', false],
  ['/api/auth/login', false],
  ['/api/members/me/keys', true],
  ['/api/members/{memberId}/verification', true],
  ['/api/proposals', true],
  ['/api/proposals/{proposalId}/open', true],
  ['/api/proposals/{proposalId}/votes', true],
  ['/api/proposals/{proposalId}/close', false],
];

describe('GET /docs-json', () => {
  let doc: OpenApi;
  beforeAll(async () => {
    const response = await request(t.server).get('/docs-json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    doc = response.body as OpenApi;
  });

  it('is an OpenAPI 3 document of this API', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Civic Ledger API');
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });

  it.each(COMMANDS)('lists the command POST %s', (path, bearer) => {
    const operation = doc.paths[path]?.post;
    expect(operation).toBeDefined();
    if (bearer) expect(operation!.security).toEqual(expect.arrayContaining([expect.objectContaining({ bearer: expect.anything() })]));
    for (const name of path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
      expect(operation!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name, in: 'path' })]));
    }
  });

  it('lists the queries', () => {
    for (const path of ['/api/proposals', '/api/proposals/{proposalId}', '/api/decision-log', '/api/members', '/api/members/{memberId}', '/api/projections']) {
      expect(doc.paths[path]?.get).toBeDefined();
    }
  });

  it('describes the command bodies with their required fields, the vote choices and the signed act', () => {
    const ref = (path: string) => doc.paths[path]!.post!.requestBody!.content['application/json']!.schema.$ref!.split('/').pop()!;
    const castVote = doc.components.schemas[ref('/api/proposals/{proposalId}/votes')]!;
    expect(castVote.required).toEqual(expect.arrayContaining(['choice', 'act']));
    expect(castVote.properties!.choice!.enum).toEqual(['yes', 'no', 'abstain']);
    const draft = doc.components.schemas[ref('/api/proposals')]!;
    expect(draft.required).toEqual(expect.arrayContaining(['proposalId', 'title', 'body', 'rules', 'act']));
    expect(doc.components.schemas.ActDto?.required).toEqual(expect.arrayContaining(['keyId', 'issuedAt', 'nonce', 'signature']));
    const register = doc.components.schemas[ref('/api/members')]!;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password', 'handle']));
  });
});

describe('GET /docs', () => {
  it('serves the Swagger UI as HTML', async () => {
    const response = await request(t.server).get('/docs').redirects(1).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toMatch(/swagger-ui/i);
  });
});
