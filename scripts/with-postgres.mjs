#!/usr/bin/env node
// Starts a throwaway PostgreSQL cluster from the local binaries, runs the given command with
// TEST_DATABASE_URL pointing at it, then stops and removes the cluster.
// Usage: node scripts/with-postgres.mjs <command> [args...]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function findBinDir() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    const fromConfig = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    candidates.push(fromConfig);
  } catch {}
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(base, v, 'bin'));
  }
  return candidates.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl')));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const bin = findBinDir();
if (!bin) {
  console.error(
    '未找到 PostgreSQL 服务端程序（initdb、pg_ctl）。请安装：apt-get install postgresql（或设置 PG_BIN 指向其 bin 目录）。',
  );
  process.exit(3);
}
const isRoot = process.getuid?.() === 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-pg-'));
const port = await freePort();
const asPg = (cmd, args) => {
  if (isRoot) {
    fs.chownSync(dir, ...pgOwner());
    return execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
  }
  return execFileSync(cmd, args, { stdio: 'pipe' });
};
function pgOwner() {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) {
    console.error('以 root 运行时需要系统用户 postgres（initdb 不接受 root）。请安装 postgresql 软件包。');
    process.exit(3);
  }
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}

let code = 1;
try {
  asPg(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  asPg(path.join(bin, 'pg_ctl'), [
    '-D', dir, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    '-l', path.join(dir, 'server.log'), '-w', 'start',
  ]);
  const [cmd, ...args] = process.argv.slice(2);
  const env = { ...process.env, TEST_DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/postgres` };
  code = await new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env, shell: false });
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
