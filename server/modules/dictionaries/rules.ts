import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dictionaryEntries } from '../../db/schema/index.ts';
import { conflict } from '../../lib/errors.ts';
import type { DictionaryName } from './schemas.ts';

/**
 * Labels are unique within a dictionary too: the Excel import finds entries by label, and two
 * entries named alike could not be told apart in a picker either.
 */
export async function assertLabelFree(db: Db, dictionary: DictionaryName, label: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: dictionaryEntries.id })
    .from(dictionaryEntries)
    .where(
      and(
        eq(dictionaryEntries.dictionary, dictionary),
        eq(dictionaryEntries.label, label),
        exceptId ? ne(dictionaryEntries.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw conflict(`该字典中已有名称“${label}”`);
}

/** Serialises dictionary writes so the uniqueness checks above cannot race. */
export async function lockDictionaries(tx: Db) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('xinbao.dictionaries'))`);
}
