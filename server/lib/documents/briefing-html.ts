import { stripForbiddenDeep } from '../control-chars.ts';
import { type BriefingInput, formatDocumentDate } from './briefing-docx.ts';
import {
  COLOPHON_HANG_EM,
  COLOPHON_INDENT_EM,
  COLOPHON_THICK_PT,
  COLOPHON_THIN_PT,
  colophonLines,
  colophonNames,
  layoutBriefing,
  MASTHEAD_TW,
  mastheadHeight,
  mastheadNameLineTw,
  mastheadSize,
  SIZES,
} from './briefing-flow.ts';
import {
  BODY_PITCH,
  COLOPHON_PITCH,
  type Page,
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

const BODY_SIZE = SIZES.body;
const TITLE_SIZE = SIZES.title;
const COLOPHON_SIZE = SIZES.colophon;
const BODY_TRACKING = -0.25;
const COLOPHON_INDENT = COLOPHON_INDENT_EM;
const COLOPHON_HANG = COLOPHON_HANG_EM;
/**
 * Top of the page number's line box below the type area. Its 一字线 (the dashes) must be 7 mm below
 * the type area (GB/T 9704 §7.5); in the Chromium PDF with the mapped 宋体 (Noto Serif CJK SC) the
 * dashes' ink sits 3.14 mm below the box top (measured at 600 dpi with pdftoppm).
 */
export const PAGE_NUMBER_TOP_MM = 7 - 3.14;
/** Printed at the top of every page of a document made before the sign-off. */
export const DRAFT_MARK = '样稿';

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

/** The masthead with the DOCX's exact heights (briefing-flow.ts MASTHEAD_TW), so page 1 holds the same lines. */
function mastheadHtml(input: BriefingInput, options: BriefingHtmlOptions): string {
  const date = escapeHtml(formatDocumentDate(input.issueDate));
  const m = MASTHEAD_TW;
  const before = (input.secrecy ? m.beforeNameWithSecrecy : m.beforeName) / 20;
  const nameLine = mastheadNameLineTw(input.publicationName) / 20;
  const draft = isDraft(input, options);
  return [
    `<header class="masthead" style="height:${mastheadHeight(input).toFixed(2)}pt">`,
    input.secrecy ? `<div class="secrecy">${escapeHtml(input.secrecy)}</div>` : '',
    `<h1 class="name" style="font-size:${mastheadSize(input.publicationName)}pt;height:${nameLine}pt;line-height:${nameLine}pt;margin-top:${before}pt;margin-bottom:${m.afterName / 20}pt">${escapeHtml(input.publicationName)}</h1>`,
    `<div class="number" style="margin-bottom:${m.afterNumber / 20}pt">${escapeHtml(input.totalLabel ? `${input.issueLabel}\u3000${input.totalLabel}` : input.issueLabel)}</div>`,
    `<div class="office-date"><span class="office">${escapeHtml(input.officeName)}</span>`,
    `<span class="date${draft ? ' unsigned' : ''}"${draft ? ' title="尚未签发，暂按今天的日期显示"' : ''}>${date}</span></div>`,
    `<div class="red-rule" style="margin-top:${(m.ruleLine + m.ruleSpace) / 20}pt;height:${m.ruleWidthEighths / 8}pt"></div>`,
    '</header>',
  ].join('');
}

const isDraft = (input: BriefingInput, options: BriefingHtmlOptions) =>
  !options.signed || input.draft === true;

/**
 * The 版记: lines as broken in the flow, rules drawn in one SVG behind them at their exact GB/T 9704
 * thickness (1 pt first and last, 0.75 pt between). Chromium snaps CSS borders and boxes to whole
 * pixels when it prints, which made every rule 0.26 mm; SVG shapes are not snapped.
 */
function colophonHtml(input: BriefingInput): string {
  const rows = [...colophonLines(input).map((lines) => lines.length), 1];
  const rules = rows.map((_, k) => (k === 0 ? COLOPHON_THICK_PT : COLOPHON_THIN_PT));
  rules.push(COLOPHON_THICK_PT);
  const height = rows.reduce((h, n) => h + n * COLOPHON_PITCH, 0) + rules.reduce((a, b) => a + b, 0);
  const width = TYPE_AREA.width;
  let y = 0;
  const rects: string[] = [];
  for (const [k, t] of rules.entries()) {
    rects.push(`<rect x="0" y="${y.toFixed(3)}" width="${width.toFixed(3)}" height="${t}"/>`);
    y += t + (rows[k] ?? 0) * COLOPHON_PITCH;
  }
  const svg = `<svg class="c-rules" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width.toFixed(3)} ${height.toFixed(3)}" preserveAspectRatio="none" aria-hidden="true">${rects.join('')}</svg>`;
  const lineBlocks = colophonLines(input).map(
    (lines, k) =>
      `<div class="c-row" style="margin-top:${rules[k]}pt">${lines
        .map(
          (l, j) =>
            `<div class="c-line" style="padding-left:${j === 0 ? COLOPHON_INDENT : COLOPHON_INDENT + COLOPHON_HANG}em">${l.segments.map((s) => escapeHtml(s.text)).join('')}</div>`,
        )
        .join('')}</div>`,
  );
  lineBlocks.push(
    `<div class="c-row" style="margin-top:${rules[rows.length - 1]}pt"><div class="c-line c-last"><span>${escapeHtml(colophonNames(input))}</span><span>（共印${escapeHtml(String(input.printCount))}份）</span></div></div>`,
  );
  return `<footer class="colophon" style="height:${height.toFixed(3)}pt">${svg}${lineBlocks.join('')}</footer>`;
}

function pageHtml(page: Page, input: BriefingInput, options: BriefingHtmlOptions, last: boolean): string {
  const side = page.number % 2 === 1 ? 'odd' : 'even';
  return [
    `<section class="page ${side}" aria-label="第 ${page.number} 页">`,
    isDraft(input, options) ? `<div class="draft-mark">${DRAFT_MARK}</div>` : '',
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
  white-space: nowrap; letter-spacing: 0; }
.masthead .number { text-align: center; height: ${BODY_PITCH}pt; line-height: ${BODY_PITCH}pt; }
.masthead .office-date { display: flex; justify-content: space-between; height: ${BODY_PITCH}pt; line-height: ${BODY_PITCH}pt; }
.masthead .red-rule { background: #f00; }
.colophon { position: absolute; left: 0; right: 0; bottom: 0; font-family: ${FONT_STACKS.colophon};
  font-size: ${COLOPHON_SIZE}pt; }
.c-rules { position: absolute; left: 0; top: 0; width: 100%; height: 100%; fill: #000; }
.c-row { position: relative; }
.c-line { height: ${COLOPHON_PITCH}pt; line-height: ${COLOPHON_PITCH}pt; padding-right: ${COLOPHON_INDENT}em; white-space: nowrap; }
.c-last { display: flex; justify-content: space-between; padding-left: ${COLOPHON_INDENT}em; }
.pn { position: absolute; top: calc(37mm + 225mm + ${PAGE_NUMBER_TOP_MM}mm); font-family: ${FONT_STACKS.pageNumber}; font-size: 14pt;
  line-height: 14pt; white-space: nowrap; }
.page.odd .pn { right: calc(26mm + 1em); }
.page.even .pn { left: calc(28mm + 1em); }
.draft-mark { position: absolute; top: 15mm; right: 26mm; font-family: ${FONT_STACKS.heading1}; font-size: 16pt;
  line-height: 16pt; color: #f00; border: 1pt solid #f00; padding: 2pt 6pt; letter-spacing: 0.5em; }
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
  const { pages } = layoutBriefing(input);
  const title = `${input.publicationName} ${input.totalLabel ? `${input.issueLabel} ${input.totalLabel}` : input.issueLabel}`;
  const notice = options.signed
    ? ''
    : `<div class="notice">预览：本期尚未签发，每页标有“样稿”，日期暂按今天（${escapeHtml(formatDocumentDate(input.issueDate))}）显示，签发后以签发日期为准。</div>`;
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
