import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import type { Clock } from './config/clock.js';
import type { AppConfig } from './config/config.js';
import { setUpSwagger } from './api/swagger.js';
import { validationPipe } from './api/validation.js';
import { serveWebApp } from './api/web-app.js';
import { httpObserver } from './observability/http-observer.js';
import { createJsonLog, JsonLogger } from './observability/json-logger.js';
import { Metrics } from './observability/metrics.js';

export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the whole application for a configuration; `main.ts` and the tests both use it. */
export async function createApp(config: AppConfig, options: { logger?: false; clock?: Clock } = {}): Promise<NestExpressApplication> {
  // Structured JSON logs on stdout (one object a line, with the request's correlation id).
  const log = options.logger === false ? undefined : createJsonLog();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.clock), {
    logger: log ? new JsonLogger(log) : false,
  });
  app.enableShutdownHooks();
  // Before every route: correlation id, request log context, HTTP duration histogram, access log.
  app.use(httpObserver(app.get(Metrics), log));
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'metrics', 'ledger/checkpoint', 'ledger/tile/*path'] });
  app.useGlobalPipes(validationPipe());
  app.useBodyParser('json', { limit: '256kb' });
  setUpSwagger(app);
  if (config.serveWeb && !serveWebApp(app, REPOSITORY_ROOT)) {
    new Logger('Web').warn('apps/web/dist is missing: run `npm run build` to serve the web app');
  }
  return app;
}
