/**
 * What every bench shares: a throwaway database (a fresh database on the PostgreSQL server named by
 * TEST_DATABASE_URL — set by scripts/with-postgres.mjs — dropped afterwards; else PGlite in
 * memory) with the migrations applied, and timing in turns so both sides of a ratio meet the same
 * load on a shared machine.
 */
import { openDatabase } from '../server/db/client.ts';
import { throwawayDatabase } from '../server/test/throwaway-database.ts';

export async function benchDatabase() {
  const { databaseUrl, drop } = await throwawayDatabase('xb_bench');
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  await database.migrate();
  return {
    database,
    kind: databaseUrl ? 'PostgreSQL (with-postgres)' : 'PGlite (in memory)',
    async close() {
      await database.close();
      await drop();
    },
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * The module and its bare counterpart timed in turns (module, bare, module, …): `warmUps` turns,
 * then the medians of `runs` turns (ms).
 */
export async function compare(
  moduleFn: () => Promise<unknown>,
  bareFn: () => Promise<unknown>,
  { warmUps, runs }: { warmUps: number; runs: number },
): Promise<{ module: number; bare: number }> {
  const times = { module: [] as number[], bare: [] as number[] };
  for (let i = 0; i < warmUps + runs; i++) {
    for (const [side, fn] of [
      ['module', moduleFn],
      ['bare', bareFn],
    ] as const) {
      const t0 = performance.now();
      await fn();
      if (i >= warmUps) times[side].push(performance.now() - t0);
    }
  }
  return { module: median(times.module), bare: median(times.bare) };
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
export const fmt = (n: number) => n.toLocaleString('en-US');
