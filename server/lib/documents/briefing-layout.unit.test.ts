import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { type BriefingInput, renderBriefingDocx } from './briefing-docx.ts';
import { BODY_METRICS, colophonLines, layoutBriefing, SIZES, titleLines } from './briefing-flow.ts';
import { renderBriefingHtml } from './briefing-html.ts';
import {
  autoSpace,
  BODY_PITCH,
  balanceText,
  breakText,
  paginate,
  type Row,
  TITLE_PITCH,
  TYPE_AREA,
  textWidth,
} from './briefing-layout.ts';
import { checkBriefingDocx } from './docx-format-check.ts';

const BODY_EM = TYPE_AREA.width / SIZES.body;
const TITLE_EM = TYPE_AREA.width / SIZES.title;
const lineText = (l: { segments: { text: string }[] }) => l.segments.map((s) => s.text).join('');

function bodyRow(text = '字', keepWithNext = false): Row {
  return {
    kind: 'line',
    role: 'body',
    line: { segments: [{ text, font: 'body' }], last: false },
    indent: 0,
    height: BODY_PITCH,
    before: 0,
    after: 0,
    keepWithNext,
  };
}

function titleRow(text: string): Row {
  return {
    kind: 'line',
    role: 'title',
    line: { segments: [{ text, font: 'title' }], last: true },
    indent: 0,
    height: TITLE_PITCH,
    before: BODY_PITCH,
    after: 14.5,
    keepWithNext: true,
  };
}

describe('title balancing', () => {
  it('never leaves one character on the last line of a wrapped title', () => {
    // 21 characters at 20 a line: greedy breaking leaves 用 alone.
    const title = '市财政局多措并举全力保障重点民生领域资金应用';
    expect([...title]).toHaveLength(22);
    const greedy = breakText(title, TITLE_EM, TITLE_EM, { size: SIZES.title });
    expect(greedy.map((l) => [...l].length)).toEqual([20, 2]);
    const balanced = balanceText(title, TITLE_EM, { size: SIZES.title });
    expect(balanced).toHaveLength(2);
    expect(balanced.join('')).toBe(title);
    expect(balanced.map((l) => [...l].length)).toEqual([11, 11]);
  });

  it('balances three-line titles and keeps closing marks off a line start', () => {
    const title = `${'关于进一步做好全市政务信息报送工作'.repeat(2)}的通知，请认真贯彻落实`;
    const lines = titleLines(title).map(lineText);
    expect(lines.join('')).toBe(title);
    const lengths = lines.map((l) => [...l].length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(2);
    for (const l of lines) expect('，。、；：？！）》”').not.toContain(l[0]);
    for (const l of lines)
      expect(textWidth(l, { size: SIZES.title }, 'serifBold')).toBeLessThanOrEqual(TITLE_EM);
  });

  it('leaves a one-line title alone and a 60-character title in balanced lines', () => {
    expect(titleLines('市水务局扎实推进农村供水保障工程').map(lineText)).toEqual([
      '市水务局扎实推进农村供水保障工程',
    ]);
    const long = '关于'.padEnd(62, '全市各乡镇人民政府街道办事处市直各有关单位');
    const lines = titleLines(long).map(lineText);
    expect(lines).toHaveLength(4);
    expect(Math.min(...lines.map((l) => [...l].length))).toBeGreaterThanOrEqual(13);
  });
});

describe('body line breaking (the DOCX as LibreOffice breaks it)', () => {
  it('fits 26 characters after the indent and 28 on a full line, no punctuation hanging', () => {
    const text = '汉'.repeat(26 + 28 + 5);
    const lines = breakText(text, BODY_EM - 2, BODY_EM, BODY_METRICS);
    expect(lines.map((l) => [...l].length)).toEqual([26, 28, 5]);
    // A comma that would be the 27th character takes the 26th with it to the next line.
    const comma = breakText(`${'汉'.repeat(26)}，${'字'.repeat(10)}`, BODY_EM - 2, BODY_EM, BODY_METRICS);
    expect([...comma[0]!]).toHaveLength(25);
    expect(comma[1]!.startsWith('汉，')).toBe(true);
    // An opening mark never ends a line.
    const open = breakText(`${'汉'.repeat(25)}“字字”${'字'.repeat(10)}`, BODY_EM - 2, BODY_EM, BODY_METRICS);
    expect(open[0]!.endsWith('“')).toBe(false);
  });

  it('counts the space between Chinese and digits, and keeps numbers whole', () => {
    expect(autoSpace('涨', '9', BODY_METRICS)).toBeCloseTo(0.2306, 3);
    expect(autoSpace('9', '涨', BODY_METRICS)).toBeCloseTo(0.2156, 3);
    expect(autoSpace('9', '%', BODY_METRICS)).toBe(0);
    expect(autoSpace('“', '9', BODY_METRICS)).toBe(0);
    // LibreOffice keeps a closing bracket with the figure after it.
    const bracket = breakText(`${'汉'.repeat(22)}（街道）274余个村`, BODY_EM - 2, BODY_EM, BODY_METRICS);
    expect(bracket[0]).toBe(`${'汉'.repeat(22)}（街`);
    // 24 characters and 2024: fits 26 ems of 15.75 pt without the two spaces, not with them.
    const text = `${'汉'.repeat(12)}2024${'汉'.repeat(12)}年${'字'.repeat(10)}`;
    const without = breakText(text, BODY_EM - 2, BODY_EM);
    const lines = breakText(text, BODY_EM - 2, BODY_EM, BODY_METRICS);
    expect(lines.join('')).toBe(text);
    expect([...lines[0]!].length).toBeLessThan([...without[0]!].length + 4);
    expect(textWidth(lines[0]!, BODY_METRICS)).toBeLessThanOrEqual(BODY_EM - 2);
    // Numbers are never broken inside, and keep the closing mark after them.
    const number = breakText(
      `${'汉'.repeat(24)}15.3%，${'字'.repeat(30)}`,
      BODY_EM - 2,
      BODY_EM,
      BODY_METRICS,
    );
    expect(number[0]).toBe('汉'.repeat(24));
    expect(number[1]!.startsWith('15.3%，')).toBe(true);
  });

  it('breaks a word longer than a line instead of overflowing', () => {
    const url = `https://${'a'.repeat(80)}.gov.cn`;
    const lines = breakText(url, BODY_EM - 2, BODY_EM, BODY_METRICS);
    expect(lines.join('')).toBe(url);
    for (const [k, l] of lines.entries())
      expect(textWidth(l, BODY_METRICS)).toBeLessThanOrEqual(k === 0 ? BODY_EM - 2 : BODY_EM);
  });
});

describe('page breaking', () => {
  it('moves a title that would end a page to the next one, with its first lines', () => {
    // 20 body lines, then a title and a three-line paragraph: the title does not fit with two lines.
    const rows = [
      ...Array.from({ length: 20 }, () => bodyRow()),
      titleRow('标题'),
      bodyRow('一', true),
      bodyRow('二', true),
      bodyRow('三'),
    ];
    const { pages } = paginate(rows, 0);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.rows).toHaveLength(20);
    expect(pages[1]!.rows[0]).toBe(rows[20]);
  });

  it('splits a long paragraph with at least two lines on each page (widow and orphan control)', () => {
    const para = (n: number) =>
      Array.from({ length: n }, (_, k) => bodyRow(`${k}`, (k === 0 && n > 1) || (k === n - 2 && n > 1)));
    // 21 lines used; a four-line paragraph cannot leave one line on this page: all four move.
    const a = paginate([...Array.from({ length: 21 }, () => bodyRow()), ...para(4)], 0);
    expect(a.pages.map((p) => p.rows.length)).toEqual([21, 4]);
    // 20 lines used: two lines stay, two move.
    const b = paginate([...Array.from({ length: 20 }, () => bodyRow()), ...para(4)], 0);
    expect(b.pages.map((p) => p.rows.length)).toEqual([22, 2]);
    // A paragraph longer than a page flows over pages.
    const c = paginate(para(60), 0);
    expect(c.pages.map((p) => p.rows.length)).toEqual([22, 22, 16]);
  });

  it('puts the 版记 on a page of its own unless a clear body line is left above it', () => {
    const colophon = 4 * 28 + 3;
    const fits = paginate(
      Array.from({ length: 10 }, () => bodyRow()),
      colophon,
      BODY_PITCH,
    );
    expect(fits.colophonOwnPage).toBe(false);
    expect(fits.spaceLeft - colophon).toBeGreaterThanOrEqual(BODY_PITCH);
    const tight = paginate(
      Array.from({ length: 18 }, () => bodyRow()),
      colophon,
      BODY_PITCH,
    );
    expect(tight.colophonOwnPage).toBe(true);
    expect(tight.pages).toHaveLength(2);
  });
});

const bad: BriefingInput = {
  publicationName: '汾阳政务信息',
  issueLabel: '2026年第9期',
  officeName: '汾阳市人民政府办公室',
  issueDate: new Date(2026, 5, 1),
  editorNote: '',
  items: [
    {
      title: `关于${'进一步加强和改进全市政务信息报送工作'.repeat(3)}的情况通报（试行）`,
      paragraphs: [
        `吉字有异体𠮷，龑字有䶮，表情😀👍也会出现，半角括号(如此)与[方括号]、英文WHO与WTO合作。${'全市各级各部门认真贯彻落实各项决策部署，'.repeat(60)}`,
      ],
    },
    { title: '只有标题没有正文', paragraphs: [] },
  ],
  distribution: {
    bao: '吕梁市人民政府办公室，'.repeat(12),
    song: '市委、市人大常委会、市政协领导，'.repeat(6),
    fa: '各乡镇人民政府、街道办事处，市直各有关单位，'.repeat(8),
  },
  printCount: 120,
  responsibleEditor: '王丽',
  signer: '李明',
  draft: true,
};

describe('bad input gives a clean file', () => {
  it('passes the format check and keeps every computed line inside the type area', async () => {
    const docx = await renderBriefingDocx(bad);
    const result = await checkBriefingDocx(docx);
    expect(result.problems).toEqual([]);
    const flow = layoutBriefing(bad);
    expect(flow.pages.length).toBeGreaterThan(2);
    for (const page of flow.pages) {
      let used = 0;
      for (const [k, row] of page.rows.entries()) {
        if (row.kind !== 'line') {
          used += row.height;
          continue;
        }
        used += (k === 0 ? 0 : row.before) + row.height + row.after;
        const text = lineText(row.line);
        const em = row.role === 'title' ? TITLE_EM : BODY_EM - row.indent;
        const width =
          row.role === 'title'
            ? textWidth(text, { size: SIZES.title }, 'serifBold')
            : textWidth(text, BODY_METRICS);
        expect(width, text).toBeLessThanOrEqual(em + 1e-6);
      }
      expect(used).toBeLessThanOrEqual(TYPE_AREA.height + 0.01);
    }
    for (const lines of colophonLines(bad)) expect(lines.length).toBeGreaterThan(1);
    const html = renderBriefingHtml(bad, { signed: false });
    expect(html).toContain('𠮷');
    expect(html).toContain('(如此)');
  });

  it('marks every page of a draft 样稿, in the DOCX header and on every preview page', async () => {
    const zip = await JSZip.loadAsync(await renderBriefingDocx(bad));
    const headers = Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.length).toBe(2);
    for (const h of headers) expect(await zip.file(h)!.async('string')).toContain('样　稿');
    const signed = await JSZip.loadAsync(await renderBriefingDocx({ ...bad, draft: false }));
    expect(Object.keys(signed.files).some((n) => n.startsWith('word/header'))).toBe(false);
    const html = renderBriefingHtml(bad, { signed: false });
    const pages = html.match(/<section class="page /g)!.length;
    expect(html.match(/class="draft-mark"/g)).toHaveLength(pages);
    expect(renderBriefingHtml({ ...bad, draft: false }, { signed: true })).not.toContain(
      'class="draft-mark"',
    );
  });

  it('writes the line-breaking settings the layout relies on', async () => {
    const zip = await JSZip.loadAsync(await renderBriefingDocx(bad));
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('<w:kinsoku/>');
    expect(styles).toContain('<w:overflowPunct w:val="0"/>');
    expect(styles).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toMatch(/<w:noLineBreaksBefore w:lang="zh-CN" w:val="[^"]*，/);
    const doc = await zip.file('word/document.xml')!.async('string');
    // Titles keep with their text; the balanced lines are joined by manual breaks.
    expect(doc).toMatch(/<w:pStyle w:val="BriefingTitle"\/><w:keepNext\/><w:keepLines\/>/);
    expect(doc).toMatch(/<w:br\/><w:t xml:space="preserve">/);
  });

  it('spans the 版记 over the whole type area with GB/T 9704 rule weights, and places the page number', async () => {
    const zip = await JSZip.loadAsync(await renderBriefingDocx({ ...bad, draft: false }));
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toContain('<w:tblW w:type="dxa" w:w="8844"/>');
    expect(doc).not.toContain('<w:tblpPr');
    expect(doc).toMatch(/<w:tblBorders><w:top w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(doc).toMatch(/<w:insideH w:val="single" w:color="000000" w:sz="6"\/>/);
    // Footer distance chosen so LibreOffice draws the page number's dashes 7 mm below the type area.
    expect(doc).toMatch(/w:footer="1427"/);
    const html = renderBriefingHtml({ ...bad, draft: false }, { signed: true });
    const rects = [...html.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"\/>/g)];
    expect(rects.map((r) => Number(r[2]))).toEqual([1, 0.75, 0.75, 0.75, 1]);
    for (const r of rects) expect(Number(r[1])).toBeCloseTo(TYPE_AREA.width, 2);
    expect(html).toContain('top: calc(37mm + 225mm + 3.86mm)');
  });
});
