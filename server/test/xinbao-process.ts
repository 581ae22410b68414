// The real `xinbao` command as child processes, for tests about what happens between processes
// (locks, crashes, several instances): `node bin/xinbao.js serve` on a free port and one-shot CLI
// commands, with their output captured.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'xinbao.js');

/** The environment of a test process: quiet logs, no demo seed unless asked, no rate limit in the way. */
function baseEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    XINBAO_SEED_DEMO: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    // Inherited from the api-pg step; a test names its own database explicitly.
    TEST_DATABASE_URL: undefined,
    DATABASE_URL: undefined,
    ...env,
  };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

export type CliResult = { code: number | null; signal: string | null; stdout: string; stderr: string };

/** Runs `xinbao <args…>` to completion. */
export function runXinbao(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: baseEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export type ServerProcess = {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit once the process has ended. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<{ code: number | null; signal: string | null }>;
  /** SIGKILL (a crash: no shutdown code runs) and wait for the exit. */
  kill(): Promise<{ code: number | null; signal: string | null }>;
};

/** Starts `xinbao serve` without waiting for it; see `waitHealthy`. */
export async function spawnServe(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: baseEnv({ PORT: String(port), ...env }),
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  let exit: { code: number | null; signal: string | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on('close', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const signalled = (signal: NodeJS.Signals) => {
    if (!exit) child.kill(signal);
    return exited;
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    child,
    output: () => out,
    exited,
    stop: () => signalled('SIGTERM'),
    kill: () => signalled('SIGKILL'),
  };
}

/** Waits until /api/health answers 200; throws with the server's output if it exits or times out. */
export async function waitHealthy(server: ServerProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void server.exited.then(() => {
    ended = true;
  });
  while (Date.now() < deadline) {
    if (ended) throw new Error(`xinbao serve exited during start-up:\n${server.output()}`);
    try {
      const res = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`xinbao serve not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

/** Starts `xinbao serve` and waits for it to answer. */
export async function startServe(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const server = await spawnServe(env);
  try {
    await waitHealthy(server);
  } catch (e) {
    await server.kill();
    throw e;
  }
  return server;
}

/** A logged-in HTTP client against a server process: cookie and CSRF header on every request. */
export async function httpLogin(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string; code?: string; message?: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('xb_session='));
  const request = async (method: string, url: string, json?: unknown) => {
    const r = await fetch(baseUrl + url, {
      method,
      headers: {
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        cookie: cookie ?? '',
        'x-csrf-token': body.csrfToken ?? '',
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await r.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: r.status, body: parsed as Record<string, unknown> };
  };
  return { status: res.status, body, request };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
