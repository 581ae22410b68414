import JSZip from 'jszip';
import { DRAFT_MARK } from '../briefing-html.ts';
import { checkBriefingDocx } from '../docx-format-check.ts';
import { chromiumPdfs, libreOfficePdfs } from '../pdf.ts';
import { type Agreement, agreementProblems, compareLayouts } from './agreement.ts';
import { compactText, type PdfLayout, readPdfLayout, visualRows } from './pdf-layout.ts';
import { checkRenderedLayout, type DocumentKind, detectKind, type Finding } from './rendered-check.ts';

/**
 * The document check as an office would do it: read the DOCX's XML (the format checker), print it
 * (LibreOffice), measure the printed pages (rendered-check.ts), and when the print preview is
 * given, print that too (Chromium), measure it by the same rules and compare the two layouts
 * line by line (agreement.ts). Many documents are checked in one batch: one LibreOffice process
 * and one Chromium for all of them.
 */

export type CheckInput = {
  /** Shown in the report, e.g. the file name. */
  name: string;
  docx: Buffer;
  /** The print preview (HTML) of the same document. */
  previewHtml?: string;
  /** Detected from the printed first page when not given. */
  kind?: DocumentKind;
  /** true: made before sign-off, every page must show 样稿; false: no page may. */
  draft?: boolean;
};

export type DocumentReport = {
  name: string;
  kind: DocumentKind;
  pages: number;
  /** The XML rules (简报 only). */
  xmlProblems: string[];
  /** The printed DOCX measured. */
  findings: Finding[];
  /** The printed preview measured by the same rules. */
  previewFindings: Finding[];
  agreement: Agreement | null;
  /** Everything above as Chinese sentences; empty when the document passes. */
  problems: string[];
};

export type CheckTools = { soffice: string; chromium: string | null; timeoutMs?: number };

/** A file that is not a DOCX (or not one LibreOffice can open). */
export class UnreadableDocumentError extends Error {}

async function assertDocx(input: CheckInput): Promise<void> {
  try {
    const zip = await JSZip.loadAsync(input.docx);
    if (!zip.file('word/document.xml')) throw new Error('no word/document.xml');
  } catch {
    throw new UnreadableDocumentError(`${input.name} 不是可读取的 Word 文档（.docx）`);
  }
}

/** Reads PDFs two at a time (each read runs two poppler processes). */
async function readAll(pdfs: Buffer[]): Promise<PdfLayout[]> {
  const out: PdfLayout[] = new Array(pdfs.length);
  let next = 0;
  const worker = async () => {
    while (next < pdfs.length) {
      const i = next++;
      out[i] = await readPdfLayout(pdfs[i]!);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

/** Pages that lack the 样稿 mark (draft) or carry it (issued text). */
export function draftMarkProblems(layout: PdfLayout, draft: boolean): string[] {
  // The mark's letter-spacing makes two words, sometimes two lines, of one row.
  const marked = layout.pages.map((p) =>
    visualRows(p.lines).some((row) => compactText(row.map((l) => l.text).join('')).includes(DRAFT_MARK)),
  );
  const wrong = marked.flatMap((m, i) => (m === draft ? [] : [i + 1]));
  if (wrong.length === 0) return [];
  const pages = wrong.map((n) => `第${n}页`).join('、');
  return [draft ? `签发前的样稿，${pages}没有“样稿”标记` : `已签发的文档，${pages}仍有“样稿”标记`];
}

const where = (f: Finding) => (f.page ? `第${f.page}页：` : '');

export async function checkDocuments(inputs: CheckInput[], tools: CheckTools): Promise<DocumentReport[]> {
  for (const input of inputs) await assertDocx(input);
  const timeoutMs = tools.timeoutMs ?? 120_000;
  let printed: Buffer[];
  try {
    printed = await libreOfficePdfs(
      tools.soffice,
      inputs.map((i) => i.docx),
      timeoutMs,
    );
  } catch (e) {
    throw new UnreadableDocumentError(`LibreOffice 无法转换文档：${e instanceof Error ? e.message : e}`);
  }
  const withPreview = inputs.filter((i) => i.previewHtml !== undefined);
  if (withPreview.length > 0 && !tools.chromium) {
    throw new UnreadableDocumentError(
      '比对预览需要 Chromium，请运行 node scripts/ensure-chromium.mjs 或安装 chromium',
    );
  }
  const previews = tools.chromium
    ? await chromiumPdfs(
        tools.chromium,
        withPreview.map((i) => i.previewHtml!),
        timeoutMs,
      )
    : [];
  const layouts = await readAll([...printed, ...previews]);
  const previewOf = new Map(withPreview.map((input, k) => [input, layouts[printed.length + k]!]));

  const reports: DocumentReport[] = [];
  for (const [k, input] of inputs.entries()) {
    const layout = layouts[k]!;
    const kind = input.kind ?? detectKind(layout);
    const xmlProblems = kind === 'briefing' ? (await checkBriefingDocx(input.docx)).problems : [];
    const findings = checkRenderedLayout(layout, kind);
    const preview = previewOf.get(input);
    const previewFindings = preview ? checkRenderedLayout(preview, kind) : [];
    const agreement = preview ? compareLayouts(layout, preview) : null;
    const marks =
      input.draft === undefined
        ? []
        : [
            ...draftMarkProblems(layout, input.draft).map((p) => `打印：${p}`),
            ...(preview ? draftMarkProblems(preview, input.draft).map((p) => `预览：${p}`) : []),
          ];
    reports.push({
      name: input.name,
      kind,
      pages: layout.pages.length,
      xmlProblems,
      findings,
      previewFindings,
      agreement,
      problems: [
        ...xmlProblems.map((p) => `格式：${p}`),
        ...findings.map((f) => `打印：${where(f)}${f.message}`),
        ...previewFindings.map((f) => `预览：${where(f)}${f.message}`),
        ...marks,
        ...(agreement ? agreementProblems(agreement).map((p) => `一致性：${p}`) : []),
      ],
    });
  }
  return reports;
}

export const KIND_LABEL: Record<DocumentKind, string> = { briefing: '简报', official: '公文' };
