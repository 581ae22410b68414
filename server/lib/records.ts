import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { conflict } from './errors.ts';

/**
 * What every module does with its rows the same way: optimistic locking on a `version` column and
 * the mapping of PostgreSQL's unique violation to a 409 with the module's own words.
 */

export const STALE_RECORD = '该记录已被他人修改，请刷新后重试';

/** A table with the columns `updateVersioned` needs. */
type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Updates the row if it still has `version`, bumping the version and `updatedAt`; a 409 with
 * `staleMessage` when someone else saved first (nothing is written then).
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Db,
  table: T,
  id: string,
  version: number,
  values: Partial<T['$inferInsert']>,
  staleMessage: string = STALE_RECORD,
): Promise<T['$inferSelect']> {
  const rows = (await tx
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning()) as T['$inferSelect'][];
  if (!rows[0]) throw conflict(staleMessage);
  return rows[0];
}

/** Fails early, with the usual message, when the client edited an outdated copy. */
export function assertVersion(
  row: { version: number },
  version: number,
  message: string = STALE_RECORD,
): void {
  if (row.version !== version) throw conflict(message, { currentVersion: row.version });
}

/** PostgreSQL's unique_violation (23505), whether the driver error arrives bare or wrapped by Drizzle. */
export function isUniqueViolation(e: unknown): boolean {
  let err: unknown = e;
  for (let depth = 0; depth < 5 && typeof err === 'object' && err !== null; depth++) {
    if ((err as { code?: unknown }).code === '23505') return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a write and turns a unique-key race (two creates of one code) into a 409 with `message`. */
export async function uniqueOrConflict<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message);
    throw error;
  }
}
