import { rmSync } from 'node:fs';
import { join } from 'node:path';

export default async function globalTeardown() {
  const db = globalThis.__civicTestDatabase;
  if (!db) return;
  await db.stop();
  rmSync(join(db.dir, '..'), { recursive: true, force: true });
}
