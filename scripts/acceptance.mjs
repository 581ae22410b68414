#!/usr/bin/env node
// Acceptance walkthroughs: `npm run acceptance -- <scenario>`. Each scenario is a file
// scripts/acceptance/<name>.mjs exporting `title`, optional `needs` ({ web, chromium, ownServers }) and
// `run(kit)`; adding a scenario means adding a file. The real server is started on a fresh
// temporary database with the demo city, unless ACCEPTANCE_BASE_URL points at a running one.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureWeb } from './ensure-web.mjs';
import {
  buildWorkbook,
  createNarrator,
  expect,
  HttpClient,
  readWorkbook,
  StopWalkthrough,
} from './lib/acceptance-kit.mjs';
import { startServer } from './lib/server.mjs';
import { formatDuration, ROOT } from './lib/util.mjs';

const DIR = path.join(ROOT, 'scripts', 'acceptance');
const scenarios = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();

const name = process.argv[2];
if (!name || !scenarios.includes(name)) {
  console.error(
    `${name ? `未知场景 / unknown scenario: ${name}\n` : ''}用法 / usage: npm run acceptance -- <scenario>`,
  );
  console.error(`可用场景 / scenarios: ${scenarios.join(', ')}`);
  process.exit(2);
}

const scenario = await import(pathToFileURL(path.join(DIR, `${name}.mjs`)).href);
const external = process.env.ACCEPTANCE_BASE_URL?.replace(/\/+$/, '');
const started = Date.now();
console.log(`\n■ 验收场景 / acceptance scenario: ${name} — ${scenario.title}\n`);

let server = null;
let failed = false;
const narrator = createNarrator();
try {
  const chromiumPath = scenario.needs?.chromium ? await ensureChromium() : null;
  if (scenario.needs?.web && !external) await ensureWeb();
  // A scenario with `needs.ownServers` starts (and kills) its own servers.
  const ownServers = Boolean(scenario.needs?.ownServers);
  server = external || ownServers ? null : await startServer({ label: `acceptance server (${name})` });
  const baseUrl = external ?? server?.baseUrl ?? null;
  if (external) console.log(`使用已运行的服务 / using the running server at ${baseUrl}`);
  console.log('');
  await scenario.run({
    baseUrl,
    external: Boolean(external),
    chromiumPath,
    step: narrator.step,
    expect,
    client: (who) => new HttpClient(baseUrl, who),
    buildWorkbook,
    readWorkbook,
    resultsDir: path.join(ROOT, 'test-results'),
  });
} catch (e) {
  failed = true;
  if (!(e instanceof StopWalkthrough)) console.error(`✘ ${e?.message ?? e}`);
} finally {
  if (server) {
    const stopped = await server.stop();
    console.log(`${stopped.clean ? '✔' : '✘'} ${stopped.message}`);
    if (!stopped.clean) failed = true;
  }
}

const took = formatDuration(Date.now() - started);
if (failed) {
  console.log(
    `\n✘ 验收未通过 / acceptance FAILED: ${name} — ${narrator.passed.length} 步通过后失败 / failed after ${narrator.passed.length} passing steps (${took})`,
  );
  process.exit(1);
}
console.log(`\n✔ 验收通过 / acceptance PASSED: ${name} — ${narrator.passed.length} 步 / steps (${took})`);
