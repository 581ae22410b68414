import { DRAFT_MARK, escapeHtml, FONT_STACKS, PAGE_NUMBER_TOP_MM } from './briefing-html.ts';
import { autoSpace, type BreakMetrics, type Line } from './briefing-layout.ts';
import {
  BODY_LINE_TW,
  BODY_METRICS,
  BODY_TRACKING_PT,
  CELL_LINE_TW,
  CELL_PAD_H_TW,
  COLOPHON_LINE_TW,
  COLOPHON_METRICS,
  COLOPHON_SAFETY_TW,
  type FlowPara,
  type FlowTable,
  layoutOfficial,
  OFFICIAL_SIZES,
  type OfficialDocumentInput,
  type OfficialLayout,
  type OfficialPage,
  RED_RULE_EIGHTHS,
  RULE_THICK_EIGHTHS,
  RULE_THIN_EIGHTHS,
  TABLE_METRICS,
  TYPE_HEIGHT_TW,
  TYPE_WIDTH_TW,
} from './official-layout.ts';

/**
 * The print preview of a 公文 as one self-contained HTML page: A4 page boxes with the GB/T 9704
 * type area, every computed line (official-layout.ts) its own absolutely placed block at the
 * position the DOCX gives it, and print CSS, so the browser, the printer and the Chromium PDF
 * show the pages the DOCX has. No scripts, no external resources; all text is escaped.
 */

const pt = (tw: number) => `${(tw / 20).toFixed(2)}pt`;

/**
 * CSS line height that puts the baseline where LibreOffice puts it in an exact line of `lineTw`
 * (the line's bottom less the font's descent, 0.288 em for Noto CJK): Chromium centres the
 * content area (1.448 em) in the line box, so the line box is made 2H − 1.448 em tall.
 */
function baselineLineHeight(lineTw: number, size: number): string {
  return `${((2 * lineTw) / 20 - 1.448 * size).toFixed(2)}pt`;
}

/** The head's 16 pt lines are not tracked. */
const METRICS_NOTRACK: BreakMetrics = { size: OFFICIAL_SIZES.body };

const FONT_CLASS = {
  body: 'f-body',
  colophon: 'f-body',
  title: 'f-title',
  heading1: 'f-h1',
  heading2: 'f-h2',
} as const;

/**
 * Escaped text with the space LibreOffice puts between Chinese and Latin letters or digits
 * (briefing-layout.ts autoSpace, which the layout counts): an empty span of that width at each
 * boundary, so lines that are not justified (the 成文日期, last lines, titles) have the printed
 * DOCX's width. `prev`: the character before the text on the same line.
 */
function spaced(text: string, metrics: BreakMetrics, prev = ''): string {
  let out = '';
  let before = prev;
  for (const ch of text) {
    const gap = before ? autoSpace(before, ch, metrics) : 0;
    if (gap > 0) out += `<span class="as" style="margin-left:${gap.toFixed(4)}em"></span>`;
    out += escapeHtml(ch);
    before = ch;
  }
  return out;
}

const metricsOf = (size: number): BreakMetrics => (size === OFFICIAL_SIZES.body ? BODY_METRICS : { size });

function lineContent(line: Line, metrics: BreakMetrics): string {
  let prev = '';
  return line.segments
    .map((s) => {
      const html = `<span class="${FONT_CLASS[s.font]}">${spaced(s.text, metrics, prev)}</span>`;
      prev = [...s.text].at(-1) ?? prev;
      return html;
    })
    .join('');
}

function lineBlock(
  top: number,
  height: number,
  size: number,
  content: string,
  style: string[],
  cls = 'ln',
): string {
  const css = [
    `top:${pt(top)}`,
    `height:${pt(height)}`,
    `line-height:${baselineLineHeight(height, size)}`,
    `font-size:${size}pt`,
    ...style,
  ];
  return `<div class="${cls}" style="${css.join(';')}">${content}</div>`;
}

function paraLines(p: FlowPara, from: number, to: number, top: number): string[] {
  const out: string[] = [];
  for (let k = from; k < to; k++) {
    const line = p.lines[k]!;
    const indent = k === 0 ? p.firstIndent : p.leftIndent;
    const last = k === p.lines.length - 1;
    const align = p.align === 'justify' ? (last ? 'left' : 'justify') : p.align;
    const style = [
      `padding-left:${indent}em`,
      `padding-right:${p.rightIndent}em`,
      `text-align:${align}`,
      ...(align === 'justify' ? ['text-align-last:justify'] : []),
      ...(p.size === OFFICIAL_SIZES.body ? [`letter-spacing:${BODY_TRACKING_PT}pt`] : []),
    ];
    out.push(
      lineBlock(
        top + (k - from) * p.pitch,
        p.pitch,
        p.size,
        lineContent(line, metricsOf(p.size)),
        style,
        `ln ${p.role}`,
      ),
    );
  }
  return out;
}

function tableRows(
  t: FlowTable,
  from: number,
  to: number,
  repeatHeader: boolean,
  top: number,
): { html: string[]; height: number } {
  const html: string[] = [];
  let y = top;
  const rows = [t.header, ...t.rows.slice(from, to)];
  void repeatHeader;
  rows.forEach((r, k) => {
    const cells = r.cells.map((c, i) => {
      const lines = c.lines
        .map(
          (l) =>
            `<div style="height:${pt(CELL_LINE_TW)};line-height:${baselineLineHeight(CELL_LINE_TW, OFFICIAL_SIZES.table)}">${spaced(l, TABLE_METRICS)}</div>`,
        )
        .join('');
      return `<div class="cell${r.header ? ' th' : ''}" style="width:${pt(t.widths[i]!)};text-align:${c.align};padding:0 ${pt(CELL_PAD_H_TW)}">${lines}</div>`;
    });
    html.push(
      `<div class="trow${k === 0 ? ' first' : ''}" style="top:${pt(y)};height:${pt(r.height)}">${cells.join('')}</div>`,
    );
    y += r.height;
  });
  return { html, height: y - top };
}

function headHtml(layout: OfficialLayout): string[] {
  const { head } = layout;
  const out: string[] = [];
  let y = 0;
  for (const [text, cls] of [
    [head.copyNumber, 'f-body'],
    [head.secrecy, 'f-h1'],
    [head.urgency, 'f-h1'],
  ] as const) {
    if (!text) continue;
    out.push(
      lineBlock(
        y,
        BODY_LINE_TW,
        OFFICIAL_SIZES.body,
        `<span class="${cls}">${spaced(text, BODY_METRICS)}</span>`,
        [],
      ),
    );
    y += BODY_LINE_TW;
  }
  y += head.mark.spacerTw;
  for (const line of head.mark.lines) {
    out.push(
      lineBlock(
        y,
        head.mark.lineTw,
        head.mark.size,
        spaced(line, { size: head.mark.size }),
        ['text-align:center'],
        'ln mark',
      ),
    );
    y += head.mark.lineTw;
  }
  y += head.numberBeforeTw;
  if (head.upward) {
    const signers = head.signers
      ? `<span>${escapeHtml(head.signers.slice(0, 4))}<span class="f-h2">${escapeHtml(head.signers.slice(4))}</span></span>`
      : '';
    out.push(
      lineBlock(
        y,
        BODY_LINE_TW,
        OFFICIAL_SIZES.body,
        `<span>${spaced(head.number ?? '', METRICS_NOTRACK)}</span>${signers}`,
        ['display:flex', 'justify-content:space-between', 'padding:0 1em'],
        'ln number',
      ),
    );
  } else if (head.number) {
    out.push(
      lineBlock(
        y,
        BODY_LINE_TW,
        OFFICIAL_SIZES.body,
        spaced(head.number, METRICS_NOTRACK),
        ['text-align:center'],
        'ln number',
      ),
    );
  }
  y += BODY_LINE_TW + head.ruleTw;
  out.push(`<div class="red-rule" style="top:${pt(y)}"></div>`);
  return out;
}

function colophonHtml(layout: OfficialLayout): string {
  const { colophon } = layout;
  const top = TYPE_HEIGHT_TW - COLOPHON_SAFETY_TW - colophon.height;
  const rows: string[] = [];
  if (colophon.cc.length > 0) {
    rows.push(
      `<div class="c-row">${colophon.cc
        .map(
          (l, k) =>
            `<div class="c-line" style="padding-left:${k === 0 ? 1 : 4}em">${spaced(l, COLOPHON_METRICS)}</div>`,
        )
        .join('')}</div>`,
    );
  }
  rows.push(
    colophon.printTwoLines
      ? `<div class="c-row"><div class="c-line" style="padding-left:1em">${spaced(colophon.printer, COLOPHON_METRICS)}</div><div class="c-line" style="text-align:right">${spaced(colophon.printDate, COLOPHON_METRICS)}</div></div>`
      : `<div class="c-row"><div class="c-line c-split"><span>${spaced(colophon.printer, COLOPHON_METRICS)}</span><span>${spaced(colophon.printDate, COLOPHON_METRICS)}</span></div></div>`,
  );
  return `<footer class="colophon" style="top:${pt(top)};height:${pt(colophon.height)}">${colophonRulesSvg(layout)}${rows.join('')}</footer>`;
}

/**
 * The 版记 rules as one SVG over the (transparent) borders that reserve their room: Chromium snaps
 * CSS borders to whole pixels when it prints (every rule came out 0.26 mm); SVG shapes keep the
 * GB/T 9704 weights, 1 pt first and last and 0.75 pt between, across the full type area.
 */
function colophonRulesSvg(layout: OfficialLayout): string {
  const { colophon } = layout;
  const thick = RULE_THICK_EIGHTHS / 8;
  const thin = RULE_THIN_EIGHTHS / 8;
  const width = TYPE_WIDTH_TW / 20;
  const height = colophon.height / 20;
  const rowLines = [...(colophon.cc.length > 0 ? [colophon.cc.length] : []), colophon.printTwoLines ? 2 : 1];
  const rects: string[] = [];
  const rect = (y: number, h: number) =>
    rects.push(`<rect x="0" y="${y.toFixed(3)}" width="${width.toFixed(3)}" height="${h}"/>`);
  let y = 0;
  rect(y, thick);
  y += thick;
  for (const [i, lines] of rowLines.entries()) {
    if (i > 0) {
      rect(y, thin);
      y += thin;
    }
    y += (lines * COLOPHON_LINE_TW) / 20;
  }
  rect(height - thick, thick);
  return `<svg class="c-rules" style="top:-${thick}pt;height:${height.toFixed(3)}pt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width.toFixed(3)} ${height.toFixed(3)}" preserveAspectRatio="none" aria-hidden="true">${rects.join('')}</svg>`;
}

function pageHtml(layout: OfficialLayout, page: OfficialPage): string {
  const side = page.number % 2 === 1 ? 'odd' : 'even';
  const parts: string[] = [];
  let y = 0;
  for (const p of page.placed) {
    if (p.kind === 'head') {
      parts.push(...headHtml(layout));
      y += layout.head.height;
    } else if (p.kind === 'lines') {
      if (p.from === 0 && parts.length > 0) y += p.block.before;
      parts.push(...paraLines(p.block, p.from, p.to, y));
      y += (p.to - p.from) * p.block.pitch;
    } else {
      const { html, height } = tableRows(p.block, p.from, p.to, p.repeatHeader, y);
      parts.push(...html);
      y += height;
    }
  }
  if (page.number === layout.colophonPlacement.page) parts.push(colophonHtml(layout));
  return [
    `<section class="page ${side}${page.blank ? ' blank' : ''}" aria-label="第 ${page.number} 页">`,
    layout.input.draft ? `<div class="draft-mark">${DRAFT_MARK}</div>` : '',
    `<div class="area">${parts.join('')}</div>`,
    page.numbered ? `<div class="pn">— ${page.number} —</div>` : '',
    '</section>',
  ].join('');
}

function stylesheet(): string {
  return `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { background: #e8e8e8; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { position: relative; width: 210mm; height: 297mm; margin: 12px auto; background: #fff; overflow: hidden;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.area { position: absolute; top: 37mm; left: 28mm; width: ${pt(TYPE_WIDTH_TW)}; height: ${pt(TYPE_HEIGHT_TW)}; font-family: ${FONT_STACKS.body}; }
.ln { position: absolute; left: 0; right: 0; white-space: nowrap; overflow: visible; }
.f-body { font-family: ${FONT_STACKS.body}; }
.f-title, .mark { font-family: ${FONT_STACKS.title}; font-weight: 700; }
.f-h1, .th { font-family: ${FONT_STACKS.heading1}; }
.f-h2 { font-family: ${FONT_STACKS.heading2}; }
.mark { color: #f00; }
.red-rule { position: absolute; left: 0; right: 0; border-top: ${RED_RULE_EIGHTHS / 8}pt solid #f00; }
.trow { position: absolute; left: 0; width: ${pt(TYPE_WIDTH_TW)}; display: flex; font-size: ${OFFICIAL_SIZES.table}pt;
  border-bottom: 0.5pt solid #000; border-left: 0.5pt solid #000; }
.trow.first { border-top: 0.5pt solid #000; }
.cell { display: flex; flex-direction: column; justify-content: center; border-right: 0.5pt solid #000; white-space: nowrap; overflow: hidden; }
.colophon { position: absolute; left: 0; right: 0; font-family: ${FONT_STACKS.colophon}; font-size: ${OFFICIAL_SIZES.colophon}pt;
  border-top: ${RULE_THICK_EIGHTHS / 8}pt solid transparent; border-bottom: ${RULE_THICK_EIGHTHS / 8}pt solid transparent; }
.c-row + .c-row { border-top: ${RULE_THIN_EIGHTHS / 8}pt solid transparent; }
.c-rules { position: absolute; left: 0; width: 100%; fill: #000; }
.c-line { height: ${pt(COLOPHON_LINE_TW)}; line-height: ${baselineLineHeight(COLOPHON_LINE_TW, OFFICIAL_SIZES.colophon)}; padding-right: 1em; white-space: nowrap; }
.c-split { display: flex; justify-content: space-between; padding-left: 1em; }
.pn { position: absolute; top: calc(37mm + 225mm + ${PAGE_NUMBER_TOP_MM}mm); font-family: ${FONT_STACKS.pageNumber}; font-size: 14pt;
  line-height: 14pt; white-space: nowrap; }
.page.odd .pn { right: calc(26mm + 1em); }
.page.even .pn { left: calc(28mm + 1em); }
.draft-mark { position: absolute; top: 15mm; right: 26mm; font-family: ${FONT_STACKS.heading1}; font-size: 16pt;
  line-height: 16pt; color: #f00; border: 1pt solid #f00; padding: 2pt 6pt; letter-spacing: 0.5em; }
@media print {
  body { background: none; }
  .page { margin: 0; box-shadow: none; break-after: page; page-break-after: always; }
  .page:last-child { break-after: auto; page-break-after: auto; }
}
`;
}

/** Renders a computed layout as the preview. */
export function renderOfficialLayoutHtml(layout: OfficialLayout): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(layout.input.title)}</title>`,
    `<style>${stylesheet()}</style>`,
    '</head><body>',
    ...layout.pages.map((p) => pageHtml(layout, p)),
    '</body></html>',
  ].join('\n');
}

/** Renders the preview of a 公文 (layoutOfficial, then renderOfficialLayoutHtml). */
export function renderOfficialHtml(input: OfficialDocumentInput): string {
  return renderOfficialLayoutHtml(layoutOfficial(input));
}
