// Launching Chromium the way these machines need it; shared by the e2e specs and the walkthroughs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** No sandbox (root in containers), no GPU, no background traffic, no first-run UI. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium. Playwright gives every launch a fresh temporary profile directory
 * (--user-data-dir) and deletes it on close, so no state leaks between runs.
 */
export async function launchChromium(executablePath) {
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

/**
 * The walkthroughs' browser step: logs `username` in through the sign-in page, runs `check` on
 * the page, and keeps a full-page screenshot as `<name>.png` in `resultsDir` — or, when a check
 * fails, `<name>-failure.png`, named in the error. Returns the screenshot's path.
 */
export async function screenshotAs(
  { chromiumPath, baseUrl, resultsDir, name, username, password, viewport },
  check,
) {
  const shot = path.join(resultsDir, `${name}.png`);
  const { browser, close } = await launchChromium(chromiumPath);
  let page;
  try {
    page = await browser.newPage({ baseURL: baseUrl, locale: 'zh-CN', viewport });
    page.setDefaultTimeout(20_000);
    await page.goto('/login');
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await check(page);
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });
  } catch (e) {
    const failed = path.join(resultsDir, `${name}-failure.png`);
    fs.mkdirSync(resultsDir, { recursive: true });
    await page?.screenshot({ path: failed, fullPage: true }).catch(() => {});
    throw new Error(`${e.message}\n     截图 / screenshot: ${path.relative(process.cwd(), failed)}`);
  } finally {
    await close();
  }
  return path.relative(process.cwd(), shot);
}
