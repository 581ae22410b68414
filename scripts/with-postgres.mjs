#!/usr/bin/env node
// Starts a throwaway PostgreSQL cluster from the local binaries, runs the given command with
// TEST_DATABASE_URL pointing at it, then stops and removes the cluster. As root, missing server
// binaries are installed from Debian first (the system service is not started).
// Usage: node scripts/with-postgres.mjs <command> [args...]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePgBinDir } from './lib/postgres.mjs';
import { freePort, isRoot } from './lib/util.mjs';

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

function pgOwner() {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) {
    console.error('以 root 运行时需要系统用户 postgres（initdb 不接受 root）。请安装 postgresql 软件包。');
    process.exit(3);
  }
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-pg-'));
const port = await freePort();
// initdb refuses to run as root, so the cluster belongs to the postgres system user.
const owner = isRoot() ? pgOwner() : null;
if (owner) fs.chownSync(dir, ...owner);
const asPg = (program, programArgs) =>
  owner
    ? execFileSync('runuser', ['-u', 'postgres', '--', program, ...programArgs], { stdio: 'pipe' })
    : execFileSync(program, programArgs, { stdio: 'pipe' });

let child = null;
const forward = (signal) => child?.kill(signal);
process.on('SIGINT', () => forward('SIGINT'));
process.on('SIGTERM', () => forward('SIGTERM'));

let code = 1;
try {
  asPg(path.join(bin, 'initdb'), [
    '-D',
    dir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  asPg(path.join(bin, 'pg_ctl'), [
    '-D',
    dir,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    'start',
  ]);
  const env = { ...process.env, TEST_DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/postgres` };
  code = await new Promise((resolve) => {
    child = spawn(cmd, args, { stdio: 'inherit', env, shell: false });
    child.on('error', (err) => {
      console.error(`无法启动 ${cmd}：${err.message}`);
      resolve(127);
    });
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
} catch (e) {
  console.error('启动临时 PostgreSQL 失败：', e.stderr?.toString() || e.message);
  try {
    console.error(fs.readFileSync(path.join(dir, 'server.log'), 'utf8'));
  } catch {}
} finally {
  try {
    asPg(path.join(bin, 'pg_ctl'), ['-D', dir, '-m', 'immediate', 'stop']);
  } catch {}
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
