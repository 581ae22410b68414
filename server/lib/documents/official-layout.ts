import { stripForbiddenDeep } from '../control-chars.ts';
import { BRIEFING_PAGE, formatDocumentDate } from './briefing-docx.ts';
import {
  type BreakMetrics,
  balanceText,
  breakSegments,
  breakText,
  type FontFace,
  type Line,
  SEGMENT_FACE,
  type Segment,
  type SegmentFont,
  textWidth,
} from './briefing-layout.ts';

/**
 * The 公文 layout (GB/T 9704-2012 §7) for 通知 / 通报 / 函: one computed flow of lines, table rows
 * and page breaks that both writers print. The preview (official-html.ts) draws every computed
 * line as its own block; the DOCX (official-docx.ts) carries the same paragraphs with the same
 * exact line pitches, widow control and keep-with-next, titles as computed (balanced) lines with
 * manual breaks, table rows of exact computed heights, and spacers of computed heights before the
 * 版记 — so LibreOffice fills its pages with the lines computed here. Vertical measures are in
 * twips (the DOCX's own unit) so both agree to the twip; widths are in em of the line's font.
 *
 * Line breaking is the 简报's (briefing-layout.ts: breakText, balanceText, the 避头尾 lists and
 * the fonts' advance widths), with the space LibreOffice always puts between Chinese and Latin
 * letters or digits counted (autoSpace), so the DOCX as LibreOffice renders it breaks where the
 * preview breaks (docs/domain.md, 版式一致).
 */

// ---------------------------------------------------------------------------------------------
// Content model

/** A table of an 附件: a header row (repeated on every page the table spans) and body rows. */
export type OfficialTable = {
  columns: { title: string; align?: 'left' | 'center' | 'right' }[];
  rows: string[][];
};
export type OfficialBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; table: OfficialTable };
/** One 附件: printed on pages of its own after the 成文日期, before the 版记. */
export type OfficialAttachment = { title: string; blocks: OfficialBlock[] };

/** Everything printed on a 公文 (通知 / 通报 / 函). */
export type OfficialDocumentInput = {
  /** 份号: printed as 6 digits, top left. */
  copyNumber?: string | number;
  /** 密级 and 保密期限, e.g. { level: '秘密', term: '1年' } → 秘密★1年. */
  secrecy?: { level: '秘密' | '机密' | '绝密'; term?: string };
  urgency?: '特急' | '加急';
  /** 发文机关标志, e.g. 汾阳市人民政府办公室文件 (函: the organ's name alone). */
  issuerMark: string;
  /** 发文字号, e.g. 汾政办发〔2026〕12号; half-width brackets, 第 and leading zeros are corrected. */
  documentNumber?: string;
  /** 上行文 (reports to a higher organ): the mark sits 80 mm down and 签发人 is printed. */
  upward?: { signers: string[] };
  title: string;
  /** 主送机关, e.g. 各乡镇人民政府，各街道办事处，市直各有关单位 (the colon is added). */
  addressee?: string;
  /** Body paragraphs; headings are recognised from their start (一、 （一） 1. （1）). */
  body: string[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期. */
  date: Date;
  /** 附注, printed in brackets under the date (the brackets are added). */
  note?: string;
  attachments?: OfficialAttachment[];
  /** 版记. */
  colophon: { cc?: string[]; printer: string; printDate: Date };
  /** Printed on both sides (default): the 版记 page is an even page. */
  duplex?: boolean;
  /** Made before the sign-off: every page carries a 样稿 mark (docs/domain.md §6), as the 简报 does. */
  draft?: boolean;
};

// ---------------------------------------------------------------------------------------------
// Page geometry (twips) and sizes (pt)

export const OFFICIAL_PAGE = BRIEFING_PAGE;
export const TYPE_WIDTH_TW = OFFICIAL_PAGE.width - OFFICIAL_PAGE.margin.left - OFFICIAL_PAGE.margin.right;
export const TYPE_HEIGHT_TW = OFFICIAL_PAGE.height - OFFICIAL_PAGE.margin.top - OFFICIAL_PAGE.margin.bottom;
export const MM_TW = 56.7;

/** 三号 16, 二号 22, 四号 14 pt. */
export const OFFICIAL_SIZES = { body: 16, title: 22, colophon: 14, table: 14, pageNumber: 14 } as const;
/** Body: 22 lines of 28 characters; 16 pt characters tightened by 0.25 pt. */
export const BODY_LINE_TW = 579;
export const BODY_TRACKING_PT = -0.25;
export const BODY_CHARS = 28;
/** How each kind of text is measured (briefing-layout.ts BreakMetrics). */
export const BODY_METRICS: BreakMetrics = { size: OFFICIAL_SIZES.body, tracking: BODY_TRACKING_PT };
export const TITLE_METRICS: BreakMetrics = { size: OFFICIAL_SIZES.title };
export const COLOPHON_METRICS: BreakMetrics = { size: OFFICIAL_SIZES.colophon };
export const TABLE_METRICS: BreakMetrics = { size: OFFICIAL_SIZES.table };
/** The type area's width in em of the body font (27.6: 28 tracked characters fit). */
export const BODY_WIDTH_EM = TYPE_WIDTH_TW / 20 / OFFICIAL_SIZES.body;
export const TITLE_LINE_TW = 700;
export const TITLE_CHARS = Math.floor(TYPE_WIDTH_TW / 20 / OFFICIAL_SIZES.title);
/** The type area's width in em of the title (二号). */
export const TITLE_WIDTH_EM = TYPE_WIDTH_TW / 20 / OFFICIAL_SIZES.title;
export const COLOPHON_LINE_TW = 560;
/** Table cells: 四号 text on a 20 pt pitch, 4.5 pt above and below, 4 pt left and right. */
export const CELL_LINE_TW = 400;
export const CELL_PAD_V_TW = 90;
export const CELL_PAD_H_TW = 80;
/** 版记 rules: first and last 0.35 mm, the middle ones 0.25 mm (eighths of a point in the DOCX). */
export const RULE_THICK_EIGHTHS = 8;
/** Table cell borders: 0.5 pt. */
export const TABLE_BORDER_EIGHTHS = 4;
export const RULE_THIN_EIGHTHS = 6;

/** Page-1 head: the 发文机关标志 is 35 mm (上行文 80 mm) below the type area's top. */
export const MARK_TOP_TW = Math.round(35 * MM_TW);
export const MARK_TOP_UPWARD_TW = Math.round(80 * MM_TW);
/** Distance from the 发文字号's line to the red rule (4 mm), and the red rule's weight (eighths). */
export const RED_RULE_GAP_TW = Math.round(4 * MM_TW);
export const RED_RULE_EIGHTHS = 12;

/**
 * The 发文机关标志's size: as large as fits the type area on one line, at most 15 mm wide a
 * character (so ≤ 22 mm high), at least 二号; a name too long even at 二号 wraps.
 */
export function issuerMarkSize(mark: string): number {
  const n = Math.max(textWidth(mark, TITLE_METRICS, 'serifBold'), 1);
  const widest = Math.floor((15 * 72) / 25.4); // 15 mm ≈ 42 pt
  return Math.max(OFFICIAL_SIZES.title, Math.min(widest, Math.floor(TYPE_WIDTH_TW / 20 / n)));
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Width of a text in em of its font as the layout measures it (default: body text, tracked). */
export function textEm(text: string, metrics: BreakMetrics = BODY_METRICS, face: FontFace = 'serif'): number {
  return textWidth(text, metrics, face);
}

/** A title's balanced lines (briefing-layout.ts balanceText) in 小标宋 at `metrics.size`. */
export function titleLines(text: string, width = TITLE_WIDTH_EM, metrics = TITLE_METRICS): string[] {
  return balanceText(text, width, metrics, SEGMENT_FACE.title);
}

const BRACKETS = /^(.+?)\s*[〔[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*第?\s*0*([1-9]\d*)\s*号\s*$/;

/**
 * 发文字号 in the GB/T 9704 form 代字〔年份〕序号号: six-sided brackets, no 第, no leading zeros.
 * Returns null when the text is not a 发文字号 at all.
 */
export function formatDocumentNumber(raw: string): string | null {
  const m = BRACKETS.exec(raw.trim());
  if (!m) return null;
  return `${m[1]!.trim()}〔${m[2]}〕${m[3]}号`;
}

export const DOCUMENT_NUMBER = /^\S+〔\d{4}〕[1-9]\d*号$/;

/** 份号: six digits. */
export function formatCopyNumber(raw: string | number): string {
  const digits = String(raw).replace(/\D/g, '');
  return digits.padStart(6, '0').slice(-6);
}

export type HeadingLevel = 0 | 1 | 2 | 3 | 4;
const HEADINGS: [HeadingLevel, RegExp][] = [
  [1, /^[一二三四五六七八九十百]+、/],
  [2, /^[（(][一二三四五六七八九十百]+[）)]/],
  [3, /^\d+[.．](?!\d)/],
  [4, /^[（(]\d+[）)]/],
];

/** The heading level a paragraph starts with (0: none), its marker in the full-width form. */
export function headingOf(text: string): { level: HeadingLevel; text: string } {
  for (const [level, re] of HEADINGS) {
    const m = re.exec(text);
    if (!m) continue;
    // GB/T 9704 §7.3.3: 一、（一）1．（1） — half-width brackets and the half-width dot made full-width.
    const marker = m[0].replace('(', '（').replace(')', '）').replace('.', '．');
    return { level, text: marker + text.slice(m[0].length) };
  }
  return { level: 0, text };
}

/** Heading 1 is 黑体 and heading 2 楷体 up to the end of the heading sentence; 3 and 4 stay 仿宋. */
export function bodySegments(raw: string): {
  level: HeadingLevel;
  segments: Segment[];
  headingOnly: boolean;
} {
  const { level, text } = headingOf(raw);
  const font: SegmentFont | null = level === 1 ? 'heading1' : level === 2 ? 'heading2' : null;
  if (!font)
    return { level, segments: [{ text, font: 'body' }], headingOnly: level > 0 && !/[。；]./.test(text) };
  const end = text.indexOf('。');
  const head = end === -1 ? text : text.slice(0, end + 1);
  const segments: Segment[] = [{ text: head, font }];
  if (head.length < text.length) segments.push({ text: text.slice(head.length), font: 'body' });
  return { level, segments, headingOnly: head.length === text.length };
}

/** Splits body segments into lines (briefing-layout.ts breakSegments), keeping each character's font. */
export function segmentLines(segments: Segment[], first: number, rest: number): Line[] {
  if (segments.every((x) => x.text === '')) return [{ segments: [{ text: '', font: 'body' }], last: true }];
  return breakSegments(segments, first, rest, BODY_METRICS);
}

const plain = (text: string, font: SegmentFont = 'body'): Line => ({
  segments: [{ text, font }],
  last: true,
});

// ---------------------------------------------------------------------------------------------
// Flow

export type ParaRole =
  | 'title'
  | 'addressee'
  | 'body'
  | 'blank'
  | 'attachmentNote'
  | 'signature'
  | 'date'
  | 'note'
  | 'annexLabel'
  | 'annexTitle';

/** A paragraph as both writers print it. */
export type FlowPara = {
  kind: 'para';
  role: ParaRole;
  lines: Line[];
  /** Font size (pt) and exact line pitch (twips). */
  size: number;
  pitch: number;
  align: 'justify' | 'center' | 'left' | 'right';
  /** Indents in em of the size: first line, following lines (left), right. */
  firstIndent: number;
  leftIndent: number;
  rightIndent: number;
  /** Space above in twips (page 1 only: the title and 主送机关). */
  before: number;
  keepNext: boolean;
  widow: boolean;
  pageBreakBefore: boolean;
  level: HeadingLevel;
  /** Titles carry their computed lines as manual breaks. */
  manualBreaks: boolean;
};

export type TableCellLayout = { lines: string[]; align: 'left' | 'center' | 'right' };
export type TableRowLayout = { cells: TableCellLayout[]; height: number; header: boolean };
export type FlowTable = {
  kind: 'table';
  /** Column widths in twips; they add up to the type area's width. */
  widths: number[];
  header: TableRowLayout;
  rows: TableRowLayout[];
};

export type Head = {
  copyNumber?: string;
  secrecy?: string;
  urgency?: string;
  mark: { lines: string[]; size: number; lineTw: number; spacerTw: number };
  number?: string;
  signers?: string;
  upward: boolean;
  /** Heights in twips: lines above the mark, spacer, mark, gap + number line, red-rule paragraph. */
  topLinesTw: number;
  numberBeforeTw: number;
  ruleTw: number;
  /** Total height of the head on page 1. */
  height: number;
};

export type FlowBlock = FlowPara | FlowTable;

export type Placed =
  | { kind: 'head' }
  | { kind: 'lines'; block: FlowPara; from: number; to: number; blockIndex: number }
  | { kind: 'rows'; block: FlowTable; from: number; to: number; repeatHeader: boolean; blockIndex: number };

export type OfficialPage = {
  number: number;
  placed: Placed[];
  /** Twips used from the top of the type area. */
  used: number;
  /** False on the blank page before the 版记 and on the 版记 page after it (GB/T 9704 §7.5). */
  numbered: boolean;
  blank: boolean;
};

export type Colophon = {
  /** Lines of each 版记 row: 抄送 (wrapped, hanging after 抄送：), then 印发机关 / 印发日期. */
  cc: string[];
  printer: string;
  printDate: string;
  /** Whether 印发机关 and 印发日期 need two lines. */
  printTwoLines: boolean;
  height: number;
};

export type OfficialLayout = {
  input: OfficialDocumentInput;
  head: Head;
  blocks: FlowBlock[];
  pages: OfficialPage[];
  colophon: Colophon;
  /** Where the 版记 goes: at the bottom of the last content page, or on a page of its own (after a blank page or not). */
  colophonPlacement: { mode: 'same' | 'own' | 'afterBlank'; page: number; spacerTw: number };
  /** Problems found in the input that the layout corrected or could not (printed as given). */
  warnings: string[];
};

const bodyPara = (lines: Line[], over: Partial<FlowPara> = {}): FlowPara => ({
  kind: 'para',
  role: 'body',
  lines,
  size: OFFICIAL_SIZES.body,
  pitch: BODY_LINE_TW,
  align: 'justify',
  firstIndent: 0,
  leftIndent: 0,
  rightIndent: 0,
  before: 0,
  keepNext: false,
  widow: true,
  pageBreakBefore: false,
  level: 0,
  manualBreaks: false,
  ...over,
});

const blank = (over: Partial<FlowPara> = {}) =>
  bodyPara([plain('')], { role: 'blank', align: 'left', widow: false, ...over });

function head(input: OfficialDocumentInput, warnings: string[]): Head {
  const upward = Boolean(input.upward);
  const copyNumber = input.copyNumber !== undefined ? formatCopyNumber(input.copyNumber) : undefined;
  const secrecy = input.secrecy
    ? input.secrecy.term
      ? `${input.secrecy.level}★${input.secrecy.term}`
      : input.secrecy.level
    : undefined;
  const topLines = [copyNumber, secrecy, input.urgency].filter(Boolean).length;
  const size = issuerMarkSize(input.issuerMark);
  const markLines = titleLines(input.issuerMark || ' ', TYPE_WIDTH_TW / 20 / size, { size });
  // An exact line a little taller than the characters; LibreOffice puts the glyphs at its bottom.
  const lineTw = Math.round(size * 20 * 1.2);
  const markTop = upward ? MARK_TOP_UPWARD_TW : MARK_TOP_TW;
  const topLinesTw = topLines * BODY_LINE_TW;
  const spacerTw = Math.max(20, markTop - topLinesTw - MARK_GLYPH_OFFSET(size, lineTw));
  let number: string | undefined;
  if (input.documentNumber?.trim()) {
    const formatted = formatDocumentNumber(input.documentNumber);
    if (!formatted)
      warnings.push(`发文字号“${input.documentNumber}”不符合“代字〔年份〕序号号”的格式，已按原样印出`);
    else if (formatted !== input.documentNumber.trim())
      warnings.push(`发文字号“${input.documentNumber}”已改为“${formatted}”`);
    number = formatted ?? input.documentNumber.trim();
  }
  const signers =
    upward && input.upward!.signers.length > 0 ? `签发人：${input.upward!.signers.join('　')}` : undefined;
  // The 发文字号 is two blank lines below the mark's characters; the red rule 4 mm below it.
  const numberBeforeTw = 2 * BODY_LINE_TW;
  const ruleTw = RED_RULE_GAP_TW;
  const height =
    topLinesTw +
    spacerTw +
    lineTw * markLines.length +
    numberBeforeTw +
    BODY_LINE_TW +
    ruleTw +
    RED_RULE_EIGHTHS * 2.5; // the border's own width (eighths of a point → twips)
  return {
    copyNumber,
    secrecy,
    urgency: input.urgency,
    mark: { lines: markLines, size, lineTw, spacerTw },
    number,
    signers,
    upward,
    topLinesTw,
    numberBeforeTw,
    ruleTw,
    height: Math.round(height),
  };
}

/**
 * Where the characters of an exact line start below the line's top, in twips: LibreOffice puts
 * the baseline at the line's bottom less the font's descent (Noto CJK: 0.288 em), and the
 * characters' em box reaches 0.88 em above the baseline.
 */
export function MARK_GLYPH_OFFSET(size: number, lineTw: number): number {
  return Math.round(lineTw - size * 20 * (0.288 + 0.88));
}

/**
 * A body paragraph, indented two characters. A heading (a paragraph that is only its 一、/（一）/
 * 1．/（1） sentence) of one or two lines keeps with the next paragraph; a longer one flows as body
 * text (widow and orphan control only), as LibreOffice splits a long keep-with-next paragraph.
 */
function bodyParagraph(text: string): FlowPara {
  const { level, segments, headingOnly } = bodySegments(text);
  const lines = segmentLines(segments, BODY_WIDTH_EM - 2, BODY_WIDTH_EM);
  return bodyPara(lines, {
    firstIndent: 2,
    level,
    keepNext: level > 0 && headingOnly && lines.length <= 2,
  });
}

function mainParas(input: OfficialDocumentInput): FlowPara[] {
  const out: FlowPara[] = [];
  const title = titleLines(input.title.trim() || '（无标题）').map((t) => plain(t, 'title'));
  out.push(
    bodyPara(title, {
      role: 'title',
      size: OFFICIAL_SIZES.title,
      pitch: TITLE_LINE_TW,
      align: 'center',
      before: 2 * BODY_LINE_TW,
      keepNext: true,
      widow: false,
      manualBreaks: true,
    }),
  );
  if (input.addressee?.trim()) {
    const text = `${input.addressee.trim().replace(/[：:]$/, '')}：`;
    out.push(
      bodyPara(segmentLines([{ text, font: 'body' }], BODY_WIDTH_EM, BODY_WIDTH_EM), {
        role: 'addressee',
        align: 'left',
        before: BODY_LINE_TW,
      }),
    );
  } else {
    out.push(blank());
  }
  for (const raw of input.body) {
    const text = raw.trim();
    if (!text) continue;
    out.push(bodyParagraph(text));
  }
  const attachments = input.attachments ?? [];
  if (attachments.length > 0) {
    out.push(blank());
    // 附件：1．名称 — wrapped lines align with the first character of the name.
    attachments.forEach((a, k) => {
      const name = a.title.trim().replace(/[。，；、.]+$/, '') || `附件${k + 1}`;
      const lead = k === 0 ? '附件：' : '';
      const num = attachments.length > 1 ? `${k + 1}．` : '';
      const hang = 3 + (num ? 2 : 0);
      const lines = segmentLines(
        [{ text: `${lead}${num}${name}`, font: 'body' }],
        BODY_WIDTH_EM - 2 - (k === 0 ? 0 : 3),
        BODY_WIDTH_EM - 2 - hang,
      );
      out.push(
        bodyPara(lines, {
          role: 'attachmentNote',
          align: 'left',
          firstIndent: k === 0 ? 2 : 5,
          leftIndent: 2 + hang,
          keepNext: true,
        }),
      );
    });
  }
  // 发文机关署名 and 成文日期 (GB/T 9704 §7.3.5.2, docs/domain.md §6): one blank line below the
  // text; the date right-indented four characters, no zero padding; the signature on the line
  // above, its first character two characters left of the date's first character.
  const date = formatDocumentDate(input.date);
  const signature = input.signature.trim() || ' ';
  const sigRight = signatureRightIndent(signature, date);
  out.push(blank({ keepNext: true }));
  out.push(
    bodyPara(
      segmentLines([{ text: signature, font: 'body' }], BODY_WIDTH_EM - sigRight, BODY_WIDTH_EM - sigRight),
      {
        role: 'signature',
        align: 'right',
        rightIndent: sigRight,
        keepNext: true,
        widow: false,
      },
    ),
    bodyPara([plain(date)], { role: 'date', align: 'right', rightIndent: DATE_RIGHT_EM, widow: false }),
  );
  if (input.note?.trim()) {
    const text = `（${input.note.trim().replace(/^[（(]|[）)]$/g, '')}）`;
    out.push(
      bodyPara(segmentLines([{ text, font: 'body' }], BODY_WIDTH_EM - 2, BODY_WIDTH_EM), {
        role: 'note',
        firstIndent: 2,
      }),
    );
  }
  return out;
}

/** The 成文日期's right indent in characters (docs/domain.md §6). */
export const DATE_RIGHT_EM = 4;

/**
 * The 发文机关署名's right indent in em: its first character two characters left of the date's
 * first character (GB/T 9704 §7.3.5.2), the date right-indented DATE_RIGHT_EM; a signature too
 * long for that ends at the type area's right edge.
 */
export function signatureRightIndent(signature: string, date: string): number {
  return Math.max(0, DATE_RIGHT_EM + textEm(date) + 2 - textEm(signature));
}

/** Column widths in twips: natural widths, scaled down to the type area (or up to fill it). */
export function tableWidths(table: OfficialTable): number[] {
  const n = Math.max(table.columns.length, 1);
  const em = OFFICIAL_SIZES.table * 20;
  const natural = Array.from({ length: n }, (_, c) => {
    const texts = [table.columns[c]?.title ?? '', ...table.rows.map((r) => r[c] ?? '')];
    // Long texts count at most 12 characters: they wrap rather than widen the column.
    const widest = Math.max(2, ...texts.map((t) => Math.min(12, textEm(t, TABLE_METRICS))));
    return widest * em + 2 * CELL_PAD_H_TW;
  });
  const total = natural.reduce((a, b) => a + b, 0);
  const scaled = natural.map((w) => Math.floor((w * TYPE_WIDTH_TW) / total));
  scaled[scaled.length - 1]! += TYPE_WIDTH_TW - scaled.reduce((a, b) => a + b, 0);
  return scaled;
}

function cellLines(text: string, widthTw: number, face: FontFace): string[] {
  const em = Math.max(1, (widthTw - 2 * CELL_PAD_H_TW) / (OFFICIAL_SIZES.table * 20));
  return text === ''
    ? ['']
    : breakText(
        text,
        em,
        em,
        TABLE_METRICS,
        [...text].map(() => face),
      );
}

/** The tallest a row may be: a page less the repeated header row. */
const rowHeight = (lines: number) => lines * CELL_LINE_TW + 2 * CELL_PAD_V_TW;

function tableBlock(table: OfficialTable): FlowTable {
  const widths = tableWidths(table);
  const align = (c: number) => table.columns[c]?.align ?? 'center';
  const headerCells = widths.map((w, c) => ({
    lines: cellLines(table.columns[c]?.title ?? '', w, 'sans'),
    align: 'center' as const,
  }));
  const header: TableRowLayout = {
    cells: headerCells,
    height: rowHeight(Math.max(...headerCells.map((c) => c.lines.length))),
    header: true,
  };
  const maxLines = Math.floor((TYPE_HEIGHT_TW - header.height - 2 * CELL_PAD_V_TW) / CELL_LINE_TW) - 2;
  const rows: TableRowLayout[] = [];
  for (const raw of table.rows) {
    const cells = widths.map((w, c) => ({ lines: cellLines(raw[c] ?? '', w, 'serif'), align: align(c) }));
    // A row taller than a page is cut into rows that fit, the text carrying on below.
    for (let from = 0; from === 0 || cells.some((c) => c.lines.length > from); from += maxLines) {
      const part = cells.map((c) => ({ lines: c.lines.slice(from, from + maxLines), align: c.align }));
      for (const p of part) if (p.lines.length === 0) p.lines.push('');
      rows.push({
        cells: part,
        height: rowHeight(Math.max(...part.map((p) => p.lines.length))),
        header: false,
      });
    }
  }
  return { kind: 'table', widths, header, rows };
}

function attachmentBlocks(input: OfficialDocumentInput): FlowBlock[] {
  const out: FlowBlock[] = [];
  const list = input.attachments ?? [];
  list.forEach((a, k) => {
    const label = list.length > 1 ? `附件${k + 1}` : '附件';
    out.push(
      bodyPara([plain(label, 'heading1')], {
        role: 'annexLabel',
        align: 'left',
        pageBreakBefore: true,
        keepNext: true,
        widow: false,
      }),
      blank({ keepNext: true }),
      bodyPara(
        titleLines(a.title.trim() || label).map((t) => plain(t, 'title')),
        {
          role: 'annexTitle',
          size: OFFICIAL_SIZES.title,
          pitch: TITLE_LINE_TW,
          align: 'center',
          keepNext: true,
          widow: false,
          manualBreaks: true,
        },
      ),
      blank({ keepNext: true }),
    );
    for (const b of a.blocks) {
      if (b.kind === 'table') {
        if (b.table.columns.length > 0) out.push(tableBlock(b.table));
        continue;
      }
      const text = b.text.trim();
      if (!text) continue;
      out.push(bodyParagraph(text));
    }
    const last = out.at(-1);
    if (last?.kind === 'para' && last.role === 'blank') last.keepNext = false;
  });
  return out;
}

/** 版记: 抄送 wrapped with lines aligned after 抄送：, 印发机关 left and 印发日期 right. */
function colophonOf(input: OfficialDocumentInput): Colophon {
  // The cell's text is one character in on each side.
  const width = TYPE_WIDTH_TW / 20 / OFFICIAL_SIZES.colophon - 2;
  const list = (input.colophon.cc ?? []).map((s) => s.trim().replace(/[，,、。；;]+$/, '')).filter(Boolean);
  const cc =
    list.length > 0 ? breakText(`抄送：${list.join('，')}。`, width, width - 3, COLOPHON_METRICS) : [];
  const printer = input.colophon.printer.trim();
  const printDate = `${formatDocumentDate(input.colophon.printDate)}印发`;
  const printTwoLines = textEm(printer, COLOPHON_METRICS) + textEm(printDate, COLOPHON_METRICS) + 2 > width;
  const height = (cc.length + (printTwoLines ? 2 : 1)) * COLOPHON_LINE_TW;
  return { cc, printer, printDate, printTwoLines, height };
}

/** Height of the part of a block that must start on the page where the block starts. */
function minStart(blocks: FlowBlock[], i: number, depth = 0): number {
  const b = blocks[i];
  if (!b) return 0;
  if (b.kind === 'table') return b.header.height + (b.rows[0]?.height ?? 0);
  const n = b.lines.length;
  if (b.keepNext && depth < 8) return n * b.pitch + minStart(blocks, i + 1, depth + 1);
  if (!b.widow) return b.pitch;
  return (n < 4 ? n : 2) * b.pitch;
}

/**
 * Fills pages as Word and LibreOffice do with the DOCX's settings: exact line pitches, widow and
 * orphan control (two lines), keep-with-next, page breaks before each 附件, tables whose rows
 * never split and whose header row repeats at the top of every page they continue on.
 */
export function paginateOfficial(headHeight: number, blocks: FlowBlock[]): OfficialPage[] {
  const pages: OfficialPage[] = [
    { number: 1, placed: [{ kind: 'head' }], used: headHeight, numbered: true, blank: false },
  ];
  const area = TYPE_HEIGHT_TW;
  const page = () => pages.at(-1)!;
  const newPage = () =>
    pages.push({ number: pages.length + 1, placed: [], used: 0, numbered: true, blank: false });
  const empty = () => page().placed.length === 0;
  blocks.forEach((b, blockIndex) => {
    if (b.kind === 'para') {
      if (b.pageBreakBefore && !empty()) newPage();
      const before = empty() ? 0 : b.before;
      // Keep with next: the whole paragraph and the start of what follows on one page.
      if (b.keepNext && !empty()) {
        const need = before + b.lines.length * b.pitch + minStart(blocks, blockIndex + 1);
        if (page().used + need > area && need <= area) newPage();
      }
      let from = 0;
      let first = true;
      while (from < b.lines.length) {
        const gap = first && !empty() ? b.before : 0;
        const avail = Math.floor((area - page().used - gap) / b.pitch);
        const left = b.lines.length - from;
        if (left <= avail) {
          page().placed.push({ kind: 'lines', block: b, from, to: b.lines.length, blockIndex });
          page().used += gap + left * b.pitch;
          break;
        }
        let k = avail;
        if (b.widow) {
          if (left - k < 2) k = left - 2;
          if (k < 2) k = 0;
        }
        if (k <= 0 && empty()) k = Math.max(1, avail);
        if (k > 0) {
          page().placed.push({ kind: 'lines', block: b, from, to: from + k, blockIndex });
          page().used += gap + k * b.pitch;
          from += k;
        }
        first = false;
        newPage();
      }
      return;
    }
    // A table: header, then rows while they fit; the header again on every new page.
    let from = 0;
    if (!empty() && page().used + b.header.height + (b.rows[0]?.height ?? 0) > area) newPage();
    while (from < b.rows.length || from === 0) {
      const start = from;
      let used = page().used + b.header.height;
      while (from < b.rows.length && used + b.rows[from]!.height <= area) {
        used += b.rows[from]!.height;
        from++;
      }
      if (from === start && b.rows.length > 0 && !empty()) {
        newPage();
        continue;
      }
      if (from === start && b.rows.length > 0) from++; // cannot happen: rows are cut to fit a page
      page().placed.push({
        kind: 'rows',
        block: b,
        from: start,
        to: from,
        repeatHeader: start > 0,
        blockIndex,
      });
      page().used = Math.min(area, used);
      if (from >= b.rows.length) break;
      newPage();
    }
  });
  return pages;
}

/** The gap kept between the text and the 版记 when they share a page: one body line. */
export const COLOPHON_GAP_TW = BODY_LINE_TW;

/**
 * Lays out a 公文 once for both writers. Stored text may hold characters XML cannot carry: they
 * are dropped here, so the preview and the DOCX print the same text.
 */
export function layoutOfficial(raw: OfficialDocumentInput): OfficialLayout {
  const input = tidyInput(stripForbiddenDeep(raw));
  const warnings: string[] = [];
  const h = head(input, warnings);
  const blocks: FlowBlock[] = [...mainParas(input), ...attachmentBlocks(input)];
  const pages = paginateOfficial(h.height, blocks);
  const colophon = colophonOf(input);
  const duplex = input.duplex ?? true;
  const last = pages.at(-1)!;
  const fits = last.used + COLOPHON_GAP_TW + colophon.height <= TYPE_HEIGHT_TW;
  const even = last.number % 2 === 0;
  let mode: 'same' | 'own' | 'afterBlank';
  if (fits && (even || !duplex)) mode = 'same';
  else if (!duplex || !even) mode = 'own';
  else mode = 'afterBlank';
  if (mode === 'afterBlank') {
    pages.push({ number: pages.length + 1, placed: [], used: 0, numbered: false, blank: true });
  }
  if (mode !== 'same') {
    pages.push({ number: pages.length + 1, placed: [], used: 0, numbered: mode === 'own', blank: false });
  }
  const page = pages.at(-1)!;
  // After a table, LibreOffice starts the next paragraph below the table's bottom border.
  const afterTable = page.placed.at(-1)?.kind === 'rows' ? TABLE_BORDER_EIGHTHS * 2.5 : 0;
  const spacerTw = TYPE_HEIGHT_TW - page.used - colophon.height - COLOPHON_SAFETY_TW - afterTable;
  return {
    input,
    head: h,
    blocks,
    pages,
    colophon,
    colophonPlacement: { mode, page: page.number, spacerTw },
    warnings,
  };
}

const HAN_CHAR = '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}]';
const SPACE_BEFORE_LATIN = new RegExp(`(${HAN_CHAR})[ \\u00a0]+(?=[A-Za-z0-9])`, 'gu');
const SPACE_AFTER_LATIN = new RegExp(`([A-Za-z0-9])[ \\u00a0]+(?=${HAN_CHAR})`, 'gu');
/** Half-width brackets around Chinese text: Chinese text takes full-width ones (GB/T 15834). */
const CHINESE_IN_BRACKETS = new RegExp(`\\(([^()]*${HAN_CHAR}[^()]*)\\)`, 'gu');

/**
 * Half-width brackets around Chinese text become full-width ones (“(按可比价格计算)” →
 * “（按可比价格计算）”, GB/T 15834), as the 发文字号's brackets are corrected; LibreOffice sets
 * a half-width bracket inside Chinese text wider than the font's advance, so the layout could
 * not break such lines where it does. And drops spaces typed between Chinese and Latin letters
 * or digits (“GDP 增长” → “GDP增长”): the
 * printed space between them is the one LibreOffice, Word and WPS put there themselves, which the
 * layout counts (briefing-layout.ts autoSpace). LibreOffice adds it after a typed space too, so
 * keeping the typed one would print a double gap and break lines where the layout does not.
 */
export function tidySpacing(text: string): string {
  return text
    .replace(SPACE_BEFORE_LATIN, '$1')
    .replace(SPACE_AFTER_LATIN, '$1')
    .replace(CHINESE_IN_BRACKETS, '（$1）');
}

function tidyInput(input: OfficialDocumentInput): OfficialDocumentInput {
  const t = tidySpacing;
  return {
    ...input,
    title: t(input.title),
    ...(input.addressee !== undefined ? { addressee: t(input.addressee) } : {}),
    body: input.body.map(t),
    ...(input.note !== undefined ? { note: t(input.note) } : {}),
    ...(input.attachments
      ? {
          attachments: input.attachments.map((a) => ({
            title: t(a.title),
            blocks: a.blocks.map((b) =>
              b.kind === 'paragraph'
                ? { kind: 'paragraph', text: t(b.text) }
                : {
                    kind: 'table',
                    table: {
                      columns: b.table.columns.map((c) => ({ ...c, title: t(c.title) })),
                      rows: b.table.rows.map((r) => r.map(t)),
                    },
                  },
            ),
          })),
        }
      : {}),
    colophon: { ...input.colophon, ...(input.colophon.cc ? { cc: input.colophon.cc.map(t) } : {}) },
  };
}

/** Kept free under the 版记 for the document's closing paragraph (see official-docx.ts). */
export const COLOPHON_SAFETY_TW = 40;
