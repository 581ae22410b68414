#!/usr/bin/env node
// Builds the web UI when web/dist is missing or older than its sources, so `npm start` and the
// end-to-end tests always serve the current UI without rebuilding on every run.
// Usage: node scripts/ensure-web.mjs [--force]
import fs from 'node:fs';
import path from 'node:path';
import { formatDuration, isMain, localBin, ROOT, run } from './lib/util.mjs';

const OUTPUT = path.join(ROOT, 'web', 'dist', 'index.html');
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  // The web imports pure server modules (roles, workflow table, schema enums, field rules); any
  // server source may be one of them, and a spare rebuild is cheaper than a stale UI.
  'server',
  'package-lock.json',
];

function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return { mtime: 0, file: null };
  }
  if (!stat.isDirectory())
    return /\.test\.ts$/.test(p) ? { mtime: 0, file: null } : { mtime: stat.mtimeMs, file: p };
  let best = { mtime: 0, file: null };
  for (const entry of fs.readdirSync(p)) {
    const found = newestMtime(path.join(p, entry));
    if (found.mtime > best.mtime) best = found;
  }
  return best;
}

/** Why the build is stale, or null when web/dist is current. */
export function webBuildReason() {
  if (!fs.existsSync(OUTPUT)) return 'web/dist/index.html 不存在 / not built yet';
  const built = fs.statSync(OUTPUT).mtimeMs;
  for (const src of SOURCES) {
    const newest = newestMtime(path.join(ROOT, src));
    if (newest.mtime > built)
      return `${path.relative(ROOT, newest.file)} 比构建结果新 / changed since the last build`;
  }
  return null;
}

/** Builds the web UI if needed; throws when the build fails. */
export async function ensureWeb({ force = false } = {}) {
  const reason = force ? '--force' : webBuildReason();
  if (!reason) {
    console.log('✔ 前端已是最新 / web UI is up to date (web/dist)');
    return;
  }
  console.log(`▶ 构建前端 / building the web UI (${reason})`);
  const started = Date.now();
  const code = await run(localBin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  if (code !== 0) throw new Error(`前端构建失败（vite build 退出码 ${code}）/ web build failed`);
  // vite keeps source mtimes irrelevant to the output; touch it so the freshness check is exact.
  const now = new Date();
  fs.utimesSync(OUTPUT, now, now);
  console.log(`✔ 前端构建完成 / web UI built in ${formatDuration(Date.now() - started)}`);
}

if (isMain(import.meta.url)) {
  try {
    await ensureWeb({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`✘ ${e.message}`);
    process.exit(1);
  }
}
