import { and, asc, between, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentLedger, instructionAssignments, items } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { assertCanReadUnit, readerOf } from '../access.ts';
import { findRuleSet } from '../commands/find-rule-set.ts';
import { formatAmount } from '../engine/decimal.ts';
import { Registry } from '../facts/registry.ts';
import { refreshOffice } from '../ledger.ts';
import { ENTRY_KIND_LABELS } from '../present.ts';
import type { EntriesQuery } from '../schemas.ts';

const LIMIT = 5000;

/** Where the record behind an entry opens: the item, the instruction, the commission, 加减分登记. */
function linkOf(
  e: { kind: string; itemId: string | null; factId: string | null },
  instructionOf: Map<string, string>,
) {
  if (e.itemId) return `/items/${e.itemId}`;
  if (e.kind === 'commission' && e.factId) return `/commissions/${e.factId.split(':')[0]}`;
  if (e.kind === 'adjustment') return '/assessment/adjustments';
  if (e.kind === 'assignment' && e.factId) {
    const id = instructionOf.get(e.factId);
    return id ? `/instructions/${id}` : null;
  }
  return null;
}

/** Drill-down: one unit's ledger entries over a range, each with the record it came from. */
export async function listEntries(db: Db, actor: Actor, q: EntriesQuery, now: Date) {
  const row = await findRuleSet(db, actor, q.ruleSetId);
  assertCanReadUnit(readerOf(actor), row.officeId, q.unitId);
  if (row.status === 'active') await refreshOffice(db, row.officeId, now);
  const rows = await db
    .select({
      id: assessmentLedger.id,
      on: assessmentLedger.on,
      kind: assessmentLedger.kind,
      ruleKey: assessmentLedger.ruleKey,
      factId: assessmentLedger.factId,
      itemId: assessmentLedger.itemId,
      quantity: assessmentLedger.quantity,
      points: assessmentLedger.points,
      detail: assessmentLedger.detail,
      itemSerial: items.serial,
    })
    .from(assessmentLedger)
    .leftJoin(items, eq(items.id, assessmentLedger.itemId))
    .where(
      and(
        eq(assessmentLedger.ruleSetId, row.id),
        eq(assessmentLedger.unitId, q.unitId),
        between(assessmentLedger.on, q.from, q.to),
        q.kind ? eq(assessmentLedger.kind, q.kind) : undefined,
      ),
    )
    .orderBy(asc(assessmentLedger.on), asc(assessmentLedger.id))
    .limit(LIMIT + 1);
  const assignmentIds = rows
    .filter((r) => r.kind === 'assignment' && r.factId)
    .map((r) => r.factId as string);
  const instructionOf = new Map<string, string>();
  if (assignmentIds.length) {
    for (const a of await db
      .select({ id: instructionAssignments.id, instructionId: instructionAssignments.instructionId })
      .from(instructionAssignments)
      .where(inArray(instructionAssignments.id, assignmentIds))) {
      instructionOf.set(a.id, a.instructionId);
    }
  }
  const registry = await Registry.forOffice(db, row.officeId, { scope: 'members', ids: [q.unitId] });
  const shown = rows.slice(0, LIMIT);
  return {
    unit: { id: q.unitId, name: registry.name(q.unitId) },
    ruleSet: { id: row.id, name: row.name, versionNo: row.versionNo },
    entries: shown.map((e) => ({
      id: e.id,
      on: e.on,
      kind: e.kind as keyof typeof ENTRY_KIND_LABELS,
      kindLabel: ENTRY_KIND_LABELS[e.kind as keyof typeof ENTRY_KIND_LABELS] ?? e.kind,
      ruleKey: e.ruleKey,
      factId: e.factId,
      itemId: e.itemId,
      itemSerial: e.itemSerial === null ? null : Number(e.itemSerial),
      link: linkOf(e, instructionOf),
      quantity: formatAmount(e.quantity * 10),
      points: formatAmount(e.points),
      detail: e.detail,
    })),
    total: formatAmount(shown.reduce((s, e) => s + Number(e.points), 0)),
    truncated: rows.length > LIMIT,
  };
}
