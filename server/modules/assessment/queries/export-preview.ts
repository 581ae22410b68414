import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest } from '../../../lib/errors.ts';
import { buildXlsx } from '../../../lib/xlsx.ts';
import type { PreviewInput } from '../schemas.ts';
import { previewRules } from './preview.ts';

type Line = Awaited<ReturnType<typeof previewRules>>['groups'][number]['rows'][number] & { group: string };

/** 模拟测算 as on screen: per unit the draft's points and rank beside the rules in force. */
export async function exportPreview(db: Db, actor: Actor, input: PreviewInput, now: Date) {
  const result = await previewRules(db, actor, input, now);
  if (result.groups.length === 0) throw badRequest(`测算的规则有问题，无法导出：${result.problems[0] ?? ''}`);
  const lines: Line[] = result.groups.flatMap((g) => g.rows.map((r) => ({ ...r, group: g.name })));
  const body = await buildXlsx<Line>(
    '模拟测算',
    [
      { header: '分组', width: 12, value: (r) => r.group },
      { header: '单位', width: 24, value: (r) => r.unitName },
      {
        header: '现行得分',
        width: 10,
        value: (r) => (r.beforePoints === null ? null : Number(r.beforePoints)),
      },
      { header: '现行名次', width: 9, value: (r) => r.beforeRank },
      { header: '测算得分', width: 10, value: (r) => Number(r.points) },
      { header: '测算名次', width: 9, value: (r) => r.rank },
      { header: '名次变化', width: 9, value: (r) => (r.moved ? '变化' : '') },
    ],
    lines,
  );
  return { filename: `模拟测算-${input.from}至${input.to}.xlsx`, body };
}
