import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { dictionaryEntries } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { notFound } from '../../../lib/errors.ts';
import { presentEntry } from '../policy.ts';
import { assertLabelFree, lockDictionaries } from '../rules.ts';
import { DICTIONARY_TITLES, type EntryView, type UpdateEntryInput } from '../schemas.ts';

/**
 * Renames, reorders or (de)activates an entry (system administrator). The code never changes:
 * orgs refer to it. A deactivated entry stays on the orgs that have it but cannot be chosen anew.
 */
export async function updateDictionaryEntry(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateEntryInput,
  audit: AuditContext,
): Promise<EntryView> {
  return ctx.db.transaction(async (tx) => {
    await lockDictionaries(tx);
    const [before] = await tx.select().from(dictionaryEntries).where(eq(dictionaryEntries.id, id)).limit(1);
    if (!before) throw notFound('字典项不存在');
    const changes = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as UpdateEntryInput;
    const diff = diffRecords(before, { ...before, ...changes });
    if (Object.keys(diff).length === 0) return presentEntry(actor, before);
    if (changes.label) await assertLabelFree(tx, before.dictionary, changes.label, id);
    const [after] = await tx
      .update(dictionaryEntries)
      .set(changes)
      .where(eq(dictionaryEntries.id, id))
      .returning();
    await recordAudit(tx, audit, {
      action: 'dictionary.changed',
      targetType: 'dictionary_entry',
      targetId: id,
      targetLabel: `${DICTIONARY_TITLES[after.dictionary]}：${after.label}`,
      diff,
    });
    return presentEntry(actor, after);
  });
}
