import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { stripForbiddenDeep } from '../control-chars.ts';
import {
  BODY_TRACKING_PT,
  COLOPHON_SPACER_SLACK_PT,
  COLOPHON_THICK_PT,
  COLOPHON_THIN_PT,
  colophonLines,
  layoutBriefing,
  MASTHEAD_TW,
  mastheadNameLineTw,
  mastheadSize,
  TITLE_AFTER_TW,
  TITLE_BEFORE_TW,
  titleLines,
} from './briefing-flow.ts';
import { NO_END_CHARS, NO_START_CHARS } from './briefing-layout.ts';

/** One item (信息) of an issue: a title and its body paragraphs, in print order. */
export type BriefingItem = { title: string; paragraphs: string[] };

/** Everything printed on one issue of a 简报/信息刊物. */
export type BriefingInput = {
  /** e.g. 汾阳政务信息 (without 《》). */
  publicationName: string;
  /** e.g. 2026年第25期 or 〔2026〕25期. */
  issueLabel: string;
  /** e.g. 总第125期. */
  totalLabel?: string;
  /** The issuing office, e.g. 汾阳市人民政府办公室. */
  officeName: string;
  /** The sign-off date; printed without zero padding. */
  issueDate: Date;
  secrecy?: '秘密' | '机密';
  editorNote?: string;
  items: BriefingItem[];
  distribution: { bao?: string; song?: string; fa?: string };
  printCount: number;
  responsibleEditor?: string;
  signer?: string;
  /**
   * Made before the sign-off: every page carries a 样稿 mark. The date stays today's (the layout of
   * the draft is then the layout of the issued text), and the mark says it is not the issue date.
   */
  draft?: boolean;
};

/** GB/T 9704-2012 page geometry in twips (1 mm = 56.7 twips). */
export const BRIEFING_PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 2098, left: 1588, right: 1474, bottom: 1984 },
} as const;

/** Font names as installed on office PCs; DOCX names them, it never embeds them. */
export const BRIEFING_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Paragraph style ids: the checker finds each element by them. */
export const BRIEFING_STYLES = {
  secrecy: 'BriefingSecrecy',
  masthead: 'BriefingMasthead',
  issueNumber: 'BriefingIssueNumber',
  officeDate: 'BriefingOfficeDate',
  rule: 'BriefingRule',
  editorNote: 'BriefingEditorNote',
  title: 'BriefingTitle',
  body: 'BriefingBody',
  colophon: 'BriefingColophon',
  pageNumber: 'BriefingPageNumber',
  colophonSpacer: 'BriefingColophonSpacer',
  draftMark: 'BriefingDraftMark',
} as const;

const RED = 'FF0000';
/** 三号 16 pt, 二号 22 pt, 四号 14 pt — in half-points. */
const SIZE = { body: 32, title: 44, colophon: 28, pageNumber: 28 } as const;
/** Exact line pitch of the body: 22 lines in the 225 mm type area ≈ 28.95 pt. */
const BODY_LINE = 579;
/** Two 16-pt characters. */
const BODY_INDENT = 640;
const TYPE_WIDTH = BRIEFING_PAGE.width - BRIEFING_PAGE.margin.left - BRIEFING_PAGE.margin.right;

const HEADING1 = /^[一二三四五六七八九十百]+、/;
const HEADING2 = /^（[一二三四五六七八九十百]+）/;

/** Documents print dates as 2026年3月5日 (no zero padding), in the office's local calendar. */
export function formatDocumentDate(date: Date): string {
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
}

function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

function run(
  text: string,
  fontName: string,
  size: number,
  extra: { color?: string; bold?: boolean; characterSpacing?: number } = {},
) {
  return new TextRun({ text, font: font(fontName), size, sizeComplexScript: size, ...extra });
}

/** Body text is tightened by 0.25 pt a character so 28 characters fill a line (GB/T 9704: 22 × 28). */
const BODY_TRACKING = Math.round(BODY_TRACKING_PT * 20);
const bodyRun = (text: string, fontName: string) =>
  run(text, fontName, SIZE.body, { characterSpacing: BODY_TRACKING });

const bodySpacing = { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A body paragraph; a leading 一、/（一） heading sentence gets its level's font, the rest stays 仿宋. */
function bodyParagraph(text: string): Paragraph {
  const headingFont = HEADING1.test(text)
    ? BRIEFING_FONTS.heading1
    : HEADING2.test(text)
      ? BRIEFING_FONTS.heading2
      : undefined;
  const runs: TextRun[] = [];
  if (headingFont) {
    const end = text.indexOf('。');
    const head = end === -1 ? text : text.slice(0, end + 1);
    runs.push(bodyRun(head, headingFont));
    if (head.length < text.length) runs.push(bodyRun(text.slice(head.length), BRIEFING_FONTS.body));
  } else {
    runs.push(bodyRun(text, BRIEFING_FONTS.body));
  }
  return new Paragraph({
    style: BRIEFING_STYLES.body,
    spacing: bodySpacing,
    indent: { firstLine: BODY_INDENT },
    alignment: AlignmentType.JUSTIFIED,
    widowControl: true,
    children: runs,
  });
}

function masthead(input: BriefingInput): Paragraph[] {
  const out: Paragraph[] = [];
  if (input.secrecy) {
    out.push(
      new Paragraph({
        style: BRIEFING_STYLES.secrecy,
        alignment: AlignmentType.LEFT,
        spacing: bodySpacing,
        children: [run(input.secrecy, BRIEFING_FONTS.heading1, SIZE.body)],
      }),
    );
  }
  out.push(
    new Paragraph({
      style: BRIEFING_STYLES.masthead,
      alignment: AlignmentType.CENTER,
      spacing: {
        before: input.secrecy ? MASTHEAD_TW.beforeNameWithSecrecy : MASTHEAD_TW.beforeName,
        after: MASTHEAD_TW.afterName,
        line: mastheadNameLineTw(input.publicationName),
        lineRule: LineRuleType.EXACT,
      },
      children: [
        run(input.publicationName, BRIEFING_FONTS.title, mastheadSize(input.publicationName) * 2, {
          color: RED,
        }),
      ],
    }),
    new Paragraph({
      style: BRIEFING_STYLES.issueNumber,
      alignment: AlignmentType.CENTER,
      spacing: { ...bodySpacing, after: MASTHEAD_TW.afterNumber },
      children: [
        run(
          input.totalLabel ? `${input.issueLabel}　${input.totalLabel}` : input.issueLabel,
          BRIEFING_FONTS.body,
          SIZE.body,
        ),
      ],
    }),
    new Paragraph({
      style: BRIEFING_STYLES.officeDate,
      spacing: bodySpacing,
      tabStops: [{ type: TabStopType.RIGHT, position: TYPE_WIDTH }],
      children: [
        run(input.officeName, BRIEFING_FONTS.body, SIZE.body),
        new TextRun({ text: '\t', size: SIZE.body }),
        run(formatDocumentDate(input.issueDate), BRIEFING_FONTS.body, SIZE.body),
      ],
    }),
    new Paragraph({
      style: BRIEFING_STYLES.rule,
      spacing: {
        before: 0,
        after: MASTHEAD_TW.afterRule,
        line: MASTHEAD_TW.ruleLine,
        lineRule: LineRuleType.EXACT,
      },
      border: {
        bottom: {
          style: BorderStyle.SINGLE,
          size: MASTHEAD_TW.ruleWidthEighths,
          color: RED,
          space: MASTHEAD_TW.ruleSpace / 20,
        },
      },
      children: [],
    }),
  );
  return out;
}

function editorNote(note: string): Paragraph {
  return new Paragraph({
    style: BRIEFING_STYLES.editorNote,
    spacing: bodySpacing,
    indent: { firstLine: BODY_INDENT },
    alignment: AlignmentType.JUSTIFIED,
    children: [bodyRun('编者按：', BRIEFING_FONTS.heading1), bodyRun(note, BRIEFING_FONTS.heading2)],
  });
}

/**
 * A title in the balanced lines of the layout (briefing-flow.ts titleLines), joined by manual line
 * breaks: centred, so a break inside it is invisible to the editor, and it breaks as the preview
 * does. It keeps its lines together and stays with its first body lines.
 */
function itemTitle(title: string, first: boolean): Paragraph {
  const lines = titleLines(title).map((l) => l.segments.map((s) => s.text).join(''));
  return new Paragraph({
    style: BRIEFING_STYLES.title,
    alignment: AlignmentType.CENTER,
    keepNext: true,
    keepLines: true,
    spacing: {
      before: first ? 0 : TITLE_BEFORE_TW,
      after: TITLE_AFTER_TW,
      line: 700,
      lineRule: LineRuleType.EXACT,
    },
    children: lines.map(
      (line, k) =>
        new TextRun({
          text: line,
          font: font(BRIEFING_FONTS.title),
          size: SIZE.title,
          sizeComplexScript: SIZE.title,
          ...(k > 0 ? { break: 1 } : {}),
        }),
    ),
  });
}

/** One 四号 character: the 版记's text is indented this much each side (GB/T 9704 §10.1). */
const CELL_MARGINS = 280;
const COLOPHON_LINE = 560;
const eighths = (pt: number) => Math.round(pt * 8);
const THICK = { style: BorderStyle.SINGLE, size: eighths(COLOPHON_THICK_PT), color: '000000' } as const; // 0.35 mm
const THIN = { style: BorderStyle.SINGLE, size: eighths(COLOPHON_THIN_PT), color: '000000' } as const; // 0.25 mm
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;

function colophonLine(children: TextRun[], tabbed = false): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: TYPE_WIDTH, type: WidthType.DXA },
        margins: { left: CELL_MARGINS, right: CELL_MARGINS, top: 0, bottom: 0 },
        children: [
          new Paragraph({
            style: BRIEFING_STYLES.colophon,
            spacing: { line: COLOPHON_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            indent: tabbed ? { left: 0, right: 0 } : { left: 560, right: 0, hanging: 560 },
            tabStops: tabbed ? [{ type: TabStopType.RIGHT, position: TYPE_WIDTH - 2 * CELL_MARGINS }] : [],
            children,
          }),
        ],
      }),
    ],
  });
}

/**
 * The 报尾: a table across the whole type area (rules 156 mm long, text one character in), thick
 * first and last rules, thin rules between. Lines are broken as the layout breaks them (manual
 * breaks), so its height is known and the spacer before it puts its last rule on the type area's
 * bottom edge of the last page.
 */
function colophon(input: BriefingInput): Table {
  const c = (text: string, br = false) =>
    new TextRun({
      text,
      font: font(BRIEFING_FONTS.body),
      size: SIZE.colophon,
      sizeComplexScript: SIZE.colophon,
      ...(br ? { break: 1 } : {}),
    });
  const rows: TableRow[] = colophonLines(input).map((lines) =>
    colophonLine(lines.map((l, k) => c(l.segments.map((s) => s.text).join(''), k > 0))),
  );
  const names = [
    input.responsibleEditor ? `责任编辑：${input.responsibleEditor}` : '',
    input.signer ? `签发：${input.signer}` : '',
  ]
    .filter(Boolean)
    .join('　　');
  rows.push(
    colophonLine(
      [c(names), new TextRun({ text: '\t', size: SIZE.colophon }), c(`（共印${input.printCount}份）`)],
      true,
    ),
  );
  return new Table({
    width: { size: TYPE_WIDTH, type: WidthType.DXA },
    columnWidths: [TYPE_WIDTH],
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

/**
 * Empty space of the computed height before the 版记, so that the 版记 ends at the bottom of the
 * type area on the page the layout gives it (a page of its own when less than a body line would be
 * left above it). A little is left for the document's final paragraph (FINAL_LINE) and rounding.
 */
function colophonSpacer(gapPt: number, ownPage: boolean): Paragraph {
  const line = Math.max(20, Math.floor((gapPt - COLOPHON_SPACER_SLACK_PT) * 20));
  return new Paragraph({
    style: BRIEFING_STYLES.colophonSpacer,
    pageBreakBefore: ownPage,
    spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [],
  });
}

/** The paragraph a document must end with after a table: 1 pt high. */
const FINAL_LINE = 20;

/**
 * Distance of the footer from the page's bottom edge: the page number's 一字线 are 7 mm below the
 * type area (GB/T 9704 §7.5). With 1304 twips LibreOffice drew the dashes' ink 9.17 mm below it
 * (measured at 600 dpi with pdftoppm), so the footer moves up 2.17 mm (123 twips).
 */
export const FOOTER_DISTANCE = 1304 + 123;

/** "— N —" in 宋体 四号, one character in from the outer edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const f = font(BRIEFING_FONTS.pageNumber);
  return new Footer({
    children: [
      new Paragraph({
        style: BRIEFING_STYLES.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        spacing: { before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: f,
            size: SIZE.pageNumber,
            sizeComplexScript: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });
}

/** "样稿" at the top right of every page of a document made before the sign-off. */
function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        style: BRIEFING_STYLES.draftMark,
        alignment: AlignmentType.RIGHT,
        children: [run('样　稿', BRIEFING_FONTS.heading1, SIZE.body, { color: RED })],
      }),
    ],
  });
}

const styleDefinitions = Object.entries(BRIEFING_STYLES).map(([key, id]) => ({
  id,
  name: `Briefing ${key}`,
  basedOn: 'Normal',
  quickFormat: false,
}));

/** Midnight UTC of the issue date's calendar day: the one timestamp written into the package. */
function documentTimestamp(date: Date): Date {
  return new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
}

/**
 * The docx library stamps core.xml and every zip entry with the current time. Rewriting both to
 * the issue date makes the same issue render to the same bytes, so a regenerated archive copy
 * has the same hash as the one stored when the issue was published.
 */
async function stampPackage(buffer: Buffer, at: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
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

/**
 * Renders one issue of a 简报/信息刊物 as DOCX laid out to GB/T 9704 numbers, so offices can open,
 * print and archive it in WPS/Word with their own installed fonts. The same input gives the same
 * bytes (see stampPackage).
 */
/**
 * Paragraph defaults and document settings the one layout depends on (briefing-layout.ts): kinsoku
 * with the layout's own lists, no hanging punctuation, widow control, no punctuation compression;
 * Chinese as the East Asian language, English for Latin text and digits (so numbers such as 1.1 or
 * 11 are never broken inside, as they would be under a Chinese Latin-language tag). The docx
 * library writes none of these, so they are set in the package XML.
 *
 * w:overflowPunct is "0" (ECMA-376: punctuation may not pass the text extents), which Word and
 * WPS honour. LibreOffice's DOCX import reads it inverted (writerfilter DomainMapper:
 * ParaIsHangingPunctuation = (value == 0), still so in current sources): measured with "0",
 * LibreOffice 7.4 hangs ，and 、 up to 189.7 mm from the left edge, with "1" nothing passes
 * 184.1 mm. So every LibreOffice conversion must get a copy with the value flipped
 * (libreoffice-compat.ts forLibreOffice), never the file offices receive. autoSpaceDE/DN are
 * ignored by LibreOffice, which always spaces Chinese from Latin letters and digits: the layout
 * counts that space (autoSpace), and the elements are left at their default (on) so Word and WPS
 * space the same way.
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

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function lineBreakingSettings(settings: string): string {
  return settings.replace(
    '<w:compat>',
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
      `<w:noLineBreaksAfter w:lang="zh-CN" w:val="${xmlAttr(NO_END_CHARS)}"/>` +
      `<w:noLineBreaksBefore w:lang="zh-CN" w:val="${xmlAttr(NO_START_CHARS)}"/><w:compat>`,
  );
}

async function editPart(zip: JSZip, name: string, edit: (xml: string) => string): Promise<void> {
  const part = zip.file(name);
  if (!part) throw new Error(`DOCX part ${name} missing`);
  zip.file(name, edit(await part.async('string')));
}

export async function renderBriefingDocx(raw: BriefingInput): Promise<Buffer> {
  // Stored text may hold characters XML cannot carry (control characters, U+FFFE …): drop them.
  const input = stripForbiddenDeep(raw);
  const flow = layoutBriefing(input);
  const children: (Paragraph | Table)[] = [...masthead(input)];
  if (input.editorNote) children.push(editorNote(input.editorNote));
  for (const [k, item] of input.items.entries()) {
    children.push(itemTitle(item.title, k === 0 && !input.editorNote));
    for (const text of item.paragraphs) children.push(bodyParagraph(text));
  }
  children.push(
    colophonSpacer(
      flow.colophonOwnPage ? flow.gapAboveColophon : flow.gapAboveColophon,
      flow.colophonOwnPage,
    ),
    colophon(input),
    new Paragraph({
      spacing: { line: FINAL_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ text: '', size: 2 })],
    }),
  );

  const doc = new Document({
    creator: input.officeName,
    lastModifiedBy: input.officeName,
    title: `${input.publicationName} ${input.issueLabel}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(BRIEFING_FONTS.body), size: SIZE.body } } },
      paragraphStyles: styleDefinitions,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: BRIEFING_PAGE.width, height: BRIEFING_PAGE.height },
            margin: { ...BRIEFING_PAGE.margin, header: 851, footer: FOOTER_DISTANCE },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        ...(input.draft ? { headers: { default: draftHeader(), even: draftHeader() } } : {}),
        children,
      },
    ],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  await editPart(zip, 'word/styles.xml', lineBreakingDefaults);
  await editPart(zip, 'word/settings.xml', lineBreakingSettings);
  return stampPackage(await zip.generateAsync({ type: 'nodebuffer' }), documentTimestamp(input.issueDate));
}
