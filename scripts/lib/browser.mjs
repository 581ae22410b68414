// Launching Chromium the way these machines need it; shared by the e2e specs and the walkthroughs.
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
