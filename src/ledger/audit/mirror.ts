import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { entriesPath, tilePath, tilesForSize } from '../tiles/tiles.js';

/**
 * A ledger exported to a folder in the static layout of c2sp.org/tlog-tiles
 * (`<dir>/checkpoint`, `<dir>/tile/...`), so that it can be audited offline or served as is.
 */
export async function exportLedger(url: string, dir: string, fetcher: typeof fetch = fetch): Promise<{ size: number; files: number }> {
  const base = url.replace(/\/+$/, '');
  const get = async (path: string): Promise<Buffer> => {
    const res = await fetcher(`${base}/ledger/${path}`);
    if (!res.ok) throw new Error(`GET ${base}/ledger/${path}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const checkpoint = await get('checkpoint');
  const size = Number(checkpoint.toString('utf8').split('\n')[1]);
  if (!Number.isSafeInteger(size)) throw new Error('the checkpoint has no tree size');
  let files = 0;
  const write = (path: string, data: Buffer): void => {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    files++;
  };
  for (const tile of tilesForSize(size)) {
    write(tilePath(tile), await get(tilePath(tile)));
    if (tile.level === 0) write(entriesPath(tile.index, tile.width), await get(entriesPath(tile.index, tile.width)));
  }
  // Last: a folder with a checkpoint is complete.
  write('checkpoint', checkpoint);
  return { size, files };
}

/** A `fetch` over an exported folder: `<anything>/ledger/<path>` reads `<dir>/<path>`. */
export function folderFetch(dir: string): typeof fetch {
  const root = resolve(dir);
  return (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^.*?\/ledger\//, '');
    const file = resolve(root, path);
    if (!file.startsWith(root + '/') || !existsSync(file)) return new Response(null, { status: 404 });
    return new Response(readFileSync(file), { status: 200 });
  }) as typeof fetch;
}
