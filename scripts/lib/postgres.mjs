// Locating (and, as root, installing) the PostgreSQL server binaries, and starting a throwaway
// test cluster from them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { aptInstall, freePort, isRoot, ROOT } from './util.mjs';

/** The directory holding initdb and pg_ctl: PG_BIN, pg_config --bindir, or the newest /usr/lib/postgresql/N/bin. */
export function findPgBinDir() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    const fromConfig = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    candidates.push(fromConfig.trim());
  } catch {}
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)))
      candidates.push(path.join(base, v, 'bin'));
  }
  return (
    candidates.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl'))) ??
    null
  );
}

/**
 * Returns the PostgreSQL bin directory. As root a missing server is installed from Debian without
 * starting its system service; otherwise the error says what to install.
 */
export async function ensurePgBinDir() {
  const found = findPgBinDir();
  if (found) return found;
  if (!isRoot()) {
    throw new Error(
      '未找到 PostgreSQL 服务端程序（initdb、pg_ctl）。请安装：sudo apt-get install -y postgresql（或设置 PG_BIN 指向其 bin 目录）' +
        ' / PostgreSQL server binaries not found; install them with: sudo apt-get install -y postgresql',
    );
  }
  const ok = await aptInstall(['postgresql'], {
    logFile: path.join(ROOT, 'test-results', 'apt-postgresql.log'),
    label: 'PostgreSQL 服务端程序',
    preventServiceStart: true,
  });
  const after = ok ? findPgBinDir() : null;
  if (!after)
    throw new Error(
      'apt-get 安装 postgresql 失败，见 test-results/apt-postgresql.log / apt-get install postgresql failed',
    );
  return after;
}

function pgOwner() {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) {
    throw new Error('以 root 运行时需要系统用户 postgres（initdb 不接受 root）。请安装 postgresql 软件包。');
  }
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}

/**
 * Starts a throwaway cluster (trust auth, no fsync) on a free port of 127.0.0.1 from the binaries
 * in `bin`. Resolves { url, dir, stop() }; `url` names the `postgres` database as the `postgres`
 * user. A failed start throws with the cluster's log and leaves nothing behind.
 */
export async function startCluster(bin) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-pg-'));
  const port = await freePort();
  // initdb refuses to run as root, so the cluster belongs to the postgres system user.
  let owner = null;
  try {
    owner = isRoot() ? pgOwner() : null;
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  if (owner) fs.chownSync(dir, ...owner);
  const asPg = (program, programArgs) =>
    owner
      ? execFileSync('runuser', ['-u', 'postgres', '--', program, ...programArgs], { stdio: 'pipe' })
      : execFileSync(program, programArgs, { stdio: 'pipe' });
  const stop = () => {
    try {
      asPg(path.join(bin, 'pg_ctl'), ['-D', dir, '-m', 'immediate', 'stop']);
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
  };
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
  } catch (e) {
    let log = '';
    try {
      log = fs.readFileSync(path.join(dir, 'server.log'), 'utf8');
    } catch {}
    stop();
    throw new Error(`启动临时 PostgreSQL 失败：${e.stderr?.toString() || e.message}\n${log}`);
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, dir, stop };
}
