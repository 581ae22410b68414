import fs from 'node:fs/promises';
import path from 'node:path';
import { findChromium, findSoffice } from '../pdf.ts';
import { percent } from './agreement.ts';
import {
  checkDocuments,
  type DocumentReport,
  KIND_LABEL,
  UnreadableDocumentError,
} from './check-document.ts';
import type { DocumentKind } from './rendered-check.ts';

export type CheckDocumentOptions = { preview?: string; kind?: string; json?: boolean };

const KINDS: DocumentKind[] = ['briefing', 'official'];
const TOOLS_HINT =
  '请运行 node scripts/ensure-office-tools.mjs，或 apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai';

/** The report as a person reads it: one heading, then one line per problem. */
export function formatReport(report: DocumentReport): string {
  const lines = [`${report.name}（${KIND_LABEL[report.kind]}，${report.pages} 页）`];
  if (report.agreement) {
    const a = report.agreement;
    lines.push(
      `  与预览一致：${percent(a.ratio)}（${a.identical}/${a.lines} 行），页首不同 ${a.pageStarts.length} 页，页数 ${a.pagesDocx}/${a.pagesPreview}`,
    );
  }
  if (report.problems.length === 0) lines.push('  ✔ 未发现问题');
  for (const p of report.problems) lines.push(`  ✘ ${p}`);
  return lines.join('\n');
}

/**
 * `xinbao check-document FILE.docx [--preview FILE.html] [--kind briefing|official] [--json]`.
 * Needs no database. Exit code 0: clean; 1: problems found; 2: the file or the tools are missing.
 */
export async function checkDocumentFromCli(file: string, opts: CheckDocumentOptions): Promise<number> {
  if (opts.kind !== undefined && !KINDS.includes(opts.kind as DocumentKind)) {
    console.error(`未知的文档类型：${opts.kind}（可用：briefing 简报，official 公文）`);
    return 2;
  }
  const soffice = findSoffice({});
  if (!soffice) {
    console.error(`未找到 LibreOffice，无法排版检查。${TOOLS_HINT}`);
    return 2;
  }
  const chromium = opts.preview ? findChromium({}) : null;
  if (opts.preview && !chromium) {
    console.error(
      '比对预览需要 Chromium：请运行 node scripts/ensure-chromium.mjs 或 apt-get install -y chromium',
    );
    return 2;
  }
  let docx: Buffer;
  let previewHtml: string | undefined;
  try {
    docx = await fs.readFile(file);
    previewHtml = opts.preview ? await fs.readFile(opts.preview, 'utf8') : undefined;
  } catch (e) {
    console.error(`无法读取文件：${(e as NodeJS.ErrnoException).path ?? file}`);
    return 2;
  }
  try {
    const [report] = await checkDocuments(
      [{ name: path.basename(file), docx, previewHtml, kind: opts.kind as DocumentKind | undefined }],
      { soffice, chromium },
    );
    console.log(opts.json ? JSON.stringify(report, null, 2) : formatReport(report!));
    return report!.problems.length === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof UnreadableDocumentError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof Error && /pdftotext|pdftocairo/.test(e.message)) {
      console.error(`未找到 poppler 工具（pdftotext、pdftocairo）。${TOOLS_HINT}`);
      return 2;
    }
    throw e;
  }
}
