import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  request,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from '../scripts/lib/browser.mjs';
import { DEFAULT_DEMO_PASSWORD } from '../server/config.ts';

/**
 * Shared harness of the end-to-end specs. scripts/test-e2e.mjs starts the real server and passes
 * E2E_BASE_URL and CHROMIUM_PATH; running `vitest --project e2e` by hand needs both set.
 */
export const BASE_URL = requiredEnv('E2E_BASE_URL');
export const DEMO_PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;

const RESULTS_DIR = path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} 未设置：请用 npm run test:e2e 运行端到端测试（它会设置 ${name}）`);
  return value;
}

/** Launches Chromium (CHROMIUM_PATH) with the machine's flags and a fresh profile directory. */
export function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  return launchChromium(requiredEnv('CHROMIUM_PATH'));
}

/** What a spec gets from `useBrowser()`: a fresh context and page per test. */
export type BrowserHarness = {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly browser: Browser;
};

/**
 * One browser per spec file, a fresh context (cookies, storage) per test, and a full-page
 * screenshot in test-results/e2e/ when a test fails.
 */
export function useBrowser(): BrowserHarness {
  let launched: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  let context: BrowserContext | null = null;
  let page: Page | null = null;

  beforeAll(async () => {
    launched = await launchBrowser();
  });
  beforeEach(async () => {
    context = await launched!.browser.newContext({
      baseURL: BASE_URL,
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const name = `${path.basename(task.file?.name ?? 'spec', '.e2e.test.ts')}-${task.name}`.replace(
        /[^\p{L}\p{N}_-]+/gu,
        '_',
      );
      await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true }).catch(() => {});
    }
    await context?.close();
    context = null;
    page = null;
  });
  afterAll(async () => {
    await launched?.close();
  });

  return {
    get page() {
      if (!page) throw new Error('page is only available inside a test');
      return page;
    },
    get context() {
      if (!context) throw new Error('context is only available inside a test');
      return context;
    },
    get browser() {
      if (!launched) throw new Error('browser is only available inside a test');
      return launched.browser;
    },
  };
}

/** Logs in through the login page and waits until the app has left it. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The CSRF token of the session in `ctx` (the browser keeps it in memory; tests ask /api/auth/me). */
export async function csrfTokenOf(ctx: APIRequestContext): Promise<string> {
  const res = await ctx.get('/api/auth/me');
  if (!res.ok()) throw new Error(`/api/auth/me → ${res.status()}`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/**
 * A logged-in API client outside the browser (e.g. an admin looking up or checking data); it
 * sends the session cookie and the CSRF header on every request. Call `dispose()` when done.
 */
export async function apiSession(username: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const loginCtx = await request.newContext({ baseURL: BASE_URL });
  try {
    const res = await loginCtx.post('/api/auth/login', { data: { username, password } });
    if (!res.ok()) throw new Error(`login ${username} → ${res.status()} ${await res.text()}`);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return await request.newContext({
      baseURL: BASE_URL,
      storageState: await loginCtx.storageState(),
      extraHTTPHeaders: { 'x-csrf-token': csrfToken },
    });
  } finally {
    await loginCtx.dispose();
  }
}

/**
 * The labels of the side menu once the signed-in layout has drawn it (首页 is always first). The
 * shell may re-render while the session loads, so the labels are read until two reads agree.
 */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByRole('menu').first().getByRole('menuitem');
  await items.filter({ hasText: '首页' }).first().waitFor();
  let previous = '';
  for (let i = 0; i < 50; i++) {
    const labels = (await items.allTextContents()).map((t) => t.trim());
    const key = JSON.stringify(labels);
    if (labels.length > 0 && key === previous) return labels;
    previous = key;
    await page.waitForTimeout(100);
  }
  throw new Error(`side menu did not settle: ${previous}`);
}

/** Writes an .xlsx with one header row and data rows to a temporary file and returns its path. */
export async function writeXlsx(
  fileName: string,
  headers: string[],
  rows: (string | number)[][],
): Promise<string> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('单位名录');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-e2e-'));
  const file = path.join(dir, fileName);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** A short suffix that keeps codes and names unique across runs against the same server. */
export const uniqueSuffix = (): string =>
  Date.now().toString(36).slice(-5) + Math.floor(Math.random() * 36).toString(36);

/**
 * Chooses `option` in the antd Select or TreeSelect of the form item labelled `label`, typing
 * `search` first when given, and waits until the field shows it. Validation messages that fade
 * out can shift the dropdown mid-click, so a missed pick is retried.
 */
export async function pickOption(
  scope: Locator,
  label: string,
  option: string,
  search?: string,
): Promise<void> {
  const page = scope.page();
  const item = scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  const field = item.getByRole('combobox');
  for (let attempt = 1; ; attempt++) {
    await field.click();
    if (search) await field.fill(search);
    const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await popup.getByTitle(option, { exact: true }).last().click();
    try {
      await item.getByTitle(option, { exact: true }).first().waitFor({ timeout: 2_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}
