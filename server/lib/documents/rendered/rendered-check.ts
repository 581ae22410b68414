import {
  compactText,
  type PdfLayout,
  type PdfPage,
  PT_TO_MM,
  type Rule,
  type TextLine,
} from './pdf-layout.ts';

/**
 * The rules an office checks on the printed page (docs/domain.md §6, “How the product prints”),
 * measured on a rendered PDF: page size, the type area, lines per page, stranded titles, single
 * lines at a page's foot or top, one-character title lines, page numbers, the 版记, the 公文 head,
 * and characters that print as missing glyphs. Works on LibreOffice's and Chromium's PDFs alike:
 * line classes come from each document's own line heights, vertical positions from the em box
 * (`emTop`), which both renderers place alike although their text boxes differ.
 */

export type DocumentKind = 'briefing' | 'official';

export type RenderedRule =
  | 'page-size'
  | 'type-area'
  | 'lines-per-page'
  | 'body-size'
  | 'stranded-title'
  | 'widow-orphan'
  | 'one-char-title-line'
  | 'page-number'
  | 'colophon'
  | 'glyphs'
  | 'issuer-mark';

export type Finding = { rule: RenderedRule; page: number | null; message: string };

/** GB/T 9704-2012 geometry in mm from the page's top-left corner. */
export const PAGE_MM = { width: 210, height: 297 } as const;
export const TYPE_AREA_MM = { left: 28, right: 184, top: 37, bottom: 262 } as const;
export const LINES_PER_PAGE = 22;
/** 4号 page numbers, one character (14 pt) in from the type area's edge. */
const PAGE_NUMBER_PT = 14;
const ONE_CHAR_MM = PAGE_NUMBER_PT * PT_TO_MM;
/** Where the page number's em box starts, measured on the correct output of both renderers (7 mm rule). */
export const PAGE_NUMBER_EM_TOP_MM = 267;
/** The 版记 needs at least this much white above its first rule (about one body line). */
export const COLOPHON_GAP_MM = 7;
/** 0.35 mm (1 pt) first and last rules, 0.25 mm (0.75 pt) between. */
const RULE_THICK_MM = 0.353;
const RULE_THIN_MM = 0.265;
const RULE_TOLERANCE_MM = 0.06;
/** Table grid lines are thinner than any 版记 rule. */
const GRID_MAX_MM = 0.2;
/** The 发文机关标志's em box top: 35 mm below the type area (measured: 74.5 mm), 上行文 80 mm. */
const MARK_EM_TOP_MM = { normal: [72, 77], upward: [117, 122] } as const;

const TOL = { horizontal: 0.6, vertical: 1.2, position: 0.8 } as const;

const PAGE_NUMBER = /^[—－-]+(\d+)[—－-]+$/;
const CLOSING = /[，。、；：！？）》」』”’…—]/u;
const BAD_GLYPH = /[\uFFFD\p{Co}]|\p{Extended_Pictographic}/u;

const sizeMm = (pt: number) => pt * PT_TO_MM;
const fmt = (mm: number) => mm.toFixed(1);

/**
 * The top of a line's em box. pdftotext's boxes are taller than the em (LibreOffice 1.3 em,
 * Chromium about 2.6 em); 0.76 of the extra height lies above the em in both.
 */
export function emTop(line: TextLine, sizePt: number): number {
  return line.y0 + 0.76 * (line.heightMm - sizeMm(sizePt));
}

type Classified = TextLine & { kind: 'body' | 'title' | 'small' | 'large' | 'pageNumber' | 'mark' };

const text = (line: TextLine) => compactText(line.text);

function clip(s: string): string {
  const chars = [...s];
  return chars.length > 18 ? `${chars.slice(0, 18).join('')}…` : s;
}

/**
 * The line height of most of the document's text: its body lines. Weighted by characters, so a
 * 公文 whose 附件 are long tables of short cells (a 通报's score tables) still finds its body.
 */
function bodyHeight(layout: PdfLayout): number {
  const counts = new Map<number, number>();
  for (const p of layout.pages) {
    for (const l of p.lines) {
      const k = Math.round(l.heightMm * 5) / 5;
      counts.set(k, (counts.get(k) ?? 0) + [...text(l)].length);
    }
  }
  let best = 0;
  let n = -1;
  for (const [k, c] of counts) {
    if (c > n || (c === n && k > best)) [best, n] = [k, c];
  }
  return best;
}

function classify(layout: PdfLayout): Classified[][] {
  const h = bodyHeight(layout);
  return layout.pages.map((p) =>
    p.lines.map((l) => {
      const t = text(l);
      let kind: Classified['kind'];
      if (PAGE_NUMBER.test(t)) kind = 'pageNumber';
      else if (t === '样稿' || t === '样' || t === '稿') kind = 'mark';
      else if (l.heightMm > h * 1.75) kind = 'large';
      else if (l.heightMm > h * 1.2) kind = 'title';
      else if (l.heightMm < h * 0.95) kind = 'small';
      else kind = 'body';
      return { ...l, kind };
    }),
  );
}

/** Nominal sizes by class, for the em box. */
const NOMINAL_PT: Record<Classified['kind'], number> = {
  body: 16,
  title: 22,
  small: 14,
  large: 36,
  pageNumber: 14,
  mark: 16,
};

const lineOrder = (a: TextLine, b: TextLine) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0;

/** Content lines of a page in reading order (no page number, no 样稿 mark). */
function content(lines: Classified[]): Classified[] {
  return lines.filter((l) => l.kind !== 'pageNumber' && l.kind !== 'mark').sort(lineOrder);
}

function checkPageSize(page: PdfPage): Finding[] {
  const ok = Math.abs(page.widthMm - PAGE_MM.width) <= 1 && Math.abs(page.heightMm - PAGE_MM.height) <= 1;
  return ok
    ? []
    : [
        {
          rule: 'page-size',
          page: page.number,
          message: `纸张为 ${fmt(page.widthMm)}×${fmt(page.heightMm)} 毫米，应为 A4（210×297 毫米）`,
        },
      ];
}

function checkTypeArea(page: PdfPage, lines: Classified[]): Finding[] {
  const out: Finding[] = [];
  for (const [i, l] of content(lines).entries()) {
    const where = `第${i + 1}行“${clip(text(l))}”`;
    const top = emTop(l, NOMINAL_PT[l.kind]);
    const bottom = top + sizeMm(NOMINAL_PT[l.kind]);
    const excess: string[] = [];
    if (l.x1 > TYPE_AREA_MM.right + TOL.horizontal)
      excess.push(`超出版心右边缘 ${fmt(l.x1 - TYPE_AREA_MM.right)} 毫米`);
    if (l.x0 < TYPE_AREA_MM.left - TOL.horizontal)
      excess.push(`超出版心左边缘 ${fmt(TYPE_AREA_MM.left - l.x0)} 毫米`);
    if (top < TYPE_AREA_MM.top - TOL.vertical)
      excess.push(`高出版心上边缘 ${fmt(TYPE_AREA_MM.top - top)} 毫米`);
    if (bottom > TYPE_AREA_MM.bottom + TOL.vertical) {
      excess.push(`低于版心下边缘 ${fmt(bottom - TYPE_AREA_MM.bottom)} 毫米`);
    }
    if (excess.length)
      out.push({ rule: 'type-area', page: page.number, message: `${where}${excess.join('，')}` });
  }
  return out.slice(0, 5);
}

function checkLinesPerPage(page: PdfPage, lines: Classified[]): Finding[] {
  const body = lines.filter((l) => l.kind === 'body');
  const rows = new Set(body.map((l) => Math.round((l.y0 + l.y1) / 2)));
  if (rows.size <= LINES_PER_PAGE) return [];
  return [
    {
      rule: 'lines-per-page',
      page: page.number,
      message: `正文 ${rows.size} 行，超过每页 ${LINES_PER_PAGE} 行（行距过小）`,
    },
  ];
}

function checkBodySize(layout: PdfLayout, pages: Classified[][]): Finding[] {
  const sizes = pages
    .flat()
    .filter((l) => l.kind === 'body' && [...text(l)].length >= 20)
    .map((l) => l.sizePt)
    .sort((a, b) => a - b);
  if (sizes.length < 5) return [];
  const median = sizes[Math.floor(sizes.length / 2)]!;
  if (median >= 15.3 && median <= 16.8) return [];
  return [
    {
      rule: 'body-size',
      page: layout.pages.length ? 1 : null,
      message: `正文字号约 ${median.toFixed(1)} 磅，应为 3号（16 磅）`,
    },
  ];
}

/** Titles and first/last lines of paragraphs left alone at a page break. */
function checkBreaks(pages: Classified[][]): Finding[] {
  const out: Finding[] = [];
  const indented = (l: TextLine) => l.x0 > TYPE_AREA_MM.left + 5;
  const full = (l: TextLine) => l.x1 > TYPE_AREA_MM.right - 3;
  for (const [p, lines] of pages.entries()) {
    const isLast = p === pages.length - 1;
    const c = content(lines);
    const last = c[c.length - 1];
    if (!isLast && last?.kind === 'title') {
      out.push({
        rule: 'stranded-title',
        page: p + 1,
        message: `标题“${clip(text(last))}”落在页末，正文转到下一页（标题须与正文同页）`,
      });
    }
    const beforeLast = c[c.length - 2];
    if (!isLast && last?.kind === 'body' && beforeLast?.kind === 'title' && indented(last) && full(last)) {
      out.push({
        rule: 'stranded-title',
        page: p + 1,
        message: `标题“${clip(text(beforeLast))}”下只有一行正文即转页（标题须与正文至少两行同页）`,
      });
    } else if (!isLast && last?.kind === 'body' && indented(last) && full(last)) {
      out.push({
        rule: 'widow-orphan',
        page: p + 1,
        message: `页末“${clip(text(last))}”是段落首行，段落其余部分在下一页（孤行）`,
      });
    }
    const first = c[0];
    const second = c[1];
    if (p > 0 && first?.kind === 'body' && !indented(first) && !full(first)) {
      const prev = content(pages[p - 1]!).at(-1);
      const endsParagraph = second?.kind !== 'body' || indented(second);
      if (prev?.kind === 'body' && full(prev) && endsParagraph) {
        out.push({
          rule: 'widow-orphan',
          page: p + 1,
          message: `页首“${clip(text(first))}”是上一页段落的末行（寡行）`,
        });
      }
    }
  }
  return out;
}

/** Consecutive title lines, as blocks. */
function titleBlocks(lines: Classified[]): Classified[][] {
  const blocks: Classified[][] = [];
  let current: Classified[] = [];
  for (const l of content(lines)) {
    const prev = current[current.length - 1];
    if (l.kind === 'title' && prev && l.y0 - prev.y1 < prev.heightMm) current.push(l);
    else {
      if (current.length) blocks.push(current);
      current = l.kind === 'title' ? [l] : [];
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

function checkTitleLines(pages: Classified[][]): Finding[] {
  const out: Finding[] = [];
  for (const [p, lines] of pages.entries()) {
    for (const block of titleBlocks(lines)) {
      if (block.length < 2) continue;
      const last = [...text(block[block.length - 1]!)].filter((ch) => !CLOSING.test(ch));
      if (last.length <= 1) {
        out.push({
          rule: 'one-char-title-line',
          page: p + 1,
          message: `标题“${clip(block.map(text).join(''))}”末行只有一个字“${last.join('')}”（标题应分行均衡）`,
        });
      }
    }
  }
  return out;
}

function checkPageNumber(page: PdfPage, lines: Classified[], blankAllowed: boolean): Finding[] {
  const numbers = lines.filter((l) => l.kind === 'pageNumber');
  if (numbers.length === 0) {
    if (blankAllowed && content(lines).length === 0) return [];
    return [
      { rule: 'page-number', page: page.number, message: '没有页码（应为“— N —”，4号，版心下方 7 毫米）' },
    ];
  }
  const line = numbers[0]!;
  const n = Number(PAGE_NUMBER.exec(text(line))![1]);
  const out: string[] = [];
  if (n !== page.number) out.push(`页码为 ${n}，应为 ${page.number}`);
  const top = emTop(line, PAGE_NUMBER_PT);
  if (Math.abs(top - PAGE_NUMBER_EM_TOP_MM) > TOL.position) {
    out.push(`页码距版心下边缘 ${fmt(top - TYPE_AREA_MM.bottom + 2)} 毫米，应为 7 毫米`);
  }
  if (page.number % 2 === 1) {
    const expected = TYPE_AREA_MM.right - ONE_CHAR_MM;
    if (Math.abs(line.x1 - expected) > TOL.position) {
      out.push(`单页页码应在右侧、距版心右边缘一字（右端 ${fmt(expected)} 毫米），实为 ${fmt(line.x1)} 毫米`);
    }
  } else {
    const expected = TYPE_AREA_MM.left + ONE_CHAR_MM;
    if (Math.abs(line.x0 - expected) > TOL.position) {
      out.push(`双页页码应在左侧、距版心左边缘一字（左端 ${fmt(expected)} 毫米），实为 ${fmt(line.x0)} 毫米`);
    }
  }
  return out.map((message) => ({ rule: 'page-number', page: page.number, message }));
}

/** The 版记's rules: the last group of black rules on the last page, bottom up, one line apart. */
export function colophonRules(page: PdfPage): Rule[] {
  const candidates = page.rules
    .filter((r) => r.widthMm > GRID_MAX_MM && !isRed(r) && r.x1 - r.x0 > 100)
    .sort((a, b) => b.y - a.y);
  const group: Rule[] = [];
  for (const r of candidates) {
    const prev = group[group.length - 1];
    if (prev && prev.y - r.y > 25) break;
    group.push(r);
  }
  return group.reverse();
}

function isRed(r: Rule): boolean {
  if (!r.color) return false;
  const [red, green, blue] = [1, 3, 5].map((i) => Number.parseInt(r.color!.slice(i, i + 2), 16));
  return red! > 150 && green! < 100 && blue! < 100;
}

function checkColophon(layout: PdfLayout, pages: Classified[][], kind: DocumentKind): Finding[] {
  const page = layout.pages[layout.pages.length - 1];
  if (!page) return [];
  const f = (message: string): Finding => ({ rule: 'colophon', page: page.number, message });
  const rules = colophonRules(page);
  if (rules.length < 2) return [f('末页没有版记（版记应在末页下端，首末两条粗线之间）')];
  const out: Finding[] = [];
  if (kind === 'official' && layout.pages.length > 1 && page.number % 2 === 1) {
    out.push(f(`版记在第${page.number}页（单页）；双面印刷时版记应在偶数页，可插入空白页`));
  }
  for (const [i, r] of rules.entries()) {
    const name = i === 0 ? '首条' : i === rules.length - 1 ? '末条' : `第${i + 1}条`;
    if (r.x0 > TYPE_AREA_MM.left + 1 || r.x1 < TYPE_AREA_MM.right - 1) {
      out.push(
        f(
          `版记${name}分隔线长 ${fmt(r.x1 - r.x0)} 毫米（${fmt(r.x0)}—${fmt(r.x1)}），应与版心等宽（156 毫米）`,
        ),
      );
    }
    const thick = i === 0 || i === rules.length - 1;
    const want = thick ? RULE_THICK_MM : RULE_THIN_MM;
    if (Math.abs(r.widthMm - want) > RULE_TOLERANCE_MM) {
      out.push(f(`版记${name}分隔线粗 ${r.widthMm.toFixed(2)} 毫米，应为 ${thick ? '0.35' : '0.25'} 毫米`));
    }
  }
  const bottom = rules[rules.length - 1]!;
  if (bottom.y < TYPE_AREA_MM.bottom - 7 || bottom.y > TYPE_AREA_MM.bottom + 1.5) {
    out.push(f(`版记末条线在 ${fmt(bottom.y)} 毫米处，应与版心下边缘（262 毫米）重合`));
  }
  const top = rules[0]!;
  const above = content(pages[page.number - 1]!).filter((l) => l.y1 < top.y);
  const lastAbove = above[above.length - 1];
  if (lastAbove) {
    const gap = top.y - (emTop(lastAbove, NOMINAL_PT[lastAbove.kind]) + sizeMm(NOMINAL_PT[lastAbove.kind]));
    if (gap < COLOPHON_GAP_MM) {
      out.push(f(`正文“${clip(text(lastAbove))}”距版记仅 ${fmt(gap)} 毫米，应至少空出一行`));
    }
  }
  return out;
}

function checkGlyphs(pages: Classified[][]): Finding[] {
  const out: Finding[] = [];
  for (const [p, lines] of pages.entries()) {
    for (const [i, l] of content(lines).entries()) {
      const bad = [...l.text].filter((ch) => BAD_GLYPH.test(ch));
      if (bad.length) {
        out.push({
          rule: 'glyphs',
          page: p + 1,
          message: `第${i + 1}行“${clip(text(l))}”含字体无法正常印出或公文中不应出现的字符：${[...new Set(bad)].join(' ')}`,
        });
      }
    }
  }
  return out;
}

function checkIssuerMark(layout: PdfLayout, pages: Classified[][]): Finding[] {
  const first = pages[0];
  const page = layout.pages[0];
  if (!first || !page) return [];
  const f = (message: string): Finding => ({ rule: 'issuer-mark', page: 1, message });
  const mark = [...first].filter((l) => l.kind === 'large').sort((a, b) => b.heightMm - a.heightMm)[0];
  const out: Finding[] = [];
  if (!mark) out.push(f('首页没有发文机关标志'));
  else {
    const upward = first.some((l) => text(l).includes('签发人'));
    const [lo, hi] = MARK_EM_TOP_MM[upward ? 'upward' : 'normal'];
    const top = emTop(mark, mark.sizePt);
    if (top < lo || top > hi) {
      out.push(
        f(
          `发文机关标志“${clip(text(mark))}”上边缘距版心上边缘约 ${fmt(top - TYPE_AREA_MM.top - 2.5)} 毫米，应为 ${upward ? 80 : 35} 毫米`,
        ),
      );
    }
  }
  // The widest red rule: the 样稿 mark's red box has short ones.
  const red = page.rules.filter((r) => isRed(r)).sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))[0];
  if (!red) out.push(f('首页发文字号下没有红色分隔线'));
  else if (red.x0 > TYPE_AREA_MM.left + 1 || red.x1 < TYPE_AREA_MM.right - 1) {
    out.push(f(`红色分隔线长 ${fmt(red.x1 - red.x0)} 毫米，应与版心等宽（156 毫米）`));
  }
  return out;
}

/** 公文 when page 1 carries a 发文字号 or a mark ending in 文件; otherwise a 简报. */
export function detectKind(layout: PdfLayout): DocumentKind {
  const first = layout.pages[0]?.lines.map(text) ?? [];
  return first.some((t) => /〔\d{4}〕\d+号/.test(t) || /文件$/.test(t)) ? 'official' : 'briefing';
}

export function checkRenderedLayout(layout: PdfLayout, kind: DocumentKind): Finding[] {
  const pages = classify(layout);
  const out: Finding[] = [];
  for (const [i, page] of layout.pages.entries()) {
    const lines = pages[i]!;
    out.push(...checkPageSize(page));
    out.push(...checkTypeArea(page, lines));
    out.push(...checkLinesPerPage(page, lines));
    out.push(...checkPageNumber(page, lines, kind === 'official'));
  }
  out.push(...checkBodySize(layout, pages));
  out.push(...checkBreaks(pages));
  out.push(...checkTitleLines(pages));
  out.push(...checkColophon(layout, pages, kind));
  out.push(...checkGlyphs(pages));
  if (kind === 'official') out.push(...checkIssuerMark(layout, pages));
  return out;
}
