#!/usr/bin/env node
// End-to-end tests in Chromium against the real server: Chromium and the web build are provisioned,
// the server starts on a free port with a fresh embedded database and the demo city, the e2e vitest
// project runs, then the server gets SIGTERM and must exit cleanly (graceful shutdown is tested too).
// Usage: node scripts/test-e2e.mjs [vitest filters...]
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureWeb } from './ensure-web.mjs';
import { startServer } from './lib/server.mjs';
import { localBin, run } from './lib/util.mjs';

async function main() {
  const chromium = await ensureChromium();
  console.log(`✔ Chromium: ${chromium}`);
  await ensureWeb();
  const server = await startServer({ label: 'e2e server' });
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code;
  try {
    code = await run(localBin('vitest'), ['run', '--project', 'e2e', ...process.argv.slice(2)], {
      env: { ...process.env, E2E_BASE_URL: server.baseUrl, CHROMIUM_PATH: chromium },
    });
  } finally {
    const stopped = await server.stop();
    console.log(`${stopped.clean ? '✔' : '✘'} ${stopped.message}`);
    if (!stopped.clean) code = 1;
  }
  return interrupted ? 130 : code;
}

try {
  process.exit(await main());
} catch (e) {
  console.error(`✘ ${e.message}`);
  process.exit(1);
}
