import type { assessmentNotices } from '../../../db/schema/index.ts';
import { chinaDate } from '../../../lib/clock.ts';
import type { OfficialBlock, OfficialDocumentInput } from '../../../lib/documents/official-layout.ts';
import type { NoticeSnapshot } from './snapshot.ts';

export type NoticeRow = typeof assessmentNotices.$inferSelect;

/** A China calendar date as the local-time Date the document renderer prints (2026年3月5日). */
function printedDate(at: Date): Date {
  const [y, m, d] = chinaDate(at).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The 通报 in the 公文 layout (docs/domain.md §4, §6): title by period, 主送, 一、总体情况 with the
 * totals, 二、表扬 per group, 三、零报送零采用, 四、存在问题, 五、工作要求; 附件1 the score table of each
 * group, 附件2 the adopted titles per unit with the marker legend. A draft is a 样稿 dated today.
 */
export function noticeDocument(row: NoticeRow, now: Date): OfficialDocumentInput {
  const s = row.snapshot as NoticeSnapshot;
  const date = printedDate(row.issuedAt ?? now);
  const scores: OfficialBlock[] = s.groups.flatMap((g, i) => [
    { kind: 'paragraph' as const, text: `（${'一二三四五六七八九十'[i] ?? i + 1}）${g.name}` },
    {
      kind: 'table' as const,
      table: {
        columns: [
          { title: '名次', align: 'center' as const },
          { title: '单位' },
          { title: '报送', align: 'center' as const },
          // Two-character headers: with 46 units (国家统计局汾阳调查队) the 8 columns of four-character
          // headers are wider than the type area and every header wraps (名/次, 报/送).
          { title: '本级', align: 'center' as const },
          { title: '上级', align: 'center' as const },
          { title: '采用率', align: 'center' as const },
          { title: '得分', align: 'center' as const },
          { title: '累计', align: 'center' as const },
        ],
        rows: g.rows.map((r) => [
          String(r.rank),
          r.unitName,
          String(r.submitted),
          r.adoptedOwn,
          r.adoptedUpper,
          r.adoptionRate === null ? '—' : `${r.adoptionRate}%`,
          r.points,
          r.cumulative,
        ]),
      },
    },
  ]);
  const titles: OfficialBlock[] = [
    { kind: 'paragraph', text: `说明：${s.legend.map((l) => `${l.mark}${l.meaning}`).join('；') || '无'}。` },
    ...s.adopted.flatMap((u) => [
      { kind: 'paragraph' as const, text: `${u.unitName}（${u.titles.length}条）` },
      ...u.titles.map((t, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${t.title}${t.marks}` })),
    ]),
  ];
  if (s.adopted.length === 0) titles.push({ kind: 'paragraph', text: '本期无被采用信息。' });
  return {
    issuerMark: `${s.office.name}文件`,
    title: row.title,
    addressee: row.addressee,
    body: [
      '一、总体情况',
      ...paragraphs(row.opening),
      '二、表现突出的单位',
      ...paragraphs(row.praise),
      '三、零报送、零采用单位',
      ...paragraphs(row.laggards),
      '四、存在的问题',
      ...paragraphs(row.problems),
      '五、下一步工作要求',
      ...paragraphs(row.requirements),
    ],
    signature: s.office.name,
    date,
    attachments: [
      { title: `${s.periodTitle}各单位政务信息报送采用得分情况`, blocks: scores },
      { title: `${s.periodTitle}各单位被采用信息目录`, blocks: titles },
    ],
    colophon: { printer: s.office.name, printDate: date },
    draft: row.status === 'draft',
  };
}
