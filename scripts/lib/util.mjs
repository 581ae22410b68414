// Small helpers shared by the test and run scripts. Plain Node (no tsx), so they start fast.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the caller's working directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A locally installed CLI (node_modules/.bin) — no npx round trip. */
export function localBin(name) {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

export const isRoot = () => process.getuid?.() === 0;

/** True when the module at `metaUrl` is the script node was started with. */
export function isMain(metaUrl) {
  return process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(metaUrl);
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Runs a command with inherited stdio (unless told otherwise) and resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
    child.on('error', (err) => {
      console.error(`无法启动 ${cmd}：${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Formats milliseconds as 1.2 s or 2 min 03 s. */
export function formatDuration(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Returns the last `lines` lines of a file, or '' when it cannot be read. */
export function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function aptBusy() {
  // Another apt/dpkg run holds the lock; waiting is kinder than failing or fighting it.
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (['apt', 'apt-get', 'dpkg', 'unattended-upgr'].includes(comm)) return true;
    } catch {}
  }
  return false;
}

/**
 * Installs Debian packages non-interactively (root only), output to a log file, waiting for any
 * other apt/dpkg run to finish first. Returns true on success.
 */
export async function aptInstall(packages, { logFile, label, preventServiceStart = false }) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const waitStart = Date.now();
  let announced = false;
  while (aptBusy() && Date.now() - waitStart < 15 * 60_000) {
    if (!announced) console.log('  等待另一个 apt/dpkg 进程结束… / waiting for another apt/dpkg process…');
    announced = true;
    await sleep(3000);
  }
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  console.log(
    `  正在安装 ${label}（apt-get，日志 ${logFile}）… / installing ${packages.join(' ')} via apt-get…`,
  );
  const out = fs.openSync(logFile, 'a');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=900'];
  // policy-rc.d answering 101 keeps maintainer scripts from starting system services.
  const policy = '/usr/sbin/policy-rc.d';
  const addPolicy = preventServiceStart && !fs.existsSync(policy);
  if (addPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const opts = { stdio: ['ignore', out, out], env };
    let code = await run('apt-get', [...lockWait, 'update'], opts);
    if (code !== 0) return false;
    code = await run(
      'apt-get',
      [
        ...lockWait,
        'install',
        '-y',
        '--no-install-recommends',
        '-o',
        'Dpkg::Options::=--force-confold',
        ...packages,
      ],
      opts,
    );
    return code === 0;
  } finally {
    if (addPolicy) fs.rmSync(policy, { force: true });
    fs.closeSync(out);
  }
}
