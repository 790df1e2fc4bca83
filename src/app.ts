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

export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the whole application for a configuration; `main.ts` and the tests both use it. */
export async function createApp(config: AppConfig, options: { logger?: false; clock?: Clock } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.clock), {
    logger: options.logger === false ? false : ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'metrics'] });
  app.useGlobalPipes(validationPipe());
  app.useBodyParser('json', { limit: '256kb' });
  setUpSwagger(app);
  if (config.serveWeb && !serveWebApp(app, REPOSITORY_ROOT)) {
    new Logger('Web').warn('apps/web/dist is missing: run `npm run build` to serve the web app');
  }
  return app;
}
