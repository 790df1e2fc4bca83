import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Serves the built web app (apps/web/dist) at `/`, with index.html for client-side routes. */
export function serveWebApp(app: NestExpressApplication, root: string): boolean {
  const dist = join(root, 'apps', 'web', 'dist');
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(dist, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const api = /^\/(api|docs|health|metrics|ledger)(\/|$|-)/.test(request.path);
    if (request.method !== 'GET' || api) return next();
    response.sendFile(index);
  });
  return true;
}
