import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { dictionaryEntries } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { presentEntry } from '../policy.ts';
import type { DictionaryName, EntryView } from '../schemas.ts';

/**
 * Dictionary entries, inactive ones included (old records still show their labels), in display
 * order. Any logged-in user may read them: forms and filters need them.
 */
export async function listDictionaryEntries(
  ctx: AppContext,
  actor: Actor,
  dictionary?: DictionaryName,
): Promise<EntryView[]> {
  const rows = await ctx.db
    .select()
    .from(dictionaryEntries)
    .where(dictionary ? eq(dictionaryEntries.dictionary, dictionary) : undefined)
    .orderBy(dictionaryEntries.dictionary, dictionaryEntries.sortOrder, dictionaryEntries.code);
  return rows.map((r) => presentEntry(actor, r));
}
