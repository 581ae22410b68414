import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { dictionaryEntries } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { conflict } from '../../../lib/errors.ts';
import { presentEntry } from '../policy.ts';
import { assertLabelFree, lockDictionaries } from '../rules.ts';
import { type CreateEntryInput, DICTIONARY_TITLES, type EntryView } from '../schemas.ts';

/** Adds an entry to a dictionary (system administrator); it is placed last unless told otherwise. */
export async function createDictionaryEntry(
  ctx: AppContext,
  actor: Actor,
  input: CreateEntryInput,
  audit: AuditContext,
): Promise<EntryView> {
  return ctx.db.transaction(async (tx) => {
    await lockDictionaries(tx);
    const inDictionary = eq(dictionaryEntries.dictionary, input.dictionary);
    const [existing] = await tx
      .select({ label: dictionaryEntries.label })
      .from(dictionaryEntries)
      .where(and(inDictionary, sql`lower(${dictionaryEntries.code}) = ${input.code.toLowerCase()}`))
      .limit(1);
    if (existing) throw conflict(`该字典中已有编码 ${input.code}（${existing.label}）`);
    await assertLabelFree(tx, input.dictionary, input.label);
    const [{ max }] = await tx
      .select({ max: sql<number | null>`max(${dictionaryEntries.sortOrder})` })
      .from(dictionaryEntries)
      .where(inDictionary);
    const [row] = await tx
      .insert(dictionaryEntries)
      .values({ ...input, sortOrder: input.sortOrder ?? Number(max ?? 0) + 10 })
      .returning();
    await recordAudit(tx, audit, {
      action: 'dictionary.created',
      targetType: 'dictionary_entry',
      targetId: row.id,
      targetLabel: `${DICTIONARY_TITLES[row.dictionary]}：${row.label}`,
      diff: diffRecords({}, row),
    });
    return presentEntry(actor, row);
  });
}
