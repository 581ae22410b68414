import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BriefingInput, renderBriefingDocx } from '../briefing-docx.ts';
import { renderBriefingHtml } from '../briefing-html.ts';
import { renderOfficialDocx } from '../official-docx.ts';
import { renderOfficialHtml } from '../official-html.ts';
import { sampleOfficialNotice } from '../official-sample.ts';
import { chromiumPdfs, findChromium, findSoffice, libreOfficePdfs } from '../pdf.ts';
import { type PdfLayout, readPdfLayout, type TextLine } from './pdf-layout.ts';
import { checkRenderedLayout, detectKind, type Finding, type RenderedRule } from './rendered-check.ts';

/**
 * The rendered checker on real output: a 简报 and a 公文 printed by LibreOffice (their DOCX) and by
 * Chromium (their preview) check clean; each rule is then broken once — in the DOCX where a real
 * file can carry the fault (margins, hanging punctuation, line spacing, page size, footer, 版记
 * width and weight, emoji), in the measured layout where the fault is a matter of where lines
 * fall (a title left at a page's foot, a one-character title line, a moved 发文机关标志) — and the
 * checker must name it. All DOCX are printed in one LibreOffice run, all previews in one Chromium.
 */

const TOOLS_MISSING =
  '缺少 LibreOffice 或 Chromium：请运行 node scripts/ensure-office-tools.mjs 与 node scripts/ensure-chromium.mjs';

const sentence = (n: number) =>
  `第${n}项重点工作稳步推进，累计完成投资${n + 2}.6亿元，同比增长${n % 9}.5%，带动就业${n * 13}余人，群众满意度持续提升。`;
const paragraph = (n: number, length: number) => Array.from({ length }, (_, k) => sentence(n + k)).join('');

const briefing: BriefingInput = {
  publicationName: '汾阳政务信息',
  issueLabel: '2026年第48期',
  officeName: '汾阳市人民政府办公室',
  issueDate: new Date(2026, 10, 20),
  editorNote: '现将近期各地各部门工作动态编发，供学习借鉴。',
  items: [
    {
      title: '市财政局多措并举保障重点民生支出',
      paragraphs: [paragraph(1, 3), paragraph(4, 2), paragraph(6, 4)],
    },
    {
      title: '市水务局扎实推进农村供水保障工程建设取得阶段性成效',
      paragraphs: [paragraph(10, 2), paragraph(12, 3)],
    },
    { title: '杏花村镇创新“接诉即办”工作机制', paragraphs: [paragraph(15, 4), paragraph(19, 2)] },
    { title: '市文旅局推动文旅融合发展', paragraphs: [paragraph(21, 3), paragraph(24, 3), paragraph(27, 2)] },
  ],
  distribution: {
    bao: '吕梁市人民政府办公室，市委、市人大常委会、市政协领导',
    song: '市人民政府领导',
    fa: '各乡镇人民政府、街道办事处，市直各有关单位',
  },
  printCount: 80,
  responsibleEditor: '王丽',
  signer: '李明',
};

async function mutate(docx: Buffer, part: string, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file(part)!.async('string');
  const changed = edit(xml);
  if (changed === xml) throw new Error(`mutation changed nothing in ${part}`);
  zip.file(part, changed);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const layouts: Record<string, PdfLayout> = {};

beforeAll(async () => {
  const soffice = findSoffice({});
  const chromium = findChromium({});
  if (!soffice || !chromium) throw new Error(TOOLS_MISSING);
  const notice = sampleOfficialNotice();
  const b = await renderBriefingDocx(briefing);
  const o = await renderOfficialDocx(notice);
  const docx: Record<string, Buffer> = {
    briefing: b,
    official: o,
    margins: await mutate(b, 'word/document.xml', (x) => x.replace('w:left="1588"', 'w:left="1000"')),
    hanging: await mutate(b, 'word/styles.xml', (x) => x.replace(/<w:overflowPunct w:val="0"\/>/g, '')),
    spacing: await mutate(b, 'word/document.xml', (x) => x.replaceAll('w:line="579"', 'w:line="460"')),
    pageSize: await mutate(b, 'word/document.xml', (x) => x.replace('w:h="16838"', 'w:h="16000"')),
    footer: await mutate(b, 'word/document.xml', (x) => x.replace('w:footer="1427"', 'w:footer="1100"')),
    footerSide: await mutate(b, 'word/footer1.xml', (x) =>
      x.replace('<w:jc w:val="right"/>', '<w:jc w:val="center"/>'),
    ),
    colophonWidth: await mutate(b, 'word/document.xml', (x) => x.replace('w:w="8844"', 'w:w="8500"')),
    colophonWeight: await mutate(b, 'word/document.xml', (x) => x.replaceAll('w:sz="8"', 'w:sz="4"')),
    emoji: await renderBriefingDocx({
      ...briefing,
      items: [{ title: '群众点赞😀便民服务', paragraphs: [paragraph(1, 2)] }],
    }),
  };
  const names = Object.keys(docx);
  const printed = await libreOfficePdfs(soffice, Object.values(docx), 180_000);
  const previews = await chromiumPdfs(
    chromium,
    [renderBriefingHtml(briefing, { signed: true }), renderOfficialHtml(notice)],
    120_000,
  );
  for (const [i, name] of names.entries()) layouts[name] = await readPdfLayout(printed[i]!);
  layouts.briefingPreview = await readPdfLayout(previews[0]!);
  layouts.officialPreview = await readPdfLayout(previews[1]!);
}, 240_000);

const check = (name: string) => checkRenderedLayout(layouts[name]!, detectKind(layouts[name]!));
const rules = (findings: Finding[]) => [...new Set(findings.map((f) => f.rule))];
const of = (findings: Finding[], rule: RenderedRule) => findings.filter((f) => f.rule === rule);

/** A copy of a layout for mutating. */
const copy = (name: string): PdfLayout => structuredClone(layouts[name]!);

describe('the rendered checker on correct documents', () => {
  it('passes the 简报 and the 公文, printed and previewed', () => {
    for (const name of ['briefing', 'official', 'briefingPreview', 'officialPreview']) {
      expect(check(name), name).toEqual([]);
    }
    expect(detectKind(layouts.briefing!)).toBe('briefing');
    expect(detectKind(layouts.official!)).toBe('official');
    expect(layouts.briefing!.pages.length).toBeGreaterThanOrEqual(3);
  });
});

describe('each rule fails on a document that breaks it', () => {
  it('type area: narrower left margin, punctuation hanging into the right margin', () => {
    const margins = of(check('margins'), 'type-area');
    expect(margins.length).toBeGreaterThan(0);
    expect(margins[0]!.message).toMatch(/^第\d+行“.+”超出版心左边缘 \d+\.\d 毫米/);
    const hanging = of(check('hanging'), 'type-area');
    expect(hanging.length).toBeGreaterThan(0);
    expect(hanging.some((f) => /超出版心右边缘/.test(f.message))).toBe(true);
  });

  it('lines per page: tighter line spacing packs more than 22 lines', () => {
    const found = of(check('spacing'), 'lines-per-page');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toMatch(/正文 \d+ 行，超过每页 22 行/);
  });

  it('page size', () => {
    expect(of(check('pageSize'), 'page-size')[0]?.message).toMatch(/应为 A4/);
  });

  it('page numbers: moved down by a smaller footer distance; an odd page numbered in the centre', () => {
    const low = of(check('footer'), 'page-number');
    expect(low.length).toBe(layouts.footer!.pages.length);
    expect(low[0]!.message).toMatch(/应为 7 毫米/);
    const centred = of(check('footerSide'), 'page-number');
    expect(centred.map((f) => f.page)).toEqual(
      layouts.footerSide!.pages.map((p) => p.number).filter((n) => n % 2),
    );
    expect(centred[0]!.message).toMatch(/单页页码应在右侧/);
  });

  it('版记: rules shorter than the type area, rules of the wrong weight', () => {
    const width = of(check('colophonWidth'), 'colophon');
    expect(width.some((f) => /应与版心等宽/.test(f.message))).toBe(true);
    const weight = of(check('colophonWeight'), 'colophon');
    expect(weight.some((f) => /首条分隔线粗 0\.\d+ 毫米，应为 0\.35 毫米/.test(f.message))).toBe(true);
  });

  it('版记: body text too close above it', () => {
    const layout = copy('briefing');
    const last = layout.pages[layout.pages.length - 1]!;
    const top = Math.min(
      ...last.rules.filter((r) => r.widthMm > 0.2 && r.color !== '#ff0000').map((r) => r.y),
    );
    const body = last.lines
      .filter((l) => l.y1 < top)
      .sort((a, b) => a.y1 - b.y1)
      .at(-1)!;
    const shift = top - 3 - body.y1;
    Object.assign(body, { y0: body.y0 + shift, y1: body.y1 + shift });
    const found = of(checkRenderedLayout(layout, 'briefing'), 'colophon');
    expect(found[0]?.message).toMatch(/距版记仅 \d+\.\d 毫米，应至少空出一行/);
  });

  it('glyphs: an emoji is named with its page and line', () => {
    const found = of(check('emoji'), 'glyphs');
    expect(found[0]).toMatchObject({ page: 1 });
    expect(found[0]!.message).toContain('😀');
  });

  it('stranded title: a title whose text starts on the next page', () => {
    const layout = copy('briefing');
    const { page, title } = findTitleMidPage(layout);
    page.lines = page.lines.filter(
      (l) => l.y0 <= title.y0 || /^[—－-]+\d+[—－-]+$/.test(l.text.replace(/\s/g, '')),
    );
    const found = of(checkRenderedLayout(layout, 'briefing'), 'stranded-title');
    expect(found[0]).toMatchObject({ page: page.number });
    expect(found[0]!.message).toContain('落在页末');
  });

  it('one-character title line: a title wrapped with one character left over', () => {
    const layout = copy('briefing');
    const { page, title } = findTitleMidPage(layout);
    const chars = [...title.text.replace(/\s/g, '')];
    const lastLine: TextLine = {
      ...title,
      text: chars.at(-1)!,
      y0: title.y1 + 1,
      y1: title.y1 + 1 + title.heightMm,
      words: [],
    };
    for (const l of page.lines) if (l.y0 > title.y0) Object.assign(l, { y0: l.y0 + 15, y1: l.y1 + 15 });
    Object.assign(title, { text: chars.slice(0, -1).join('') });
    page.lines.push(lastLine);
    const found = of(checkRenderedLayout(layout, 'briefing'), 'one-char-title-line');
    expect(found[0]!.message).toMatch(/末行只有一个字/);
  });

  it('公文: the 发文机关标志 moved down, the red rule missing, the 版记 on an odd page', () => {
    const layout = copy('official');
    const first = layout.pages[0]!;
    const mark = [...first.lines].sort((a, b) => b.heightMm - a.heightMm)[0]!;
    Object.assign(mark, { y0: mark.y0 + 12, y1: mark.y1 + 12 });
    first.rules = first.rules.filter((r) => r.color !== '#ff0000');
    layout.pages.splice(layout.pages.length - 2, 1);
    layout.pages.forEach((p, i) => {
      p.number = i + 1;
    });
    const found = checkRenderedLayout(layout, 'official');
    expect(of(found, 'issuer-mark').map((f) => f.message)).toEqual([
      expect.stringMatching(/^发文机关标志“.+”上边缘距版心上边缘约 \d+\.\d 毫米，应为 35 毫米$/),
      '首页发文字号下没有红色分隔线',
    ]);
    expect(of(found, 'colophon').some((f) => /应在偶数页/.test(f.message))).toBe(true);
    expect(rules(found)).toContain('page-number');
  });
});

/** A page (not the last) with a 2号 title that has text under it on the same page. */
function findTitleMidPage(layout: PdfLayout) {
  const heights = layout.pages[1]!.lines.map((l) => l.heightMm).sort((a, b) => a - b);
  const body = heights[Math.floor(heights.length / 2)]!;
  for (const page of layout.pages.slice(0, -1)) {
    const title = page.lines.find(
      (l) => l.heightMm > body * 1.2 && l.heightMm < body * 1.75 && page.lines.some((m) => m.y0 > l.y1 + 20),
    );
    if (title) return { page, title };
  }
  throw new Error('no title in the middle of a page');
}
