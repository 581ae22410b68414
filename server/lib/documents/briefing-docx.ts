import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { stripForbiddenDeep } from '../control-chars.ts';

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
const BODY_TRACKING = -5;
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
    children: runs,
  });
}

/** The masthead name is as large as fits one line of the type area (at most 52 pt). */
function mastheadSize(name: string): number {
  const typeWidthPt = TYPE_WIDTH / 20;
  const pt = Math.min(52, Math.floor(typeWidthPt / Math.max(name.length, 1)));
  return pt * 2;
}

function masthead(input: BriefingInput): Paragraph[] {
  const out: Paragraph[] = [];
  if (input.secrecy) {
    out.push(
      new Paragraph({
        style: BRIEFING_STYLES.secrecy,
        alignment: AlignmentType.LEFT,
        children: [run(input.secrecy, BRIEFING_FONTS.heading1, SIZE.body)],
      }),
    );
  }
  out.push(
    new Paragraph({
      style: BRIEFING_STYLES.masthead,
      alignment: AlignmentType.CENTER,
      spacing: { before: input.secrecy ? 600 : 1200, after: 400 },
      children: [
        run(input.publicationName, BRIEFING_FONTS.title, mastheadSize(input.publicationName), { color: RED }),
      ],
    }),
    new Paragraph({
      style: BRIEFING_STYLES.issueNumber,
      alignment: AlignmentType.CENTER,
      spacing: { ...bodySpacing, after: 200 },
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
      spacing: { before: 0, after: 400, line: 240, lineRule: LineRuleType.EXACT },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } },
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

function itemTitle(title: string): Paragraph {
  return new Paragraph({
    style: BRIEFING_STYLES.title,
    alignment: AlignmentType.CENTER,
    spacing: { before: BODY_LINE, after: Math.round(BODY_LINE / 2), line: 700, lineRule: LineRuleType.EXACT },
    children: [run(title, BRIEFING_FONTS.title, SIZE.title)],
  });
}

/**
 * The 报尾's table is a little narrower than the type area: LibreOffice keeps a floating table
 * that is (nearly) as wide as the text inline, and only floats — and so bottom-aligns — a
 * narrower one. Measured with LibreOffice 7.4: 220 twips narrower stays inline, 300 floats.
 */
const COLOPHON_WIDTH = TYPE_WIDTH - 300;
/** Default cell margins (108 twips each side) plus the half of the 300 twips: ≈ one 四号 character in. */
const CELL_MARGINS = 216;

const THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const; // 0.35 mm ≈ 1 pt
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const; // 0.25 mm ≈ 0.75 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;

function colophonLine(children: TextRun[], tabbed = false): TableRow {
  return new TableRow({
    children: [
      new TableCell({
        width: { size: COLOPHON_WIDTH, type: WidthType.DXA },
        children: [
          new Paragraph({
            style: BRIEFING_STYLES.colophon,
            spacing: { line: 560, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            indent: tabbed ? { left: 0, right: 0 } : { left: 560, right: 0, hanging: 560 },
            tabStops: tabbed ? [{ type: TabStopType.RIGHT, position: COLOPHON_WIDTH - CELL_MARGINS }] : [],
            children,
          }),
        ],
      }),
    ],
  });
}

/**
 * The 报尾: a table floated to the bottom of the type area on the page where the document ends,
 * thick first and last rules, thin rules between.
 */
function colophon(input: BriefingInput): Table {
  const c = (text: string) => run(text, BRIEFING_FONTS.body, SIZE.colophon);
  const rows: TableRow[] = [];
  const { bao, song, fa } = input.distribution;
  if (bao) rows.push(colophonLine([c(`报：${bao}`)]));
  if (song) rows.push(colophonLine([c(`送：${song}`)]));
  if (fa) rows.push(colophonLine([c(`发：${fa}`)]));
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
    width: { size: COLOPHON_WIDTH, type: WidthType.DXA },
    columnWidths: [COLOPHON_WIDTH],
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
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

/** "— N —" in 宋体 四号, one character in from the outer edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const f = font(BRIEFING_FONTS.pageNumber);
  return new Footer({
    children: [
      new Paragraph({
        style: BRIEFING_STYLES.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
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
export async function renderBriefingDocx(raw: BriefingInput): Promise<Buffer> {
  // Stored text may hold characters XML cannot carry (control characters, U+FFFE …): drop them.
  const input = stripForbiddenDeep(raw);
  const children: (Paragraph | Table)[] = [...masthead(input)];
  if (input.editorNote) children.push(editorNote(input.editorNote));
  for (const item of input.items) {
    children.push(itemTitle(item.title));
    for (const text of item.paragraphs) children.push(bodyParagraph(text));
  }
  children.push(colophon(input), new Paragraph({ children: [] }));

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
            margin: { ...BRIEFING_PAGE.margin, header: 851, footer: 1304 },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return stampPackage(await Packer.toBuffer(doc), documentTimestamp(input.issueDate));
}
