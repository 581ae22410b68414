// Starts the real server (`node bin/xinbao.js serve`) on a free port with a fresh, temporary
// embedded database and the demo city, for the end-to-end tests and acceptance walkthroughs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDuration, freePort, ROOT, tail } from './util.mjs';

const HEALTH_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Resolves once /api/health answers. `stop()` sends SIGTERM and checks the server exits cleanly
 * (code 0) within 15 s — the graceful-shutdown check — then deletes the temporary data.
 * `dataDir` (from an earlier start) starts on that data instead and leaves it in place; `kill()`
 * ends the server with SIGKILL, as a crash would.
 */
export async function startServer({ env = {}, label = 'server', dataDir: reuse } = {}) {
  const port = await freePort();
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-data-'));
  const logFile = path.join(dataDir, reuse ? `server-${Date.now()}.log` : 'server.log');
  const log = fs.openSync(logFile, 'a');
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/xinbao.js', 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dataDir, 'data'),
      LOG_LEVEL: 'warn',
      XINBAO_SEED_DEMO: 'true',
      // Tests log in many times from one address; the limiter itself is covered by the API suite.
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      ...env,
    },
  });
  let exit = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const cleanup = () => {
    fs.closeSync(log);
    if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  console.log(`▶ 启动服务 / starting ${label} on ${baseUrl} (DATA_DIR ${dataDir})`);
  try {
    await waitForHealth(baseUrl, () => exit);
  } catch (e) {
    if (!exit) child.kill('SIGKILL');
    await exited;
    const logTail = tail(logFile, 60);
    cleanup();
    throw new Error(`${e.message}\n--- 服务日志 / server log ---\n${logTail}`);
  }
  console.log(`✔ 服务已就绪 / ${label} ready in ${formatDuration(Date.now() - started)}`);

  let stopped = null;
  return {
    baseUrl,
    logFile,
    pid: child.pid,
    /** The temporary directory holding DATA_DIR (`<dataDir>/data`), for a restart on the same data. */
    dataDir,
    /** SIGKILL, no shutdown code runs; keeps the data (pass `dataDir` to start again). */
    kill() {
      stopped ??= (async () => {
        if (!exit) child.kill('SIGKILL');
        const result = await exited;
        fs.closeSync(log);
        return { clean: false, message: `服务已被强制结束 / server killed (${describe(result)})` };
      })();
      return stopped;
    },
    /** Stops the server; resolves { clean, message }. Safe to call more than once. */
    stop() {
      stopped ??= (async () => {
        if (exit) {
          const logTail = tail(logFile, 60);
          cleanup();
          return {
            clean: false,
            message: `服务已提前退出 / server had already exited (${describe(exit)})\n${logTail}`,
          };
        }
        const t0 = Date.now();
        child.kill('SIGTERM');
        const timer = new Promise((resolve) => setTimeout(() => resolve(null), STOP_TIMEOUT_MS));
        const result = await Promise.race([exited, timer]);
        let outcome;
        if (!result) {
          child.kill('SIGKILL');
          await exited;
          outcome = {
            clean: false,
            message: `SIGTERM 后 ${STOP_TIMEOUT_MS / 1000} s 内未退出 / did not exit within 15 s of SIGTERM`,
          };
        } else if (result.code !== 0) {
          outcome = {
            clean: false,
            message: `SIGTERM 后退出状态异常 / unclean exit after SIGTERM (${describe(result)})`,
          };
        } else {
          outcome = {
            clean: true,
            message: `服务已正常停止 / server stopped cleanly in ${formatDuration(Date.now() - t0)}`,
          };
        }
        if (!outcome.clean) outcome.message += `\n--- 服务日志 / server log ---\n${tail(logFile, 60)}`;
        cleanup();
        return outcome;
      })();
      return stopped;
    },
  };
}

function describe({ code, signal }) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

async function waitForHealth(baseUrl, exitedWith) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const exit = exitedWith();
    if (exit) throw new Error(`服务启动失败 / server exited during start-up (${describe(exit)})`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `服务在 ${HEALTH_TIMEOUT_MS / 1000} s 内未就绪（${baseUrl}/api/health 无响应）/ server not healthy within 120 s`,
  );
}
