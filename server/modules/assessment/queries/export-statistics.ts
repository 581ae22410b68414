import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { buildXlsx } from '../../../lib/xlsx.ts';
import type { StatisticsQuery, StatisticsUnit } from '../schemas.ts';
import { auditExport } from './audit-export.ts';
import { getStatistics } from './statistics.ts';

/** The statistics page's per-unit table, every group in one sheet, as on screen. */
export async function exportStatistics(
  db: Db,
  actor: Actor,
  q: StatisticsQuery,
  now: Date,
  audit: AuditContext,
) {
  const stats = await getStatistics(db, actor, { ...q, unitId: undefined }, now);
  const body = await buildXlsx<StatisticsUnit>(
    '统计分析',
    [
      { header: '分组', width: 12, value: (r) => r.groupName },
      { header: '名次', width: 6, value: (r) => r.rank },
      { header: '单位', width: 24, value: (r) => r.unitName },
      { header: '报送数', width: 8, value: (r) => r.submitted },
      { header: '本级采用', width: 9, value: (r) => r.adoptedOwn },
      { header: '上级采用', width: 9, value: (r) => r.adoptedUpper },
      { header: '被采用条数', width: 10, value: (r) => r.adoptedItems },
      { header: '采用率（%）', width: 10, value: (r) => r.adoptionRate },
      { header: '得分', width: 9, value: (r) => Number(r.points) },
      { header: '备注', width: 10, value: (r) => (r.submitted === 0 ? '未报送' : '') },
    ],
    stats.units,
  );
  await auditExport(db, audit, {
    ruleSetId: stats.ruleSet.id,
    label: `${stats.office.name} 统计分析 ${q.from}—${q.to}`,
    rows: stats.units.length,
  });
  return { filename: `统计分析-${q.from}至${q.to}.xlsx`, body };
}
