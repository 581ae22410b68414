#!/usr/bin/env node
// Starts a throwaway PostgreSQL cluster from the local binaries, runs the given command with
// TEST_DATABASE_URL pointing at it, then stops and removes the cluster. As root, missing server
// binaries are installed from Debian first (the system service is not started).
// Usage: node scripts/with-postgres.mjs <command> [args...]
import { spawn } from 'node:child_process';
import { ensurePgBinDir, startCluster } from './lib/postgres.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('用法 / usage: node scripts/with-postgres.mjs <command> [args...]');
  process.exit(2);
}

let bin;
try {
  bin = await ensurePgBinDir();
} catch (e) {
  console.error(e.message);
  process.exit(3);
}

let child = null;
const forward = (signal) => child?.kill(signal);
process.on('SIGINT', () => forward('SIGINT'));
process.on('SIGTERM', () => forward('SIGTERM'));

let code = 1;
let cluster = null;
try {
  cluster = await startCluster(bin);
  const env = { ...process.env, TEST_DATABASE_URL: cluster.url };
  code = await new Promise((resolve) => {
    child = spawn(cmd, args, { stdio: 'inherit', env, shell: false });
    child.on('error', (err) => {
      console.error(`无法启动 ${cmd}：${err.message}`);
      resolve(127);
    });
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
} catch (e) {
  console.error(e.message);
} finally {
  cluster?.stop();
}
process.exit(code);
