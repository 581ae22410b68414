import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, findSoffice } from '../../../lib/documents/pdf.ts';
import { checkDocuments, type DocumentReport } from '../../../lib/documents/rendered/check-document.ts';
import { type NoticeWorld, noticeWorld, ok, Y } from './notices.test-support.ts';

/**
 * The 通报 as printed: a monthly notice drafted through the API, its 样稿 DOCX and preview, then
 * the archived DOCX and preview once issued, all run through the rendered document check
 * (`xinbao check-document`: LibreOffice prints the DOCX, Chromium the preview, every page
 * measured and the two compared). The office tools are required, as for the issue documents:
 * this fails, not skips, when they are missing.
 */

const TOOLS_MISSING =
  '缺少 LibreOffice 或 Chromium：请运行 node scripts/ensure-office-tools.mjs 与 node scripts/ensure-chromium.mjs';

let w: NoticeWorld;
let reports: DocumentReport[] = [];

beforeAll(async () => {
  const soffice = findSoffice({});
  const chromium = findChromium({});
  if (!soffice || !chromium) throw new Error(TOOLS_MISSING);
  w = await noticeWorld();
  const { editor } = w;
  const files = async (id: string) => {
    const docx = await editor.request('GET', `/api/assessment/notices/${id}/document.docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    const html = await editor.request('GET', `/api/assessment/notices/${id}/document.html`);
    expect(html.statusCode, html.body).toBe(200);
    return { docx: docx.rawPayload, previewHtml: html.body };
  };
  const notice = await ok(
    await editor.request('POST', '/api/assessment/notices', { period: 'month', at: `${Y}-02` }),
    201,
  );
  const draft = await files(notice.id);
  const issued = await ok(
    await editor.request('POST', `/api/assessment/notices/${notice.id}/issue`, { version: notice.version }),
  );
  reports = await checkDocuments(
    [
      { name: 'draft', ...draft, kind: 'official', draft: true },
      { name: 'issued', ...(await files(issued.id)), kind: 'official', draft: false },
    ],
    { soffice, chromium },
  );
}, 180_000);
afterAll(() => w?.t.close());

describe('the printed 通报', () => {
  it('the 样稿 and the issued text pass the rendered check, the preview agreeing', () => {
    for (const name of ['draft', 'issued']) {
      const r = reports.find((x) => x.name === name);
      expect(r, name).toBeDefined();
      expect(r?.problems, name).toEqual([]);
      expect(r?.kind).toBe('official');
      // 正文, 附件1 (four groups of the 46 units), 附件2.
      expect(r?.pages, name).toBeGreaterThanOrEqual(3);
      expect(r?.agreement?.pageStarts, name).toEqual([]);
    }
  });
});
