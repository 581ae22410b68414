import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { orgs } from '../../../db/schema/index.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { AppError } from '../../../lib/errors.ts';
import { readOrgSheet } from '../excel.ts';
import { todayInChina } from '../fields.ts';
import { type ImportError, planImport } from '../import-plan.ts';
import { auditRecord, loadDictionaries, lockTree, updateOrgVersioned } from '../registry.ts';

export type ImportResult = { created: number; updated: number; unchanged: number };

const INSERT_CHUNK = 500;
const MAX_REPORTED_ERRORS = 1000;

function importInvalid(errors: ImportError[]): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  return new AppError(400, 'IMPORT_INVALID', `导入失败：共 ${rows} 行有错误，未导入任何数据`, {
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
  });
}

/**
 * Upserts the registry from an uploaded .xlsx by 单位编码 (system administrator). All or
 * nothing: every row is checked against the tree as it will be, and one bad row imports nothing.
 * The per-org events and the one summary event are written in the same transaction.
 */
export async function importOrgs(
  ctx: AppContext,
  file: { buffer: Buffer; filename: string },
  audit: AuditContext,
): Promise<ImportResult> {
  const sheet = await readOrgSheet(file.buffer);
  return ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    const existing = await tx.select().from(orgs);
    const result = planImport({
      ...sheet,
      existing,
      dictionaries: await loadDictionaries(tx),
      today: todayInChina(),
      newId: randomUUID,
    });
    if ('errors' in result) throw importInvalid(result.errors);
    const { plan } = result;

    for (let i = 0; i < plan.creates.length; i += INSERT_CHUNK) {
      const chunk = plan.creates.slice(i, i + INSERT_CHUNK);
      const rows = await tx
        .insert(orgs)
        .values(chunk.map((c) => ({ id: c.id, ...c.values })))
        .returning();
      for (const row of rows) {
        await recordAudit(tx, audit, {
          action: 'org.created',
          targetType: 'org',
          targetId: row.id,
          targetLabel: row.name,
          diff: diffRecords({}, auditRecord(row)),
        });
      }
    }
    for (const update of plan.updates) {
      const after = await updateOrgVersioned(tx, update.before.id, update.before.version, update.values);
      await recordAudit(tx, audit, {
        action: 'org.updated',
        targetType: 'org',
        targetId: after.id,
        targetLabel: after.name,
        diff: diffRecords(auditRecord(update.before), auditRecord(after)),
      });
    }
    const summary = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged };
    await recordAudit(tx, audit, {
      action: 'org.imported',
      targetType: 'org',
      targetLabel: file.filename,
      diff: { fileName: file.filename, rows: sheet.rows.length, ...summary },
    });
    return summary;
  });
}
