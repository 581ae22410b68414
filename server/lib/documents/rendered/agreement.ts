import { compactText, type PdfLayout, type TextLine, visualRows } from './pdf-layout.ts';

/**
 * How far the printed DOCX (as LibreOffice renders it) and the print preview (as Chromium prints
 * it) agree: the same text on the same lines, the same first line on every page, the same number
 * of pages. The product promises one layout for both (docs/domain.md, 版式一致); the target is
 * at least 99 % of lines identical and every page start identical.
 */

export const AGREEMENT_TARGET = 0.99;

/** One visual row of a page, whitespace removed (a row the tool split into words becomes one). */
export type PageRows = string[];

export type PageStartDifference = { page: number; docx: string | null; preview: string | null };

export type Agreement = {
  /** Rows compared: on each page, the larger of the two row counts. */
  lines: number;
  /** Rows present on the same page of both, counted as a multiset. */
  identical: number;
  /** identical / lines (1 when there is nothing to compare). */
  ratio: number;
  pagesDocx: number;
  pagesPreview: number;
  pageStarts: PageStartDifference[];
  /** Up to 20 rows of the preview that the DOCX does not have on that page, for the report. */
  samples: { page: number; preview: string }[];
};

/** The rows of every page, top to bottom, as comparable text. */
export function pageRows(layout: PdfLayout): PageRows[] {
  return layout.pages.map((page) =>
    visualRows(page.lines)
      .map((row: TextLine[]) => compactText(row.map((l) => l.text).join('')))
      .filter(Boolean),
  );
}

/** A page's first row that is neither a page number nor a running mark such as 样稿. */
function pageStart(rows: PageRows): string | null {
  return rows.find((r) => !/^[—－-]+\d+[—－-]+$/.test(r) && r !== '样稿') ?? null;
}

export function compareRows(docx: PageRows[], preview: PageRows[]): Agreement {
  let lines = 0;
  let identical = 0;
  const samples: Agreement['samples'] = [];
  const pageStarts: PageStartDifference[] = [];
  const pages = Math.max(docx.length, preview.length);
  for (let p = 0; p < pages; p++) {
    const a = docx[p] ?? [];
    const b = preview[p] ?? [];
    const left = new Map<string, number>();
    for (const row of a) left.set(row, (left.get(row) ?? 0) + 1);
    let same = 0;
    for (const row of b) {
      const n = left.get(row) ?? 0;
      if (n > 0) {
        left.set(row, n - 1);
        same++;
      } else if (samples.length < 20) samples.push({ page: p + 1, preview: row });
    }
    lines += Math.max(a.length, b.length);
    identical += same;
    const startA = pageStart(a);
    const startB = pageStart(b);
    if (startA !== startB) pageStarts.push({ page: p + 1, docx: startA, preview: startB });
  }
  return {
    lines,
    identical,
    ratio: lines === 0 ? 1 : identical / lines,
    pagesDocx: docx.length,
    pagesPreview: preview.length,
    pageStarts,
    samples,
  };
}

export function compareLayouts(docx: PdfLayout, preview: PdfLayout): Agreement {
  return compareRows(pageRows(docx), pageRows(preview));
}

export const percent = (ratio: number) => `${(Math.floor(ratio * 10000) / 100).toFixed(2)}%`;

/** The disagreement in Chinese, one sentence per problem; empty when the target is met. */
export function agreementProblems(a: Agreement): string[] {
  const out: string[] = [];
  if (a.pagesDocx !== a.pagesPreview) {
    out.push(`页数不一致：打印文档 ${a.pagesDocx} 页，预览 ${a.pagesPreview} 页`);
  }
  if (a.ratio < AGREEMENT_TARGET) {
    out.push(
      `打印文档与预览的分行一致率 ${percent(a.ratio)}（${a.identical}/${a.lines} 行），低于 ${percent(AGREEMENT_TARGET)}` +
        (a.samples[0]
          ? `；如第${a.samples[0].page}页预览行“${clip(a.samples[0].preview)}”在打印文档中没有`
          : ''),
    );
  }
  for (const s of a.pageStarts.slice(0, 5)) {
    out.push(
      `第${s.page}页起始行不同：打印文档为“${clip(s.docx ?? '（空白）')}”，预览为“${clip(s.preview ?? '（空白）')}”`,
    );
  }
  if (a.pageStarts.length > 5) out.push(`另有 ${a.pageStarts.length - 5} 页起始行不同`);
  return out;
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length > 16 ? `${chars.slice(0, 16).join('')}…` : text;
}
