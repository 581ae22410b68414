import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { BRIEFING_FONTS, BRIEFING_PAGE } from '../../../lib/documents/briefing-docx.ts';
import { badRequest } from '../../../lib/errors.ts';
import { assertCanRead, defaultOffice, readerOf } from '../access.ts';
import { formatAmount } from '../engine/decimal.ts';
import { loadFacts } from '../facts/load-facts.ts';
import { Registry } from '../facts/registry.ts';
import { upwardStanding } from './upward.ts';

export type WorkSummary = {
  officeName: string;
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
};

const NUMERALS = '一二三四五六七八九十';
const chineseOrdinal = (n: number) =>
  n <= 10 ? NUMERALS[n - 1] : n < 20 ? `十${NUMERALS[n - 11] ?? ''}` : String(n);

/** 我市 / 我县 / 我区 / 我省 from the office's name (汾阳市人民政府办公室 → 我市). */
function selfName(officeName: string): string {
  const place = officeName.replace(/人民政府办公(室|厅)$/, '').replace(/政府办$/, '');
  const last = place.slice(-1);
  return ['市', '县', '区', '省', '旗'].includes(last) ? `我${last}` : '我单位';
}

function rangeLabel(from: string, to: string): string {
  if (from.endsWith('-01-01') && to.endsWith('-12-31') && from.slice(0, 4) === to.slice(0, 4))
    return `${from.slice(0, 4)}年`;
  const f = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return `${f(from)}至${f(to)}`;
}

/**
 * The "一、工作情况" of a 政务信息工作总结 written from live data in the seed's words
 * (docs/domain.md §3.2 facts; the upper office's ledger for adoptions, points and rank): how many
 * items each unit reported, how many went up, what each upper publication adopted and its points,
 * the rank among the upper office's members, and how many units reported at all.
 */
export async function workSummary(
  db: Db,
  actor: Actor,
  q: { officeId?: string; from: string; to: string },
  now: Date,
): Promise<WorkSummary> {
  const reader = readerOf(actor);
  const officeId = q.officeId ?? defaultOffice(reader);
  if (!officeId) throw badRequest('您不属于任何办公室，没有可总结的数据');
  assertCanRead(reader, officeId);
  if (!reader.staff.includes(officeId) && !reader.leader.includes(officeId)) {
    throw badRequest('工作总结只由本办公室信息科或领导生成');
  }
  // Its subtree for the facts, its ancestors, and its parent's members to rank it among them.
  const registry = await Registry.forOffice(db, officeId, { peers: true });
  const officeName = registry.name(officeId);
  const we = selfName(officeName);
  const when = rangeLabel(q.from, q.to);
  const facts = await loadFacts(db, registry, officeId, { from: q.from, to: q.to }, now);

  // 1. What the units reported, in registry order.
  const members = registry.members(officeId);
  const perUnit = new Map<string, number>();
  for (const f of facts.submissions) {
    for (const c of f.credits) perUnit.set(c.unitId, (perUnit.get(c.unitId) ?? 0) + c.shareMille / 1000);
  }
  const reporting = members.filter((m) => (perUnit.get(m.id) ?? 0) > 0);
  const total = facts.submissions.length;
  const unitName = (id: string) => registry.get(id)?.shortName || registry.name(id);
  const first =
    total === 0
      ? `${when}，${we}各单位没有报送信息。`
      : `${when}，${we}各单位共报送信息${total}条，其中${reporting
          .map((m) => `${unitName(m.id)}报送${formatAmount((perUnit.get(m.id) ?? 0) * 10000)}条`)
          .join('，')}。`;

  // 2. Upward: forwarded to the parent, adopted above with the parent's points, the rank there.
  const parentId = registry.get(officeId)?.parentId ?? null;
  const upward: string[] = [];
  if (parentId) {
    const parentName = registry.name(parentId);
    const forwarded = facts.forwards.filter((f) => f.officeName === parentName).length;
    let sentence = `${when}，${we}共向${parentName}报送政务信息${forwarded}条（篇）。`;
    const standing = await upwardStanding(db, registry, officeId, { from: q.from, to: q.to }, now);
    if (standing) {
      const adopted = standing.outlets
        .filter((o) => o.key !== 'website')
        .map((o) => `获${o.name}采用${formatAmount(o.quantity * 10)}条（篇），共${formatAmount(o.points)}分`)
        .join('；');
      if (adopted) sentence += `${adopted}。`;
      const parentPlace = parentName.replace(/人民政府办公(室|厅)$/, '');
      if (standing.rank)
        sentence += `${we}政务信息积分在全${parentPlace}排名第${chineseOrdinal(standing.rank)}。`;
    }
    upward.push(sentence);
  }

  // 3. Coverage: how many departments and townships reported at all (信息"短腿""缺腿").
  const isTownship = (id: string) =>
    ['township', 'subdistrict'].includes(registry.get(id)?.categoryCode ?? '');
  const units = members.filter((m) => m.kind === 'unit');
  const depts = reporting.filter((m) => m.kind === 'unit' && !isTownship(m.id)).length;
  const towns = reporting.filter((m) => isTownship(m.id)).length;
  const never = units.length - depts - towns;
  const coverage = `据统计，${when}${we}只有${depts}家${we.slice(1)}直单位报送信息，${towns ? `而仅有${towns}个乡镇（街道）报送信息` : '乡镇（街道）均未报送信息'}，${never}个单位全年未报送信息。`;

  return {
    officeName,
    title: `${when}${officeName}政务信息工作总结（工作情况）`,
    sections: [
      { heading: '一、工作情况', paragraphs: [] },
      { heading: '（一）信息报送情况', paragraphs: [] },
      { heading: `1. ${we}各单位报送情况`, paragraphs: [first] },
      ...(upward.length ? [{ heading: `2. ${we}报送上级部门情况`, paragraphs: upward }] : []),
      { heading: `${upward.length ? 3 : 2}. 报送覆盖情况`, paragraphs: [coverage] },
    ],
  };
}

const pt = (n: number) => n * 2;

/** The draft as a Word file in the office's fonts: 2号 title, 黑体 / 楷体 headings, 3号 仿宋 body. */
export async function workSummaryDocx(s: WorkSummary): Promise<Buffer> {
  const body = (text: string, font: string = BRIEFING_FONTS.body, indent = true) =>
    new Paragraph({
      indent: indent ? { firstLine: 640 } : undefined,
      spacing: { line: 579, lineRule: 'exact' },
      children: [new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size: pt(16) })],
    });
  const doc = new Document({
    creator: '信报 Xinbao',
    title: s.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: BRIEFING_PAGE.width, height: BRIEFING_PAGE.height },
            margin: BRIEFING_PAGE.margin,
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 579 },
            children: [
              new TextRun({
                text: s.title,
                font: {
                  eastAsia: BRIEFING_FONTS.title,
                  ascii: BRIEFING_FONTS.title,
                  hAnsi: BRIEFING_FONTS.title,
                },
                size: pt(22),
              }),
            ],
          }),
          ...s.sections.flatMap((sec) => [
            body(
              sec.heading,
              sec.heading.startsWith('（')
                ? BRIEFING_FONTS.heading2
                : sec.heading.match(/^[一二三四五六七八九十]、/)
                  ? BRIEFING_FONTS.heading1
                  : BRIEFING_FONTS.body,
            ),
            ...sec.paragraphs.map((p) => body(p)),
          ]),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
