import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** A GET as the auditor needs it: the status and the whole body. */
export type Get = (url: string) => Promise<{ status: number; body: Buffer }>;

const MAX_REDIRECTS = 5;

/** A GET through a `fetch` function (an exported folder, a test double, or the global fetch). */
export function getThroughFetch(fetcher: typeof fetch): Get {
  return async (url) => {
    const res = await fetcher(url);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return body;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      throw new Error(`unsupported content encoding ${encoding}`);
  }
}

/**
 * GETs over node:http(s) with kept-alive connections: an audit makes thousands of requests, and
 * for bodies of a few kilobytes `fetch`'s streams cost more than the transfer. Follows redirects
 * like fetch; anything but http(s) goes to the global fetch. `close` ends the kept-alive sockets.
 */
export function keepAliveGet(maxSockets = 8): { get: Get; close(): void } {
  const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets }), 'https:': new https.Agent({ keepAlive: true, maxSockets }) };
  const viaFetch = getThroughFetch(fetch);
  const once = (url: URL): Promise<{ status: number; body: Buffer; location?: string }> =>
    new Promise((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const req = client.get(url, { agent: agents[url.protocol as 'http:' | 'https:'], headers: { accept: '*/*' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const header = res.headers['content-encoding'];
            resolve({ status: res.statusCode ?? 0, body: decoded(Buffer.concat(chunks), Array.isArray(header) ? header[0] : header), location: res.headers.location });
          } catch (error) {
            reject(error as Error);
          }
        });
      });
      req.on('error', reject);
    });
  const get: Get = async (raw) => {
    let url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return viaFetch(raw);
    for (let redirects = 0; ; redirects++) {
      const res = await once(url);
      if (![301, 302, 303, 307, 308].includes(res.status) || res.location === undefined) return { status: res.status, body: res.body };
      if (redirects === MAX_REDIRECTS) throw new Error(`GET ${raw}: too many redirects`);
      url = new URL(res.location, url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return viaFetch(url.href);
    }
  };
  return {
    get,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
