#!/usr/bin/env node
// `npm test`: every check the project has, in order, each with a heading and its duration. A failed
// step does not stop the run, so the summary is complete; the exit code is non-zero if any failed.
// Usage: node scripts/test-all.mjs [step keys…]   e.g. node scripts/test-all.mjs typecheck lint
import { spawn } from 'node:child_process';
import { formatDuration, localBin, ROOT } from './lib/util.mjs';

const node = process.execPath;
const vitest = localBin('vitest');

/** Each step: key (for filtering), Chinese/English title, command, and a hard time limit. */
const STEPS = [
  {
    key: 'tools',
    title: '准备文档工具 / office tools (LibreOffice, poppler, CJK fonts)',
    cmd: [node, 'scripts/ensure-office-tools.mjs'],
    limitMin: 10,
  },
  {
    key: 'typecheck',
    title: '类型检查 / typecheck',
    cmd: [localBin('tsc'), '--noEmit', '-p', 'tsconfig.json'],
    limitMin: 5,
  },
  {
    key: 'lint',
    title: '代码检查 / lint',
    cmd: [localBin('biome'), 'check', 'server', 'web/src', 'e2e', 'scripts', 'bin'],
    limitMin: 2,
  },
  {
    key: 'unit',
    title: '单元测试 / unit tests',
    cmd: [vitest, 'run', '--project', 'unit', '--passWithNoTests'],
    limitMin: 5,
  },
  {
    key: 'api',
    title: '接口测试（PGlite）/ API tests on PGlite',
    cmd: [vitest, 'run', '--project', 'api'],
    // About 7 minutes on a quiet 2-core machine since the coordination modules; every file still
    // seeds its own database (issue 13: a prepared template).
    limitMin: 15,
  },
  {
    key: 'api-pg',
    title: '接口测试（PostgreSQL）/ API tests on PostgreSQL',
    cmd: [node, 'scripts/with-postgres.mjs', vitest, 'run', '--project', 'api'],
    limitMin: 15,
  },
  {
    key: 'e2e',
    title: '端到端测试（Chromium）/ end-to-end in Chromium',
    cmd: [node, 'scripts/test-e2e.mjs'],
    limitMin: 15,
  },
  {
    key: 'acceptance',
    title: '验收演练 / acceptance: foundation',
    cmd: [node, 'scripts/acceptance.mjs', 'foundation'],
    limitMin: 10,
  },
  {
    key: 'acceptance-workflow',
    title: '验收演练 / acceptance: workflow',
    cmd: [node, 'scripts/acceptance.mjs', 'workflow'],
    limitMin: 10,
  },
  {
    key: 'acceptance-publications',
    title: '验收演练 / acceptance: publications',
    cmd: [node, 'scripts/acceptance.mjs', 'publications'],
    limitMin: 10,
  },
  {
    key: 'acceptance-documents',
    title: '验收演练 / acceptance: documents (rendered check, preview agreement)',
    cmd: [node, 'scripts/acceptance.mjs', 'documents'],
    limitMin: 10,
  },
  {
    key: 'acceptance-hardening',
    title: '验收演练 / acceptance: hardening',
    cmd: [node, 'scripts/acceptance.mjs', 'hardening'],
    limitMin: 5,
  },
  {
    key: 'acceptance-coordination',
    title: '验收演练 / acceptance: coordination',
    cmd: [node, 'scripts/acceptance.mjs', 'coordination'],
    limitMin: 5,
  },
  {
    key: 'acceptance-assessment',
    title: '验收演练 / acceptance: assessment',
    cmd: [node, 'scripts/acceptance.mjs', 'assessment'],
    limitMin: 5,
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !STEPS.some((s) => s.key === w));
if (unknown.length > 0) {
  console.error(
    `未知步骤 / unknown step: ${unknown.join(', ')}（可用 / available: ${STEPS.map((s) => s.key).join(', ')}）`,
  );
  process.exit(2);
}
const steps = wanted.length > 0 ? STEPS.filter((s) => wanted.includes(s.key)) : STEPS;

let current = null;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    if (current) killGroup(current, 'SIGTERM');
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {}
}

/** Runs one step in its own process group so a hung step can be stopped with everything it started. */
function runStep(step) {
  return new Promise((resolve) => {
    const [cmd, ...args] = step.cmd;
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: 'inherit',
      detached: true,
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(
        `\n✘ 超过 ${step.limitMin} 分钟，终止此步骤 / step exceeded ${step.limitMin} min, stopping it`,
      );
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 20_000).unref();
    }, step.limitMin * 60_000);
    child.on('error', (err) => {
      console.error(`无法启动 ${cmd}：${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      resolve({
        ok: code === 0 && !timedOut,
        detail: timedOut ? 'timeout' : signal ? `signal ${signal}` : `exit ${code}`,
      });
    });
  });
}

const results = [];
const suiteStart = Date.now();
for (const [i, step] of steps.entries()) {
  if (interrupted) break;
  const heading = `[${i + 1}/${steps.length}] ${step.title}`;
  console.log(`\n${'━'.repeat(4)} ${heading} ${'━'.repeat(Math.max(4, 70 - heading.length))}`);
  console.log(`$ ${step.cmd.map((c) => c.replace(`${ROOT}/`, '')).join(' ')}`);
  const started = Date.now();
  const { ok, detail } = await runStep(step);
  const ms = Date.now() - started;
  results.push({ step, ok, ms, detail });
  console.log(
    `${ok ? '✔' : '✘'} ${step.title} — ${ok ? '通过 / passed' : `失败 / failed (${detail})`} in ${formatDuration(ms)}`,
  );
}

/** Pads by display width: CJK characters take two columns in a terminal. */
const displayWidth = (text) => [...text].reduce((n, ch) => n + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
const pad = (text, width) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

const passed = results.filter((r) => r.ok).length;
// Steps not run (interrupted) count as failed, so the two numbers always add up to the steps.
const failed = steps.length - passed;
const width = Math.max(...steps.map((s) => displayWidth(s.title))) + 1;
console.log(`\n${'━'.repeat(4)} 汇总 / summary ${'━'.repeat(60)}`);
for (const [i, r] of results.entries()) {
  const status = r.ok ? '✔ passed' : `✘ FAILED (${r.detail})`;
  console.log(
    `${String(i + 1).padStart(2)}. ${pad(r.step.title, width)} ${status.padEnd(22)} ${formatDuration(r.ms).padStart(10)}`,
  );
}
for (const s of steps.slice(results.length))
  console.log(`    ${pad(s.title, width)} – not run (interrupted)`);
console.log(`总耗时 / total ${formatDuration(Date.now() - suiteStart)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || interrupted ? 1 : 0);
