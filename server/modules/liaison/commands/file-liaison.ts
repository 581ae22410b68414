import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { liaisonFilingRevisions, liaisonFilings } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { assertVersion, uniqueOrConflict } from '../../../lib/records.ts';
import { todayInChina } from '../../orgs/index.ts';
import { changesBetween, type FilingData, snapshotOf } from '../fields.ts';
import { filingLabel, presentFiling } from '../present.ts';
import type { FilingInput } from '../schemas.ts';
import { assertFiles, findLiaisonUnit, openYears, parentOffice } from '../scope.ts';

const ALREADY_FILED = '本单位该年度已经备案，请刷新后在现有备案上修改';

/**
 * 备案 or 变更: a member unit files its 分管领导 and 信息员 for a year, or changes them. Either way
 * the filing gets a new version and a revision row with the whole snapshot (the first filing is
 * revision 1), and the audit log names the changed fields. Saving what is already on file changes
 * nothing (`changed: false`). Scope 404 → role 403 → year 400 → version 409.
 */
export function fileLiaison(
  db: Db,
  actor: Actor,
  unitId: string,
  year: number,
  input: FilingInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const unit = await findLiaisonUnit(tx, actor, unitId);
    assertFiles(actor, unit);
    if (!unit.active) throw badRequest('该单位已停用，无需备案');
    if (!(await parentOffice(tx, unit))) throw badRequest('该单位不隶属于任何办公室，无需备案');
    const years = openYears(todayInChina(now));
    if (!years.includes(year)) throw badRequest(`只能填报 ${years.join(' 或 ')} 年度的联络员备案`);

    const data: FilingData = snapshotOf(columnsOf(input));

    const [current] = await tx
      .select()
      .from(liaisonFilings)
      .where(and(eq(liaisonFilings.unitId, unit.id), eq(liaisonFilings.year, year)))
      .for('update');

    if (!current) {
      if (input.version) throw conflict('该备案已不存在，请刷新后重试');
      const [row] = await uniqueOrConflict(
        tx
          .insert(liaisonFilings)
          .values({
            unitId: unit.id,
            year,
            ...columnsOf(input),
            filedById: actor.userId,
            filedByName: actor.displayName,
            filedAt: now,
            updatedAt: now,
          })
          .returning(),
        ALREADY_FILED,
      );
      if (!row) throw new Error('insert failed');
      await insertRevision(tx, row.id, 1, data, actor, now);
      await recordAudit(tx, audit, {
        action: 'liaison.filed',
        targetType: 'liaison_filing',
        targetId: row.id,
        targetLabel: filingLabel(unit.name, year),
        diff: labelled(changesBetween(null, data)),
      });
      return { filing: presentFiling(row, actor.displayName), changed: true };
    }

    if (input.version === undefined || input.version === 0) throw conflict(ALREADY_FILED);
    assertVersion(current, input.version);
    const before = snapshotOf(current);
    const changes = changesBetween(before, data);
    if (changes.length === 0) {
      const [rev] = await tx
        .select({ name: liaisonFilingRevisions.changedByName })
        .from(liaisonFilingRevisions)
        .where(
          and(
            eq(liaisonFilingRevisions.filingId, current.id),
            eq(liaisonFilingRevisions.version, current.version),
          ),
        );
      return { filing: presentFiling(current, rev?.name ?? null), changed: false };
    }
    const [row] = await tx
      .update(liaisonFilings)
      .set({ ...columnsOf(input), updatedAt: now, version: sql`${liaisonFilings.version} + 1` })
      .where(eq(liaisonFilings.id, current.id))
      .returning();
    if (!row) throw new Error('update failed');
    await insertRevision(tx, row.id, row.version, data, actor, now);
    await recordAudit(tx, audit, {
      action: 'liaison.updated',
      targetType: 'liaison_filing',
      targetId: row.id,
      targetLabel: filingLabel(unit.name, year),
      diff: labelled(changes),
    });
    return { filing: presentFiling(row, actor.displayName), changed: true };
  });
}

async function insertRevision(
  tx: Db,
  filingId: string,
  version: number,
  data: FilingData,
  actor: Actor,
  at: Date,
) {
  await tx.insert(liaisonFilingRevisions).values({
    filingId,
    version,
    data,
    changedById: actor.userId,
    changedByName: actor.displayName,
    changedAt: at,
  });
}

/** The filing's columns from the form. */
const columnsOf = (input: FilingInput) => ({
  leaderName: input.leaderName,
  leaderTitle: input.leaderTitle,
  leaderPhone: input.leaderPhone,
  reporterName: input.reporterName,
  reporterTitle: input.reporterTitle,
  reporterPhone: input.reporterPhone,
  reporterMobile: input.reporterMobile,
  reporterEmail: input.reporterEmail,
});

/** The audit diff in the auditor's words: `{ 信息员: [旧, 新] }`. */
const labelled = (changes: ReturnType<typeof changesBetween>) =>
  Object.fromEntries(changes.map((c) => [c.label, [c.before, c.after]]));
