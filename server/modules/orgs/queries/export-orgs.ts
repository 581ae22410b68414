import ExcelJS from 'exceljs';
import type { AppContext } from '../../../context.ts';
import { orgs } from '../../../db/schema/index.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { addOrgSheet, type SheetRow, toBuffer } from '../excel.ts';
import { KIND_LABELS, LEVEL_LABELS, todayInChina } from '../fields.ts';
import { treeOrder } from '../present.ts';
import { type DictionaryEntry, loadDictionaries, type OrgRow } from '../registry.ts';

/** One registry row as the spreadsheet shows it (labels, parent code, 启用/停用). */
export function toSheetRow(
  org: OrgRow,
  codeById: Map<string, string>,
  dictionaries: DictionaryEntry[],
): SheetRow {
  const label = (dictionary: string, code: string | null) =>
    code ? (dictionaries.find((d) => d.dictionary === dictionary && d.code === code)?.label ?? code) : null;
  return {
    code: org.code,
    name: org.name,
    shortName: org.shortName,
    kind: KIND_LABELS[org.kind],
    level: org.level ? LEVEL_LABELS[org.level] : null,
    parentCode: org.parentId ? (codeById.get(org.parentId) ?? null) : null,
    sectionName: org.sectionName,
    category: label('unit_category', org.categoryCode),
    group: label('assessment_group', org.groupCode),
    sortOrder: org.sortOrder,
    contactPerson: org.contactPerson,
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
    address: org.address,
    netAccessDate: org.netAccessDate,
    netAccessMethod: org.netAccessMethod,
    netIpRange: org.netIpRange,
    netFilingNo: org.netFilingNo,
    status: org.active ? '启用' : '停用',
    validFrom: org.validFrom,
    validTo: org.validTo,
    note: org.note,
  };
}

/**
 * The whole registry, active and inactive, as an .xlsx the import accepts back unchanged
 * (system administrator). The export is audited: it carries the network-access details.
 */
export async function exportOrgs(
  ctx: AppContext,
  audit: AuditContext,
): Promise<{ buffer: Buffer; filename: string }> {
  const rows = treeOrder(await ctx.db.select().from(orgs));
  const dictionaries = await loadDictionaries(ctx.db);
  const codeById = new Map(rows.map((o) => [o.id, o.code]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '信报 Xinbao';
  workbook.created = new Date();
  addOrgSheet(
    workbook,
    rows.map((o) => toSheetRow(o, codeById, dictionaries)),
  );
  const buffer = await toBuffer(workbook);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, audit, {
      action: 'org.exported',
      targetType: 'org',
      targetLabel: '单位名录',
      diff: { rows: rows.length },
    }),
  );
  return { buffer, filename: `单位名录-${todayInChina()}.xlsx` };
}
