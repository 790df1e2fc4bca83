import { request } from 'node:http';

export interface Answer {
  status: number;
  /** The parsed JSON body (the text when it is not JSON). */
  body: any;
}

/**
 * One HTTP request with a JSON body, on a connection of its own (no keep-alive: a pooled socket the
 * server closed while this process was busy would fail a request that never reached it). Rejects
 * when no answer comes (the process died, the socket broke).
 */
export function http(base: string, method: 'GET' | 'POST', path: string, body?: unknown, token?: string, timeoutMs = 20_000): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = {};
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
