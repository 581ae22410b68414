import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { BRIEFING_FONTS, FOOTER_DISTANCE } from './briefing-docx.ts';
import { NO_END_CHARS, NO_START_CHARS } from './briefing-layout.ts';
import {
  BODY_LINE_TW,
  CELL_LINE_TW,
  CELL_PAD_H_TW,
  COLOPHON_LINE_TW,
  type FlowPara,
  type FlowTable,
  layoutOfficial,
  OFFICIAL_PAGE,
  OFFICIAL_SIZES,
  type OfficialDocumentInput,
  type OfficialLayout,
  RED_RULE_EIGHTHS,
  RULE_THICK_EIGHTHS,
  RULE_THIN_EIGHTHS,
  TABLE_BORDER_EIGHTHS,
  TYPE_WIDTH_TW,
} from './official-layout.ts';

/**
 * The 公文 (通知 / 通报 / 函) as DOCX, laid out to GB/T 9704-2012 §7 from the one computed layout
 * (official-layout.ts): the same paragraphs with the same exact pitches, titles and table cells
 * with the computed lines as manual breaks, table rows of the computed heights, the 版记 after a
 * spacer of the computed height on the page the layout chose (an even page when printed on both
 * sides, after the blank page the standard allows), so LibreOffice and Word fill the pages the
 * preview shows. Fonts are named, never embedded. The same input gives the same bytes.
 */

export const OFFICIAL_FONTS = BRIEFING_FONTS;

/** Paragraph style ids: a checker finds each element by them. */
export const OFFICIAL_STYLES = {
  copyNumber: 'OfficialCopyNumber',
  secrecy: 'OfficialSecrecy',
  urgency: 'OfficialUrgency',
  spacer: 'OfficialSpacer',
  issuerMark: 'OfficialIssuerMark',
  documentNumber: 'OfficialDocumentNumber',
  redRule: 'OfficialRedRule',
  title: 'OfficialTitle',
  addressee: 'OfficialAddressee',
  body: 'OfficialBody',
  attachmentNote: 'OfficialAttachmentNote',
  signature: 'OfficialSignature',
  date: 'OfficialDate',
  note: 'OfficialNote',
  annexLabel: 'OfficialAnnexLabel',
  annexTitle: 'OfficialAnnexTitle',
  tableText: 'OfficialTableText',
  colophon: 'OfficialColophon',
  pageNumber: 'OfficialPageNumber',
  draftMark: 'OfficialDraftMark',
} as const;

const RED = 'FF0000';
/** Half-points. */
const hp = (pt: number) => Math.round(pt * 2);
/** Body tracking in twentieths of a point: -0.25 pt. */
const BODY_TRACKING = -5;
const EM_TW = OFFICIAL_SIZES.body * 20;
/** Footer distance from the page's bottom edge: the 简报's, measured (briefing-docx.ts). */
export const OFFICIAL_FOOTER_DISTANCE = FOOTER_DISTANCE;
/** The closing paragraph a document needs after its last table: 1 pt high. */
const FINAL_LINE = 20;

const fontOf = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const FONT_FOR = {
  body: OFFICIAL_FONTS.body,
  colophon: OFFICIAL_FONTS.body,
  title: OFFICIAL_FONTS.title,
  heading1: OFFICIAL_FONTS.heading1,
  heading2: OFFICIAL_FONTS.heading2,
} as const;

function run(
  text: string,
  fontName: string,
  sizePt: number,
  extra: { color?: string; characterSpacing?: number; break?: number } = {},
): TextRun {
  return new TextRun({
    text,
    font: fontOf(fontName),
    size: hp(sizePt),
    sizeComplexScript: hp(sizePt),
    ...extra,
  });
}

const exact = (line: number, before = 0) => ({ line, lineRule: LineRuleType.EXACT, before, after: 0 });

const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
} as const;

const STYLE_OF: Record<FlowPara['role'], string> = {
  title: OFFICIAL_STYLES.title,
  addressee: OFFICIAL_STYLES.addressee,
  body: OFFICIAL_STYLES.body,
  blank: OFFICIAL_STYLES.body,
  attachmentNote: OFFICIAL_STYLES.attachmentNote,
  signature: OFFICIAL_STYLES.signature,
  date: OFFICIAL_STYLES.date,
  note: OFFICIAL_STYLES.note,
  annexLabel: OFFICIAL_STYLES.annexLabel,
  annexTitle: OFFICIAL_STYLES.annexTitle,
};

/** A flow paragraph: body text flows (editable); titles keep their computed lines as breaks. */
function paragraph(p: FlowPara): Paragraph {
  const tracked = p.size === OFFICIAL_SIZES.body;
  const runs: TextRun[] = [];
  const segments = p.manualBreaks
    ? p.lines.flatMap((l, k) => l.segments.map((s, j) => ({ ...s, br: k > 0 && j === 0 })))
    : mergeSegments(p.lines.flatMap((l) => l.segments)).map((s) => ({ ...s, br: false }));
  for (const s of segments) {
    runs.push(
      run(s.text, FONT_FOR[s.font], p.size, {
        ...(tracked ? { characterSpacing: BODY_TRACKING } : {}),
        ...(s.br ? { break: 1 } : {}),
      }),
    );
  }
  const em = p.size * 20;
  const left = Math.round(p.leftIndent * em);
  const first = Math.round((p.firstIndent - p.leftIndent) * em);
  return new Paragraph({
    style: STYLE_OF[p.role],
    alignment: ALIGN[p.align],
    spacing: exact(p.pitch, p.before),
    indent: {
      left,
      right: Math.round(p.rightIndent * em),
      ...(first >= 0 ? { firstLine: first } : { hanging: -first }),
    },
    keepNext: p.keepNext,
    keepLines: p.manualBreaks || !p.widow,
    widowControl: p.widow,
    pageBreakBefore: p.pageBreakBefore,
    overflowPunctuation: false,
    children: runs,
  });
}

function mergeSegments<T extends { text: string; font: string }>(segments: T[]): T[] {
  const out: T[] = [];
  for (const s of segments) {
    const prev = out.at(-1);
    if (prev && prev.font === s.font) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

function spacer(heightTw: number, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    style: OFFICIAL_STYLES.spacer,
    pageBreakBefore,
    spacing: exact(Math.max(20, Math.round(heightTw))),
    children: [new TextRun({ text: '', size: 2 })],
  });
}

function headParagraphs(layout: OfficialLayout): Paragraph[] {
  const { head } = layout;
  const out: Paragraph[] = [];
  const topLine = (text: string, style: string, fontName: string) =>
    new Paragraph({
      style,
      alignment: AlignmentType.LEFT,
      spacing: exact(BODY_LINE_TW),
      children: [run(text, fontName, OFFICIAL_SIZES.body)],
    });
  if (head.copyNumber) out.push(topLine(head.copyNumber, OFFICIAL_STYLES.copyNumber, OFFICIAL_FONTS.body));
  if (head.secrecy) out.push(topLine(head.secrecy, OFFICIAL_STYLES.secrecy, OFFICIAL_FONTS.heading1));
  if (head.urgency) out.push(topLine(head.urgency, OFFICIAL_STYLES.urgency, OFFICIAL_FONTS.heading1));
  out.push(spacer(head.mark.spacerTw));
  out.push(
    new Paragraph({
      style: OFFICIAL_STYLES.issuerMark,
      alignment: AlignmentType.CENTER,
      spacing: exact(head.mark.lineTw),
      keepLines: true,
      keepNext: true,
      children: head.mark.lines.map((line, k) =>
        run(line, OFFICIAL_FONTS.title, head.mark.size, { color: RED, ...(k > 0 ? { break: 1 } : {}) }),
      ),
    }),
  );
  // 发文字号 centred; a 上行文 has it one character in on the left and 签发人 on the right.
  const numberRuns: TextRun[] = [];
  if (head.upward) {
    numberRuns.push(run(head.number ?? '', OFFICIAL_FONTS.body, OFFICIAL_SIZES.body));
    if (head.signers) {
      const [label, names] = [head.signers.slice(0, 4), head.signers.slice(4)];
      numberRuns.push(
        new TextRun({ text: '\t', size: hp(OFFICIAL_SIZES.body) }),
        run(label, OFFICIAL_FONTS.body, OFFICIAL_SIZES.body),
        run(names, OFFICIAL_FONTS.heading2, OFFICIAL_SIZES.body),
      );
    }
  } else if (head.number) {
    numberRuns.push(run(head.number, OFFICIAL_FONTS.body, OFFICIAL_SIZES.body));
  }
  out.push(
    new Paragraph({
      style: OFFICIAL_STYLES.documentNumber,
      alignment: head.upward ? AlignmentType.LEFT : AlignmentType.CENTER,
      spacing: exact(BODY_LINE_TW, head.numberBeforeTw),
      indent: head.upward ? { left: EM_TW, right: EM_TW } : undefined,
      tabStops: head.upward ? [{ type: TabStopType.RIGHT, position: TYPE_WIDTH_TW - 2 * EM_TW }] : [],
      keepNext: true,
      children: numberRuns,
    }),
    new Paragraph({
      style: OFFICIAL_STYLES.redRule,
      spacing: exact(head.ruleTw),
      border: { bottom: { style: BorderStyle.SINGLE, size: RED_RULE_EIGHTHS, color: RED, space: 0 } },
      keepNext: true,
      children: [new TextRun({ text: '', size: 2 })],
    }),
  );
  return out;
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: TABLE_BORDER_EIGHTHS, color: '000000' } as const;

function table(t: FlowTable): Table {
  const row = (r: FlowTable['header']) =>
    new TableRow({
      tableHeader: r.header,
      cantSplit: true,
      height: { value: r.height, rule: HeightRule.EXACT },
      children: r.cells.map(
        (c, k) =>
          new TableCell({
            width: { size: t.widths[k]!, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            margins: { left: CELL_PAD_H_TW, right: CELL_PAD_H_TW, top: 0, bottom: 0 },
            children: [
              new Paragraph({
                style: OFFICIAL_STYLES.tableText,
                alignment: ALIGN[c.align],
                spacing: exact(CELL_LINE_TW),
                overflowPunctuation: false,
                children: c.lines.map((line, j) =>
                  run(line, r.header ? OFFICIAL_FONTS.heading1 : OFFICIAL_FONTS.body, OFFICIAL_SIZES.table, {
                    ...(j > 0 ? { break: 1 } : {}),
                  }),
                ),
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: TYPE_WIDTH_TW, type: WidthType.DXA },
    columnWidths: t.widths,
    layout: TableLayoutType.FIXED,
    indent: { size: 0, type: WidthType.DXA },
    borders: {
      top: CELL_BORDER,
      bottom: CELL_BORDER,
      left: CELL_BORDER,
      right: CELL_BORDER,
      insideHorizontal: CELL_BORDER,
      insideVertical: CELL_BORDER,
    },
    rows: [row(t.header), ...t.rows.map(row)],
  });
}

const THICK = { style: BorderStyle.SINGLE, size: RULE_THICK_EIGHTHS, color: '000000' } as const;
const THIN = { style: BorderStyle.SINGLE, size: RULE_THIN_EIGHTHS, color: '000000' } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const COLOPHON_EM = OFFICIAL_SIZES.colophon * 20;

/** 版记: the full type-area width, thick first and last rules, a thin rule between 抄送 and 印发. */
function colophonTable(layout: OfficialLayout): Table {
  const { colophon } = layout;
  const c = (text: string) => run(text, OFFICIAL_FONTS.body, OFFICIAL_SIZES.colophon);
  const cell = (paragraphs: Paragraph[]) =>
    new TableCell({
      width: { size: TYPE_WIDTH_TW, type: WidthType.DXA },
      margins: { left: COLOPHON_EM, right: COLOPHON_EM, top: 0, bottom: 0 },
      children: paragraphs,
    });
  const para = (children: TextRun[], extra: { hanging?: boolean; tab?: boolean } = {}) =>
    new Paragraph({
      style: OFFICIAL_STYLES.colophon,
      spacing: exact(COLOPHON_LINE_TW),
      indent: extra.hanging ? { left: 3 * COLOPHON_EM, hanging: 3 * COLOPHON_EM } : { left: 0 },
      tabStops: extra.tab ? [{ type: TabStopType.RIGHT, position: TYPE_WIDTH_TW - 2 * COLOPHON_EM }] : [],
      children,
    });
  const rows: TableRow[] = [];
  if (colophon.cc.length > 0) {
    rows.push(
      new TableRow({
        cantSplit: true,
        height: { value: colophon.cc.length * COLOPHON_LINE_TW, rule: HeightRule.EXACT },
        children: [
          cell([
            para(
              colophon.cc.map((line, k) =>
                run(line, OFFICIAL_FONTS.body, OFFICIAL_SIZES.colophon, k > 0 ? { break: 1 } : {}),
              ),
              { hanging: true },
            ),
          ]),
        ],
      }),
    );
  }
  rows.push(
    new TableRow({
      cantSplit: true,
      height: { value: (colophon.printTwoLines ? 2 : 1) * COLOPHON_LINE_TW, rule: HeightRule.EXACT },
      children: [
        cell(
          colophon.printTwoLines
            ? [
                para([c(colophon.printer)]),
                new Paragraph({
                  style: OFFICIAL_STYLES.colophon,
                  alignment: AlignmentType.RIGHT,
                  spacing: exact(COLOPHON_LINE_TW),
                  children: [c(colophon.printDate)],
                }),
              ]
            : [
                para(
                  [
                    c(colophon.printer),
                    new TextRun({ text: '\t', size: hp(OFFICIAL_SIZES.colophon) }),
                    c(colophon.printDate),
                  ],
                  {
                    tab: true,
                  },
                ),
              ],
        ),
      ],
    }),
  );
  return new Table({
    width: { size: TYPE_WIDTH_TW, type: WidthType.DXA },
    columnWidths: [TYPE_WIDTH_TW],
    layout: TableLayoutType.FIXED,
    indent: { size: 0, type: WidthType.DXA },
    borders: {
      top: THICK,
      bottom: THICK,
      insideHorizontal: THIN,
      left: NONE,
      right: NONE,
      insideVertical: NONE,
    },
    rows,
  });
}

/** "— N —" in 宋体 四号, odd pages right and even pages left, one character in. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: OFFICIAL_STYLES.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        spacing: { before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: fontOf(OFFICIAL_FONTS.pageNumber),
            size: hp(OFFICIAL_SIZES.pageNumber),
            sizeComplexScript: hp(OFFICIAL_SIZES.pageNumber),
          }),
        ],
      }),
    ],
  });
}

/**
 * "样稿" at the top right of every page of a document made before the sign-off, in the header as
 * the 简报 has it (briefing-docx.ts): red 黑体 三号, above the type area.
 */
function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        style: OFFICIAL_STYLES.draftMark,
        alignment: AlignmentType.RIGHT,
        spacing: { before: 0, after: 0 },
        children: [run('样　稿', OFFICIAL_FONTS.heading1, OFFICIAL_SIZES.body, { color: RED })],
      }),
    ],
  });
}

const emptyFooter = () =>
  new Footer({ children: [new Paragraph({ style: OFFICIAL_STYLES.pageNumber, children: [] })] });

const styleDefinitions = Object.entries(OFFICIAL_STYLES).map(([key, id]) => ({
  id,
  name: `Official ${key}`,
  basedOn: 'Normal',
  quickFormat: false,
}));

/** Midnight UTC of the document date's calendar day: the one timestamp written into the package. */
function documentTimestamp(date: Date): Date {
  return new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * Paragraph defaults and settings the layout depends on, which the docx library does not write:
 * kinsoku with the layout's lists, no hanging punctuation, widow control, no punctuation
 * compression, Chinese as the East Asian language and English for Latin text and digits — as the
 * 简报 (briefing-docx.ts). The CJK/Latin spacing (autoSpaceDE/DN) stays on: LibreOffice always
 * applies it and the layout counts it (briefing-layout.ts autoSpace), Word and WPS then agree.
 */
function lineBreakingDefaults(styles: string): string {
  return styles
    .replace(
      '<w:pPrDefault/>',
      '<w:pPrDefault><w:pPr><w:widowControl/><w:kinsoku/><w:wordWrap/><w:overflowPunct w:val="0"/>' +
        '<w:topLinePunct w:val="0"/></w:pPr></w:pPrDefault>',
    )
    .replace(
      /(<w:rPrDefault><w:rPr>[\s\S]*?)(<\/w:rPr><\/w:rPrDefault>)/,
      '$1<w:lang w:val="en-US" w:eastAsia="zh-CN"/>$2',
    );
}

function lineBreakingSettings(settings: string): string {
  return settings.replace(
    '<w:compat>',
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
      `<w:noLineBreaksAfter w:lang="zh-CN" w:val="${xmlAttr(NO_END_CHARS)}"/>` +
      `<w:noLineBreaksBefore w:lang="zh-CN" w:val="${xmlAttr(NO_START_CHARS)}"/><w:compat>`,
  );
}

/**
 * The same rules on every paragraph: LibreOffice does not take overflowPunct from the document
 * defaults (it hung ，and 、 past the type area), only from the paragraph. Schema order: after
 * w:wordWrap, before w:spacing.
 */
function paragraphLineBreaking(xml: string): string {
  return xml.replace(/(<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*?)(<w:spacing\b)/g, '$1<w:overflowPunct w:val="0"/>$2');
}

/** Rewrites the parts' timestamps and orders the entries, so the same input gives the same bytes. */
async function packageDeterministically(zip: JSZip, at: Date): Promise<Buffer> {
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = zip.file('docProps/core.xml');
  if (core) {
    const xml = (await core.async('string')).replace(
      /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      `$1${iso}$3`,
    );
    zip.file('docProps/core.xml', xml);
  }
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: at, createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}

async function editPart(zip: JSZip, name: string, edit: (xml: string) => string): Promise<void> {
  const part = zip.file(name);
  if (!part) throw new Error(`DOCX part ${name} missing`);
  zip.file(name, edit(await part.async('string')));
}

/** Renders a computed layout (layoutOfficial) as DOCX. */
export async function renderOfficialLayoutDocx(layout: OfficialLayout): Promise<Buffer> {
  const { input, colophonPlacement } = layout;
  const main: (Paragraph | Table)[] = [...headParagraphs(layout)];
  for (const b of layout.blocks) main.push(b.kind === 'para' ? paragraph(b) : table(b));
  // The blank page before the 版记 page is written out (an empty paragraph, then a page break):
  // LibreOffice's PDF export skips the blank pages it inserts itself for an even-page section.
  const afterBlank = colophonPlacement.mode === 'afterBlank';
  const end = [
    ...(afterBlank ? [spacer(FINAL_LINE), spacer(colophonPlacement.spacerTw, true)] : []),
    ...(!afterBlank && colophonPlacement.spacerTw >= 20 ? [spacer(colophonPlacement.spacerTw)] : []),
    colophonTable(layout),
    new Paragraph({
      style: OFFICIAL_STYLES.spacer,
      spacing: exact(FINAL_LINE),
      children: [new TextRun({ text: '', size: 2 })],
    }),
  ];
  const page = {
    size: { width: OFFICIAL_PAGE.width, height: OFFICIAL_PAGE.height },
    margin: { ...OFFICIAL_PAGE.margin, header: 851, footer: OFFICIAL_FOOTER_DISTANCE },
  };
  const numbered = { default: pageNumberFooter('odd'), even: pageNumberFooter('even') };
  const headers = input.draft ? { headers: { default: draftHeader(), even: draftHeader() } } : {};
  const sections =
    colophonPlacement.mode === 'same'
      ? [{ properties: { page }, footers: numbered, ...headers, children: [...main, ...end] }]
      : [
          { properties: { page }, footers: numbered, ...headers, children: main },
          {
            // The 版记 on a page of its own: the next page (an even page when printed on both
            // sides), or the one after the blank page; the blank page and the 版记 page after it
            // carry no number.
            properties: { page, type: SectionType.NEXT_PAGE },
            footers:
              colophonPlacement.mode === 'afterBlank'
                ? { default: emptyFooter(), even: emptyFooter() }
                : numbered,
            ...headers,
            children: end,
          },
        ];
  const doc = new Document({
    creator: input.colophon.printer || input.signature,
    lastModifiedBy: input.colophon.printer || input.signature,
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: fontOf(OFFICIAL_FONTS.body), size: hp(OFFICIAL_SIZES.body) } } },
      paragraphStyles: styleDefinitions,
    },
    sections,
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  await editPart(zip, 'word/styles.xml', lineBreakingDefaults);
  await editPart(zip, 'word/settings.xml', lineBreakingSettings);
  for (const name of Object.keys(zip.files).filter((n) => /^word\/(document|footer\d*)\.xml$/.test(n))) {
    await editPart(zip, name, paragraphLineBreaking);
  }
  return packageDeterministically(zip, documentTimestamp(input.date));
}

/** Renders a 公文 as DOCX (layoutOfficial, then renderOfficialLayoutDocx). */
export async function renderOfficialDocx(input: OfficialDocumentInput): Promise<Buffer> {
  return renderOfficialLayoutDocx(layoutOfficial(input));
}
