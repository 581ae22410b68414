import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { buildXlsx } from '../../../lib/xlsx.ts';
import type { EntriesQuery } from '../schemas.ts';
import { auditExport } from './audit-export.ts';
import { listEntries } from './entries.ts';

type Line = Awaited<ReturnType<typeof listEntries>>['entries'][number];

/** A unit's 得分明细 as in the drawer, with the total as the last row. */
export async function exportEntries(db: Db, actor: Actor, q: EntriesQuery, now: Date, audit: AuditContext) {
  const list = await listEntries(db, actor, q, now);
  const body = await buildXlsx<Line | { total: string }>(
    '得分明细',
    [
      { header: '日期', width: 12, value: (r) => ('on' in r ? r.on : '合计') },
      { header: '类别', width: 12, value: (r) => ('kindLabel' in r ? r.kindLabel : '') },
      { header: '信息编号', width: 10, value: (r) => ('itemSerial' in r ? r.itemSerial : null) },
      { header: '说明', width: 60, value: (r) => ('detail' in r ? r.detail : '') },
      { header: '数量', width: 8, value: (r) => ('quantity' in r ? Number(r.quantity) : null) },
      { header: '得分', width: 9, value: (r) => Number('points' in r ? r.points : r.total) },
    ],
    [...list.entries, { total: list.total }],
  );
  await auditExport(db, audit, {
    ruleSetId: list.ruleSet.id,
    label: `${list.unit.name} 得分明细 ${q.from}—${q.to}`,
    rows: list.entries.length,
  });
  return { filename: `得分明细-${list.unit.name}-${q.from}至${q.to}.xlsx`, body };
}
