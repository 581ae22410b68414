import { stripForbiddenDeep } from '../control-chars.ts';
import { type BriefingInput, formatDocumentDate } from './briefing-docx.ts';
import {
  BODY_PITCH,
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
 * The print preview of a 简报 as one self-contained HTML page: A4 page boxes with the GB/T 9704
 * type area, the same masthead, fonts, line pitch and 报尾 as the DOCX, and print CSS so printing
 * from the browser gives these pages. No scripts, no external resources; every piece of text is
 * escaped (item titles and bodies are user input).
 */

export type BriefingHtmlOptions = {
  /** False while the issue is not signed: the screen marks the date as provisional. */
  signed: boolean;
};

const BODY_SIZE = 16;
const TITLE_SIZE = 22;
const COLOPHON_SIZE = 14;
/** 28 characters a line: 16 pt characters tightened by 0.25 pt fit the 156 mm type area. */
const BODY_TRACKING = -0.25;
const BODY_CHARS = Math.floor(TYPE_AREA.width / (BODY_SIZE + BODY_TRACKING));
const TITLE_CHARS = Math.floor(TYPE_AREA.width / TITLE_SIZE);
/** The colophon text is indented one character each side; 报：/送：/发： hang two characters. */
const COLOPHON_INDENT = 1;
const COLOPHON_HANG = 2;

const HEADING1 = /^[一二三四五六七八九十百]+、/;
const HEADING2 = /^（[一二三四五六七八九十百]+）/;

export const FONT_STACKS: Record<SegmentFont | 'masthead' | 'pageNumber', string> = {
  masthead: `'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', serif`,
  title: `'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', serif`,
  body: `'仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', 'Source Han Serif SC', serif`,
  heading1: `'黑体', 'SimHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif`,
  heading2: `'楷体_GB2312', '楷体', 'KaiTi', 'STKaiti', 'AR PL UKai CN', serif`,
  colophon: `'仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', 'Source Han Serif SC', serif`,
  pageNumber: `'宋体', 'SimSun', 'Noto Serif CJK SC', serif`,
};

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The masthead name is as large as fits one line (at most 52 pt), as in the DOCX. */
function mastheadSize(name: string): number {
  return Math.min(52, Math.floor(TYPE_AREA.width / Math.max([...name].length, 1)));
}

function mastheadHeight(input: BriefingInput): number {
  const size = mastheadSize(input.publicationName);
  return (
    (input.secrecy ? BODY_PITCH + 30 : 60) + size * 1.25 + 20 + BODY_PITCH + 10 + BODY_PITCH + 6 + 2.25 + 20
  );
}

/** A body paragraph's segments: a leading 一、/（一） sentence in its heading font. */
function bodySegments(text: string): Segment[] {
  const font: SegmentFont | null = HEADING1.test(text) ? 'heading1' : HEADING2.test(text) ? 'heading2' : null;
  if (!font) return [{ text, font: 'body' }];
  const end = text.indexOf('。');
  const head = end === -1 ? text : text.slice(0, end + 1);
  return [
    { text: head, font },
    ...(head.length < text.length ? [{ text: text.slice(head.length), font: 'body' as const }] : []),
  ];
}

function paragraphRows(segments: Segment[], role: 'body' | 'note'): Row[] {
  const lines = breakSegments(segments, BODY_CHARS - 2, BODY_CHARS);
  return lines.map((line, k) => ({
    kind: 'line',
    role,
    line,
    indent: k === 0 ? 2 : 0,
    height: BODY_PITCH,
    before: 0,
    after: 0,
    // Widow and orphan control: never one line of a paragraph alone at a page's end or start.
    keepWithNext: (k === 0 && lines.length > 1) || (k === lines.length - 2 && lines.length > 1),
  }));
}

function titleRows(title: string): Row[] {
  const lines = breakSegments([{ text: title, font: 'title' }], TITLE_CHARS, TITLE_CHARS);
  return lines.map((line, k) => ({
    kind: 'line',
    role: 'title',
    line,
    indent: 0,
    height: TITLE_PITCH,
    before: k === 0 ? BODY_PITCH : 0,
    after: k === lines.length - 1 ? BODY_PITCH / 2 : 0,
    keepWithNext: true,
  }));
}

/** The colophon's lines (报/送/发, then names and the print count). */
function colophonLines(input: BriefingInput): Line[][] {
  const width = TYPE_AREA.width / COLOPHON_SIZE - 2 * COLOPHON_INDENT;
  const out: Line[][] = [];
  const { bao, song, fa } = input.distribution;
  for (const [mark, text] of [
    ['报', bao],
    ['送', song],
    ['发', fa],
  ] as const) {
    if (text)
      out.push(breakSegments([{ text: `${mark}：${text}`, font: 'colophon' }], width, width - COLOPHON_HANG));
  }
  return out;
}

function colophonNames(input: BriefingInput): string {
  return [
    input.responsibleEditor ? `责任编辑：${input.responsibleEditor}` : '',
    input.signer ? `签发：${input.signer}` : '',
  ]
    .filter(Boolean)
    .join('\u3000\u3000');
}

function segmentHtml(s: Segment): string {
  return `<span class="f-${s.font}">${escapeHtml(s.text)}</span>`;
}

function rowHtml(row: Row, first: boolean, input: BriefingInput, options: BriefingHtmlOptions): string {
  if (row.kind === 'masthead') return mastheadHtml(input, options);
  const style = [
    !first && row.before ? `margin-top:${row.before}pt` : '',
    row.after ? `margin-bottom:${row.after}pt` : '',
    row.indent ? `text-indent:${row.indent}em` : '',
  ]
    .filter(Boolean)
    .join(';');
  const cls = `ln ${row.role}${row.line.last ? ' last' : ''}`;
  return `<div class="${cls}"${style ? ` style="${style}"` : ''}>${row.line.segments.map(segmentHtml).join('')}</div>`;
}

function mastheadHtml(input: BriefingInput, options: BriefingHtmlOptions): string {
  const date = escapeHtml(formatDocumentDate(input.issueDate));
  return [
    `<header class="masthead" style="height:${mastheadHeight(input).toFixed(2)}pt">`,
    input.secrecy ? `<div class="secrecy">${escapeHtml(input.secrecy)}</div>` : '',
    `<h1 class="name" style="font-size:${mastheadSize(input.publicationName)}pt;margin-top:${input.secrecy ? 30 : 60}pt">${escapeHtml(input.publicationName)}</h1>`,
    `<div class="number">${escapeHtml(input.totalLabel ? `${input.issueLabel}\u3000${input.totalLabel}` : input.issueLabel)}</div>`,
    `<div class="office-date"><span class="office">${escapeHtml(input.officeName)}</span>`,
    `<span class="date${options.signed ? '' : ' unsigned'}"${options.signed ? '' : ' title="尚未签发，暂按今天的日期显示"'}>${date}</span></div>`,
    '<div class="red-rule"></div>',
    '</header>',
  ].join('');
}

function colophonHtml(input: BriefingInput): string {
  const rows = colophonLines(input).map(
    (lines) =>
      `<div class="c-row">${lines
        .map(
          (l, k) =>
            `<div class="c-line" style="padding-left:${k === 0 ? COLOPHON_INDENT : COLOPHON_INDENT + COLOPHON_HANG}em">${l.segments.map((s) => escapeHtml(s.text)).join('')}</div>`,
        )
        .join('')}</div>`,
  );
  rows.push(
    `<div class="c-row"><div class="c-line c-last"><span>${escapeHtml(colophonNames(input))}</span><span>（共印${escapeHtml(String(input.printCount))}份）</span></div></div>`,
  );
  return `<footer class="colophon">${rows.join('')}</footer>`;
}

function colophonHeight(input: BriefingInput): number {
  const lines = colophonLines(input).reduce((n, l) => n + l.length, 0) + 1;
  return lines * COLOPHON_PITCH + 4;
}

function pageHtml(page: Page, input: BriefingInput, options: BriefingHtmlOptions, last: boolean): string {
  const side = page.number % 2 === 1 ? 'odd' : 'even';
  return [
    `<section class="page ${side}" aria-label="第 ${page.number} 页">`,
    '<div class="area">',
    ...page.rows.map((r, k) => rowHtml(r, k === 0, input, options)),
    last ? colophonHtml(input) : '',
    '</div>',
    `<div class="pn">— ${page.number} —</div>`,
    '</section>',
  ].join('');
}

function stylesheet(): string {
  const area = `top:37mm;left:28mm;width:156mm;height:225mm`;
  return `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { background: #e8e8e8; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.notice { max-width: 210mm; margin: 12px auto 0; padding: 8px 12px; background: #fffbe6; border: 1px solid #ffe58f;
  color: #614700; font: 14px/1.6 'Noto Sans CJK SC', sans-serif; }
.page { position: relative; width: 210mm; height: 297mm; margin: 12px auto; background: #fff; overflow: hidden;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.area { position: absolute; ${area}; }
.f-body, .f-colophon { font-family: ${FONT_STACKS.body}; }
.f-heading1 { font-family: ${FONT_STACKS.heading1}; }
.f-heading2 { font-family: ${FONT_STACKS.heading2}; }
.f-title { font-family: ${FONT_STACKS.title}; font-weight: 700; }
.ln { white-space: nowrap; overflow: visible; }
.ln.body, .ln.note { font-size: ${BODY_SIZE}pt; height: ${BODY_PITCH}pt; line-height: ${BODY_PITCH}pt; letter-spacing: ${BODY_TRACKING}pt;
  text-align: justify; text-align-last: justify; }
.ln.body.last, .ln.note.last { text-align-last: left; }
.ln.title { font-size: ${TITLE_SIZE}pt; height: ${TITLE_PITCH}pt; line-height: ${TITLE_PITCH}pt; text-align: center; }
.masthead { position: relative; display: flow-root; font-family: ${FONT_STACKS.body}; font-size: ${BODY_SIZE}pt; }
.masthead .secrecy { font-family: ${FONT_STACKS.heading1}; height: ${BODY_PITCH}pt; line-height: ${BODY_PITCH}pt; }
.masthead .name { font-family: ${FONT_STACKS.masthead}; font-weight: 700; color: #f00; text-align: center;
  line-height: 1.25; margin-bottom: 20pt; white-space: nowrap; letter-spacing: 0; }
.masthead .number { text-align: center; height: ${BODY_PITCH}pt; line-height: ${BODY_PITCH}pt; margin-bottom: 10pt; }
.masthead .office-date { display: flex; justify-content: space-between; height: ${BODY_PITCH}pt; line-height: ${BODY_PITCH}pt; }
.masthead .red-rule { margin-top: 6pt; border-top: 2.25pt solid #f00; }
.colophon { position: absolute; left: 0; right: 0; bottom: 0; font-family: ${FONT_STACKS.colophon};
  font-size: ${COLOPHON_SIZE}pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; }
.c-row + .c-row { border-top: 0.75pt solid #000; }
.c-line { height: ${COLOPHON_PITCH}pt; line-height: ${COLOPHON_PITCH}pt; padding-right: ${COLOPHON_INDENT}em; white-space: nowrap; }
.c-last { display: flex; justify-content: space-between; padding-left: ${COLOPHON_INDENT}em; }
.pn { position: absolute; top: calc(37mm + 225mm + 7mm); font-family: ${FONT_STACKS.pageNumber}; font-size: 14pt;
  line-height: 14pt; white-space: nowrap; }
.page.odd .pn { right: calc(26mm + 1em); }
.page.even .pn { left: calc(28mm + 1em); }
@media screen { .date.unsigned { background: #fffbe6; outline: 1px dashed #faad14; } }
@media print {
  body { background: none; }
  .notice { display: none; }
  .page { margin: 0; box-shadow: none; break-after: page; page-break-after: always; }
  .page:last-child { break-after: auto; page-break-after: auto; }
}
`;
}

/**
 * Renders the preview. The rows are laid out here (briefing-layout.ts), each line its own block,
 * so the browser, the printer and the Chromium PDF all show the same pages.
 */
export function renderBriefingHtml(raw: BriefingInput, options: BriefingHtmlOptions): string {
  // The same characters the DOCX drops are dropped here, so preview and DOCX show the same text.
  const input = stripForbiddenDeep(raw);
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
  for (const item of input.items) {
    const title = titleRows(item.title);
    const body = item.paragraphs.flatMap((p) => paragraphRows(bodySegments(p), 'body'));
    rows.push(...title, ...body);
  }
  // The last title keeps with nothing when it has no body.
  const lastRow = rows.at(-1);
  if (lastRow?.kind === 'line') lastRow.keepWithNext = false;
  const { pages } = paginate(rows, colophonHeight(input));
  const title = `${input.publicationName} ${input.totalLabel ? `${input.issueLabel} ${input.totalLabel}` : input.issueLabel}`;
  const notice = options.signed
    ? ''
    : `<div class="notice">预览：本期尚未签发，日期暂按今天（${escapeHtml(formatDocumentDate(input.issueDate))}）显示，签发后以签发日期为准。</div>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${stylesheet()}</style>`,
    '</head><body>',
    notice,
    ...pages.map((p, k) => pageHtml(p, input, options, k === pages.length - 1)),
    '</body></html>',
  ].join('\n');
}

/** Exposed for tests: the page count the preview will have. */
export function previewPageCount(input: BriefingInput): number {
  return (renderBriefingHtml(input, { signed: true }).match(/<section class="page /g) ?? []).length;
}
