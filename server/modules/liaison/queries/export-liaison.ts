import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { notFound } from '../../../lib/errors.ts';
import { buildXlsx, formatDateTime, type XlsxColumn } from '../../../lib/xlsx.ts';
import { todayInChina } from '../../orgs/index.ts';
import type { FilingView } from '../schemas.ts';
import { memberUnitsOf, readerOf } from '../scope.ts';
import { filingsFor } from './list-liaison.ts';

type Row = { unitName: string; filing: FilingView | null };

/** The 通讯录 columns the offices print and hand round. */
const COLUMNS: XlsxColumn<Row>[] = [
  { header: '单位', width: 30, value: (r) => r.unitName },
  { header: '分管领导', width: 12, value: (r) => r.filing?.leaderName ?? null },
  { header: '职务', width: 20, value: (r) => r.filing?.leaderTitle ?? null },
  { header: '电话', width: 16, value: (r) => r.filing?.leaderPhone ?? null },
  { header: '信息员', width: 12, value: (r) => r.filing?.reporterName ?? null },
  { header: '职务', width: 20, value: (r) => r.filing?.reporterTitle ?? null },
  { header: '办公电话', width: 16, value: (r) => r.filing?.reporterPhone ?? null },
  { header: '手机', width: 14, value: (r) => r.filing?.reporterMobile ?? null },
  { header: '邮箱', width: 24, value: (r) => r.filing?.reporterEmail ?? null },
  { header: '更新时间', width: 18, value: (r) => (r.filing ? formatDateTime(r.filing.updatedAt) : '未备案') },
];

/**
 * The year's registry of an office as an Excel 通讯录: every active member unit in registry order,
 * the units that have not filed with 未备案. It carries phone numbers, so the export is audited.
 */
export async function exportLiaison(
  ctx: AppContext,
  actor: Actor,
  q: { year?: number; officeId?: string },
  audit: AuditContext,
): Promise<{ filename: string; body: Buffer }> {
  const now = ctx.clock.now();
  const year = q.year ?? Number(todayInChina(now).slice(0, 4));
  const offices = readerOf(actor).staffOfficeIds;
  const officeId = q.officeId ?? offices[0];
  if (!officeId || !offices.includes(officeId)) throw notFound('办公室不存在或您无权查看其联络员备案');
  const [office] = await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, officeId));
  const members = await memberUnitsOf(ctx.db, [officeId]);
  const filings = await filingsFor(
    ctx.db,
    members.map((m) => m.id),
    year,
  );
  const rows = members.map((m) => ({ unitName: m.name, filing: filings.get(m.id)?.view ?? null }));
  const body = await buildXlsx(`${year}年度联络员`, COLUMNS, rows);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, audit, {
      action: 'liaison.exported',
      targetType: 'office',
      targetId: officeId,
      targetLabel: `${office?.name ?? ''} ${year}年度信息联络员通讯录`,
      diff: { year, rows: rows.length, filed: rows.filter((r) => r.filing).length },
    }),
  );
  return { filename: `${office?.name ?? ''}${year}年度信息联络员通讯录.xlsx`, body };
}
