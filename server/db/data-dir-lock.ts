// One opener per embedded data directory. PGlite takes no lock of its own: two processes on one
// `DATA_DIR/pg` (the server and a CLI command, or two servers) each cache pages and overwrite the
// other's files, which loses acknowledged writes and later aborts PGlite. So whoever opens the
// directory first leaves a lock file naming itself, and everyone else refuses until it is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the lock file says about its holder (one JSON object). */
export type LockHolder = { pid: number; hostname: string; startedAt: string; command: string };

export type DataDirLock = {
  file: string;
  holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
};

/** The directory is held by a live process (or one on another host that cannot be checked). */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly file: string,
    readonly holder: LockHolder,
    command: string,
  ) {
    super(lockedMessage(dataDir, file, holder, command));
    this.name = 'DataDirLockedError';
  }
}

export const LOCK_FILE_NAME = 'pg.lock';
const TAKEOVER_SUFFIX = '.takeover';
/** A takeover marker older than this was left by a process that died in the middle of one. */
const TAKEOVER_STALE_MS = 10_000;
/** How long a reader waits for a just-created lock file to get its content. */
const UNREADABLE_WAIT_MS = 1_000;

/** Lock files held by this process, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes the lock on `dataDir` (creating the directory) or throws DataDirLockedError naming the
 * holder. The lock file is created with O_EXCL, so of two processes starting together exactly one
 * wins. A lock naming a process that no longer runs on this host (a crash, kill -9, power loss) is
 * taken over, and `log` says so. The lock is released by `release()` or, failing that, when this
 * process exits.
 */
export async function lockDataDir(
  dataDir: string,
  command: string,
  log: (message: string) => void = (m) => console.warn(m),
): Promise<DataDirLock> {
  dataDir = path.resolve(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  const content = `${JSON.stringify(holder)}\n`;
  // A few rounds: a takeover by someone else, or a holder releasing, changes what we find.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (heldHere.has(file)) throw new DataDirLockedError(dataDir, file, holderOf(file) ?? holder, command);
    if (createLock(dataDir, file, content)) return held(file, holder, content);
    const found = await readHolder(file);
    if (found === undefined) continue; // released meanwhile: try again
    const stale = staleReason(found.holder);
    if (!stale && found.holder) throw new DataDirLockedError(dataDir, file, found.holder, command);
    if (await takeOver(file, found.raw, content)) {
      log(
        `数据目录 ${dataDir} 的锁文件已过期（${stale}），已由本进程（${process.pid}，${command}）接管：${file}`,
      );
      return held(file, holder, content);
    }
    await sleep(20 + Math.random() * 80);
  }
  throw new Error(`无法获得数据目录 ${dataDir} 的锁（${file}），请稍后重试`);
}

function held(file: string, holder: LockHolder, content: string): DataDirLock {
  heldHere.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(file);
    process.off('exit', release);
    try {
      // Only our own lock: never remove one another process has taken since.
      if (fs.readFileSync(file, 'utf8') === content) fs.unlinkSync(file);
    } catch {}
  };
  process.on('exit', release);
  return { file, holder, release };
}

/** createExclusive with a Chinese message for what an operator can fix (permissions, a full disk). */
function createLock(dataDir: string, file: string, content: string): boolean {
  try {
    return createExclusive(file, content);
  } catch (e) {
    throw new Error(
      `无法在数据目录 ${dataDir} 中创建锁文件 ${file}：${(e as Error).message}（请检查目录权限和磁盘空间）`,
    );
  }
}

/** Creates the file only if it does not exist, with its content on disk. */
function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * The lock file's holder; null when its content cannot be understood even after waiting for a
 * writer that has just created it; undefined when the file is gone.
 */
async function readHolder(file: string): Promise<{ raw: string; holder: LockHolder | null } | undefined> {
  const deadline = Date.now() + UNREADABLE_WAIT_MS;
  for (;;) {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const holder = parseHolder(raw);
    if (holder || Date.now() > deadline) return { raw, holder };
    await sleep(50);
  }
}

function holderOf(file: string): LockHolder | null {
  try {
    return parseHolder(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const v = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || typeof v.hostname !== 'string') return null;
    return {
      pid: v.pid,
      hostname: v.hostname,
      startedAt: String(v.startedAt ?? ''),
      command: String(v.command ?? ''),
    };
  } catch {
    return null;
  }
}

/**
 * Why a lock may be taken over, or null when its holder may still be running. Only certain cases
 * count: a wrong "stale" would put two openers on one directory, a wrong "held" only asks the
 * operator to look.
 */
function staleReason(holder: LockHolder | null): string | null {
  if (!holder) return '内容无法识别';
  if (holder.hostname !== os.hostname()) return null;
  // Our own pid, yet not held by us: left by an earlier process that had this pid (a container
  // restarted with the same pid, say).
  if (holder.pid === process.pid) return `进程 ${holder.pid} 即本进程，原持有者已不在`;
  if (!isAlive(holder.pid)) return `进程 ${holder.pid} 已不存在`;
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Replaces a stale lock whose content was `staleRaw`. A takeover marker (itself O_EXCL) lets only
 * one process at a time check-remove-create, so two processes finding the same stale lock cannot
 * both end up holding it; a plain create by a third still races fairly through O_EXCL.
 */
async function takeOver(file: string, staleRaw: string, content: string): Promise<boolean> {
  const marker = file + TAKEOVER_SUFFIX;
  if (!createExclusive(marker, `${process.pid}\n`)) {
    clearAbandonedMarker(marker);
    return false;
  }
  try {
    let now: string | null;
    try {
      now = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      now = null;
    }
    if (now !== null && now !== staleRaw) return false; // changed meanwhile: look again
    if (now !== null) fs.unlinkSync(file);
    return createExclusive(file, content);
  } finally {
    fs.rmSync(marker, { force: true });
  }
}

function clearAbandonedMarker(marker: string): void {
  try {
    if (Date.now() - fs.statSync(marker).mtimeMs > TAKEOVER_STALE_MS) fs.rmSync(marker, { force: true });
  } catch {}
}

function lockedMessage(dataDir: string, file: string, holder: LockHolder, command: string): string {
  const since = formatTime(holder.startedAt);
  const where = holder.hostname === os.hostname() ? '' : `，主机 ${holder.hostname}`;
  const who = `进程 ${holder.pid}${where}${since ? `，启动于 ${since}` : ''}`;
  const lockNote =
    holder.hostname === os.hostname()
      ? `（锁文件 ${file}）`
      : `（锁文件 ${file}；该进程在另一台主机上，无法自动判断它是否仍在运行。如确认它已停止，可删除锁文件后重试）`;
  if (holder.command === 'xinbao serve') {
    const advice =
      command === 'xinbao serve'
        ? '同一数据目录只能由一个信报服务使用。请先停止正在运行的服务（systemctl stop / Ctrl+C），或为本实例设置另一个 DATA_DIR。'
        : '请先停止服务（systemctl stop / Ctrl+C）再执行此命令；账号操作也可以在系统管理界面中完成。';
    return `数据目录 ${dataDir} 正被运行中的信报服务使用（${who}）。${advice}${lockNote}`;
  }
  return `数据目录 ${dataDir} 正被另一个信报进程使用（${holder.command || '未知命令'}，${who}）。请等它结束后再执行此命令。${lockNote}`;
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
