// Launching Chromium the way these machines need it; shared by the e2e specs and the walkthroughs.
import fs from 'node:fs';
import os from 'node:os';
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

/** Launches Chromium with a fresh profile directory that `close()` removes again. */
export async function launchChromium(executablePath) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-chromium-'));
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
