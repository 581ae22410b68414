import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Rows of a raw query, the same on PGlite and PostgreSQL. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** `id1::uuid, id2::uuid, …` for an `in (…)` list; a list that matches nothing when empty. */
export const idList = (ids: readonly string[]) =>
  ids.length
    ? sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;

/**
 * A PostgreSQL array literal of the values, for one parameter cast to an array type: every element
 * quoted (so any text goes), null as NULL.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const element = (v: string | number | null) =>
    v === null ? 'NULL' : `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return `{${values.map(element).join(',')}}`;
}
