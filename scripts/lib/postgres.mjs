// Locating (and, as root, installing) the PostgreSQL server binaries for the throwaway test cluster.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { aptInstall, isRoot, ROOT } from './util.mjs';

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
