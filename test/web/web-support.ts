import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPOSITORY_ROOT } from '../../src/app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchChromium } from './browser.js';

/*
 * What every browser test file needs: the API serving the built web app on a real port, one
 * Chromium for the whole file, members who join through the form with keys made in the browser.
 * WEB_SCREENSHOTS=docs/screenshots writes screenshots.
 */

export interface Person {
  handle: string;
  email: string;
  password: string;
  passphrase: string;
  context: BrowserContext;
  page: Page;
  memberId?: string;
  backupPath?: string;
}

export interface WebApp {
  t: TestApp;
  browser: Browser;
  /** http://127.0.0.1:port */
  base: string;
  /** Where downloads (backup files, CSV) are saved. */
  downloads: string;
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  person(handle: string): Promise<Person>;
  /** Joins through the form, creates a signing key in the browser, keeps the backup file it offers. */
  join(p: Person): Promise<void>;
  /** GET /api<path> as JSON. */
  api<T>(path: string): Promise<T>;
  /** The browser signs with the real time; after moving the server's manual clock on, bring it back. */
  syncServerClock(): void;
  close(): Promise<void>;
}

/** Polls `read` until `ok` holds (the test's own timeout bounds it). */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  if (!existsSync(join(REPOSITORY_ROOT, 'apps/web/dist/index.html'))) throw new Error('build the web app first: npm run build:web');
  const t = await startTestApp({ SERVE_WEB: 'true', LEDGER_ORIGIN: 'civic.test/ledger', ...env });
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const downloads = mkdtempSync(join(tmpdir(), 'civic-web-test-'));
  const screenshots = process.env.WEB_SCREENSHOTS ? join(REPOSITORY_ROOT, process.env.WEB_SCREENSHOTS) : null;

  const web: WebApp = {
    t,
    browser,
    base,
    downloads,
    async shot(page, name, fullPage = true) {
      if (!screenshots) return;
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
    },
    async person(handle) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      return { handle, email: `${handle}@example.org`, password: 'correct horse battery staple', passphrase: `${handle} keeps a long passphrase`, context, page };
    },
    async join(p) {
      const { page } = p;
      await page.goto(`${base}/#/register`);
      await page.getByLabel('Handle').fill(p.handle);
      await page.getByLabel('Email').fill(p.email);
      await page.getByLabel('Password').fill(p.password);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByRole('heading', { name: 'My account' }).waitFor();
      await page.getByLabel('Passphrase', { exact: true }).fill(p.passphrase);
      await page.getByLabel('Passphrase again').fill(p.passphrase);
      await page.getByRole('button', { name: 'Create key and backup' }).click();
      await page.getByTestId('key-status').filter({ hasText: 'Registered on the log' }).waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download backup file' }).click();
      p.backupPath = join(downloads, `backup-${p.handle}.json`);
      await (await download).saveAs(p.backupPath);
      p.memberId = (await page.locator('dd.mono').first().textContent())!.trim();
    },
    async api<T>(path: string) {
      const response = await fetch(`${base}/api${path}`);
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return (await response.json()) as T;
    },
    syncServerClock() {
      t.clock.advance(Date.now() - t.clock.now().getTime());
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
  return web;
}
