import type { BriefingInput } from './briefing-docx.ts';
import {
  BODY_PITCH,
  balanceTitle,
  breakSegments,
  COLOPHON_PITCH,
  type Line,
  type Page,
  paginate,
  type Row,
  type Segment,
  type SegmentFont,
  TITLE_PITCH,
  TYPE_AREA,
} from './briefing-layout.ts';

/**
 * The flow of one 简报 issue — masthead, 编者按, titles and body lines, 版记 — computed once and
 * used by both writers: the preview prints these rows, the DOCX takes its title lines and the
 * 版记 spacer from them. Every vertical measure here is the DOCX's own (twips ÷ 20), so the page
 * the browser shows and the page LibreOffice/Word fill hold the same lines.
 */

export const SIZES = { body: 16, title: 22, colophon: 14, pageNumber: 14 } as const;
/** Body tracking: 16 pt characters tightened by 0.25 pt, so 28 fit the 156 mm type area (22 × 28). */
export const BODY_TRACKING_PT = -0.25;
export const BODY_METRICS = { size: SIZES.body, tracking: BODY_TRACKING_PT } as const;
/** Body first-line indent: two 16 pt characters (640 twips). */
export const BODY_INDENT_EM = 2;
/** Space above a title (one body line) and below it (half a line), in twips as written to the DOCX. */
export const TITLE_BEFORE_TW = 579;
export const TITLE_AFTER_TW = 290;
/** The 版记's text is indented one 四号 character each side; 报：/送：/发： hang two characters. */
export const COLOPHON_INDENT_EM = 1;
export const COLOPHON_HANG_EM = 2;
/** 版记 rules: first and last 0.35 mm (1 pt), the others 0.25 mm (0.75 pt), GB/T 9704 §10. */
export const COLOPHON_THICK_PT = 1;
export const COLOPHON_THIN_PT = 0.75;
/**
 * The DOCX's spacer before the 版记 is this much shorter than the computed gap: room for the 1 pt
 * paragraph a document must end with after a table, and for rounding (the last rule then sits
 * 0.5–0.7 mm above the type area's bottom edge in LibreOffice, never on the next page).
 */
export const COLOPHON_SPACER_SLACK_PT = 1.5;

/** Masthead geometry, in twips as written to the DOCX. */
export const MASTHEAD_TW = {
  beforeName: 1200,
  beforeNameWithSecrecy: 600,
  afterName: 400,
  afterNumber: 200,
  ruleLine: 120,
  ruleSpace: 20,
  ruleWidthEighths: 18,
  /**
   * One body line under the red rule. The element after the masthead has no space of its own
   * above it: LibreOffice keeps only the larger of a paragraph's space after and the next one's
   * space before where Word adds them, so only one of the two is ever non-zero here.
   */
  afterRule: 579,
} as const;

const HEADING1 = /^[一二三四五六七八九十百]+、/;
const HEADING2 = /^（[一二三四五六七八九十百]+）/;

/** The masthead name is as large as fits one line of the type area (at most 52 pt). */
export function mastheadSize(name: string): number {
  return Math.min(52, Math.floor(TYPE_AREA.width / Math.max([...name].length, 1)));
}

/** Exact line height of the masthead name, in twips. */
export function mastheadNameLineTw(name: string): number {
  return Math.round(mastheadSize(name) * 1.25 * 20);
}

/** Height of the masthead block down to the end of the space under the red rule, in pt. */
export function mastheadHeight(input: BriefingInput): number {
  const m = MASTHEAD_TW;
  const tw =
    (input.secrecy ? 579 + m.beforeNameWithSecrecy : m.beforeName) +
    mastheadNameLineTw(input.publicationName) +
    m.afterName +
    579 +
    m.afterNumber +
    579 +
    m.ruleLine +
    m.ruleSpace +
    (m.ruleWidthEighths * 20) / 8 +
    m.afterRule;
  return tw / 20;
}

/** A body paragraph's segments: a leading 一、/（一） sentence in its heading font. */
export function bodySegments(text: string): Segment[] {
  const font: SegmentFont | null = HEADING1.test(text) ? 'heading1' : HEADING2.test(text) ? 'heading2' : null;
  if (!font) return [{ text, font: 'body' }];
  const end = text.indexOf('。');
  const head = end === -1 ? text : text.slice(0, end + 1);
  return [
    { text: head, font },
    ...(head.length < text.length ? [{ text: text.slice(head.length), font: 'body' as const }] : []),
  ];
}

/** Body line widths in em of 16 pt: the first line loses the two-character indent. */
const BODY_WIDTH_EM = TYPE_AREA.width / SIZES.body;

export function paragraphRows(segments: Segment[], role: 'body' | 'note'): Row[] {
  const lines = breakSegments(segments, BODY_WIDTH_EM - BODY_INDENT_EM, BODY_WIDTH_EM, BODY_METRICS);
  return lines.map((line, k) => ({
    kind: 'line',
    role,
    line,
    indent: k === 0 ? BODY_INDENT_EM : 0,
    height: BODY_PITCH,
    before: 0,
    after: 0,
    // Widow and orphan control: never one line of a paragraph alone at a page's end or start.
    keepWithNext: (k === 0 && lines.length > 1) || (k === lines.length - 2 && lines.length > 1),
  }));
}

/** A title's balanced lines (the DOCX writes them with manual line breaks). */
export function titleLines(title: string): Line[] {
  return balanceTitle(title, TYPE_AREA.width / SIZES.title, { size: SIZES.title });
}

export function titleRows(title: string, first = false): Row[] {
  const lines = titleLines(title);
  return lines.map((line, k) => ({
    kind: 'line',
    role: 'title',
    line,
    indent: 0,
    height: TITLE_PITCH,
    before: k === 0 && !first ? TITLE_BEFORE_TW / 20 : 0,
    after: k === lines.length - 1 ? TITLE_AFTER_TW / 20 : 0,
    keepWithNext: true,
  }));
}

/** The 版记's distribution lines (报/送/发), each broken to the width between the indents. */
export function colophonLines(input: BriefingInput): Line[][] {
  const width = TYPE_AREA.width / SIZES.colophon - 2 * COLOPHON_INDENT_EM;
  const out: Line[][] = [];
  const { bao, song, fa } = input.distribution;
  for (const [mark, text] of [
    ['报', bao],
    ['送', song],
    ['发', fa],
  ] as const) {
    if (text)
      out.push(
        breakSegments([{ text: `${mark}：${text}`, font: 'colophon' }], width, width - COLOPHON_HANG_EM, {
          size: SIZES.colophon,
        }),
      );
  }
  return out;
}

export function colophonNames(input: BriefingInput): string {
  return [
    input.responsibleEditor ? `责任编辑：${input.responsibleEditor}` : '',
    input.signer ? `签发：${input.signer}` : '',
  ]
    .filter(Boolean)
    .join('\u3000\u3000');
}

/** Rows of the 版记 (one per 报/送/发 entry, then names and print count) and their line counts. */
export function colophonRowLines(input: BriefingInput): number[] {
  return [...colophonLines(input).map((l) => l.length), 1];
}

/** Height of the 版记: its lines plus its rules, in pt. */
export function colophonHeight(input: BriefingInput): number {
  const rows = colophonRowLines(input);
  const lines = rows.reduce((n, l) => n + l, 0);
  return lines * COLOPHON_PITCH + 2 * COLOPHON_THICK_PT + (rows.length - 1) * COLOPHON_THIN_PT;
}

export type BriefingFlow = {
  pages: Page[];
  /** The 版记 starts a page of its own (too little room after the body). */
  colophonOwnPage: boolean;
  /** Free space between the last body line and the 版记 on the last page, in pt. */
  gapAboveColophon: number;
  colophonHeight: number;
};

/** Lays out an issue (already cleaned of forbidden characters) into pages. */
export function layoutBriefing(input: BriefingInput): BriefingFlow {
  const rows: Row[] = [{ kind: 'masthead', height: mastheadHeight(input) }];
  if (input.editorNote) {
    rows.push(
      ...paragraphRows(
        [
          { text: '编者按：', font: 'heading1' },
          { text: input.editorNote, font: 'heading2' },
        ],
        'note',
      ),
    );
  }
  for (const [k, item] of input.items.entries()) {
    rows.push(
      ...titleRows(item.title, k === 0 && !input.editorNote),
      ...item.paragraphs.flatMap((p) => paragraphRows(bodySegments(p), 'body')),
    );
  }
  // The last title keeps with nothing when it has no body.
  const lastRow = rows.at(-1);
  if (lastRow?.kind === 'line') lastRow.keepWithNext = false;
  const height = colophonHeight(input);
  // At least one clear body line between the text and the 版记, also after the DOCX spacer's
  // allowance (COLOPHON_SPACER_SLACK_PT: the spacer is that much shorter than the gap).
  const { pages, colophonOwnPage, spaceLeft } = paginate(rows, height, BODY_PITCH + COLOPHON_SPACER_SLACK_PT);
  return { pages, colophonOwnPage, gapAboveColophon: spaceLeft - height, colophonHeight: height };
}
