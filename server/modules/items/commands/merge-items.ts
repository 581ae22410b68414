import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import {
  dictionaryEntries,
  type ItemPriority,
  itemAttachments,
  itemCredits,
  items,
  itemVersions,
  SECRECY_LEVELS,
  type SecrecyLevel,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import {
  assertItemVersion,
  findItemForActor,
  type ItemRow,
  recordItemEvent,
  updateItemVersioned,
} from '../repository.ts';
import type { MergeInput } from '../workflow-schemas.ts';
import { assertTransition, itemLabel, naming } from './apply-transition.ts';

/**
 * 合报: several units reported the same event; the editor writes one item from them. The new
 * item stands at the office as submitted, its credit is shared evenly by the origin units, and
 * the sources close as merged, pointing at it.
 */
export function mergeItems(
  ctx: AppContext,
  actor: Actor,
  input: MergeInput,
  audit: AuditContext,
): Promise<ItemRow> {
  return ctx.db.transaction(async (tx) => {
    // Lock in a fixed order so two overlapping merges cannot deadlock.
    const locked = new Map<string, ItemRow>();
    for (const id of [...input.ids].sort()) locked.set(id, await findItemForActor(tx, actor, id, true));
    const sources = input.ids.map((id) => locked.get(id)!);
    for (const row of sources) {
      try {
        assertTransition('merge', row, actor);
        const seen = input.versions?.[row.id];
        if (seen !== undefined) assertItemVersion(row, seen);
      } catch (error) {
        throw naming(error, row);
      }
    }
    const first = sources[0];
    if (sources.some((s) => s.officeId !== first.officeId)) {
      throw badRequest('合报的信息须是同一办公室收到的信息');
    }
    await assertCategory(tx, input.categoryCode);

    const merged = await insertMergedItem(tx, actor, input, sources);
    const credits = splitCredits(sources.map((s) => s.originUnitId));
    await tx.insert(itemCredits).values(credits.map((c) => ({ itemId: merged.id, ...c })));
    await copyAttachments(tx, merged.id, sources);
    for (const row of sources) {
      await updateItemVersioned(tx, row.id, row.version, { status: 'merged', mergedIntoId: merged.id });
      await recordItemEvent(tx, actor, row.id, {
        action: 'merge',
        fromStatus: row.status,
        toStatus: 'merged',
        reason: input.reason ?? null,
        data: { mergedIntoId: merged.id, mergedIntoSerial: merged.serial },
      });
    }
    await recordItemEvent(tx, actor, merged.id, {
      action: 'merged_from',
      fromStatus: null,
      toStatus: 'submitted',
      reason: input.reason ?? null,
      data: {
        sourceIds: sources.map((s) => s.id),
        sourceSerials: sources.map((s) => s.serial),
        versionNo: 1,
      },
    });
    await recordAudit(tx, audit, {
      action: 'item.merged',
      targetType: 'item',
      targetId: merged.id,
      targetLabel: itemLabel(merged),
      diff: {
        sources: sources.map(itemLabel),
        credits: credits.map((c) => ({ unitId: c.unitId, shareMille: c.shareMille })),
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    return merged;
  });
}

/**
 * Even shares in thousandths over the distinct units, in the order given; the remainder goes to
 * the first unit so the shares always sum to 1000.
 */
export function splitCredits(unitIds: readonly string[]): { unitId: string; shareMille: number }[] {
  const distinct = [...new Set(unitIds)];
  const base = Math.floor(1000 / distinct.length);
  const remainder = 1000 - base * distinct.length;
  return distinct.map((unitId, i) => ({ unitId, shareMille: base + (i === 0 ? remainder : 0) }));
}

const PRIORITY_RANK: Record<ItemPriority, number> = { normal: 0, for_reading: 1, urgent: 2 };

async function insertMergedItem(tx: Db, actor: Actor, input: MergeInput, sources: ItemRow[]) {
  const first = sources[0];
  const eventTimes = sources.flatMap((s) => (s.eventAt ? [s.eventAt.getTime()] : []));
  const submitted = sources.flatMap((s) => (s.submittedAt ? [s.submittedAt.getTime()] : []));
  const [merged] = await tx
    .insert(items)
    .values({
      officeId: first.officeId,
      submittingUnitId: first.submittingUnitId,
      originUnitId: first.originUnitId,
      title: input.title,
      body: input.body,
      categoryCode: input.categoryCode,
      priority: input.priority ?? mostUrgent(sources),
      // The merged text may carry anything a source carried: the strictest marking wins.
      secrecy: strictestSecrecy(sources),
      keywords: [...new Set(sources.flatMap((s) => s.keywords))].slice(0, 20),
      authorId: first.authorId,
      authorName: first.authorName,
      authorPhone: first.authorPhone,
      signerId: first.signerId,
      signerName: first.signerName,
      signedAt: first.signedAt,
      eventAt: eventTimes.length ? new Date(Math.min(...eventTimes)) : null,
      status: 'submitted',
      // The office's time limit runs from the earliest source, not from the merge.
      submittedAt: submitted.length ? new Date(Math.min(...submitted)) : new Date(),
      currentVersion: 1,
      version: 1,
    })
    .returning();
  await tx.insert(itemVersions).values({
    itemId: merged.id,
    versionNo: 1,
    title: input.title,
    body: input.body,
    editorId: actor.userId,
    editorName: actor.displayName,
    reason: input.reason ?? '合报',
  });
  return merged;
}

function mostUrgent(sources: ItemRow[]): ItemPriority {
  return sources.reduce<ItemPriority>(
    (best, s) => (PRIORITY_RANK[s.priority] > PRIORITY_RANK[best] ? s.priority : best),
    'normal',
  );
}

function strictestSecrecy(sources: ItemRow[]): SecrecyLevel {
  const rank = (s: SecrecyLevel) => SECRECY_LEVELS.indexOf(s);
  return sources.reduce<SecrecyLevel>((m, s) => (rank(s.secrecy) > rank(m) ? s.secrecy : m), 'public');
}

async function assertCategory(tx: Db, code: string): Promise<void> {
  const [entry] = await tx
    .select({ code: dictionaryEntries.code })
    .from(dictionaryEntries)
    .where(
      and(
        eq(dictionaryEntries.dictionary, 'item_category'),
        eq(dictionaryEntries.code, code),
        eq(dictionaryEntries.active, true),
      ),
    );
  if (!entry) throw badRequest('信息类别不存在或已停用');
}

async function copyAttachments(tx: Db, itemId: string, sources: ItemRow[]): Promise<void> {
  const files = await tx
    .select()
    .from(itemAttachments)
    .where(
      inArray(
        itemAttachments.itemId,
        sources.map((s) => s.id),
      ),
    );
  if (!files.length) return;
  await tx.insert(itemAttachments).values(
    files.map((f) => ({
      itemId,
      kind: f.kind,
      fileName: f.fileName,
      mimeType: f.mimeType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      uploadedBy: f.uploadedBy,
    })),
  );
}
