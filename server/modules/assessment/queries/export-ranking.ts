import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { buildXlsx } from '../../../lib/xlsx.ts';
import type { RankingQuery, RankingRow } from '../schemas.ts';
import { auditExport } from './audit-export.ts';
import { getRanking } from './ranking.ts';

type Line = RankingRow & { group: string };

/** The ranking as on screen, every group in one sheet, for the office's Excel tallies. */
export async function exportRanking(db: Db, actor: Actor, q: RankingQuery, now: Date, audit: AuditContext) {
  const ranking = await getRanking(db, actor, q, now);
  const lines: Line[] = ranking.groups.flatMap((g) => g.rows.map((r) => ({ ...r, group: g.name })));
  const body = await buildXlsx<Line>(
    '考评排名',
    [
      { header: '分组', width: 12, value: (r) => r.group },
      { header: '排名', width: 6, value: (r) => r.rank },
      { header: '单位', width: 24, value: (r) => r.unitName },
      { header: '报送数', width: 8, value: (r) => r.submitted },
      { header: '本级采用', width: 9, value: (r) => Number(r.adoptedOwn) },
      { header: '上级采用', width: 9, value: (r) => Number(r.adoptedUpper) },
      { header: '采用率（%）', width: 10, value: (r) => r.adoptionRate },
      { header: '得分', width: 9, value: (r) => Number(r.points) },
      { header: '累计得分', width: 10, value: (r) => Number(r.cumulative) },
      {
        header: '备注',
        width: 14,
        value: (r) =>
          [r.noSubmissions ? '零报送' : '', r.noAdoptions ? '零采用' : ''].filter(Boolean).join('、'),
      },
    ],
    lines,
  );
  await auditExport(db, audit, {
    ruleSetId: ranking.ruleSet.id,
    label: `${ranking.office.name} ${q.from}—${q.to}`,
    rows: lines.length,
  });
  return { filename: `考评排名-${q.from}至${q.to}.xlsx`, body };
}
