// Acceptance walkthrough of issue 9 (documents that pass inspection): an editor assembles a fresh
// 20-item issue of 《汾阳政务信息》, downloads its DOCX and print preview as a draft (every page
// marked 样稿) and again after the chief signs it; every demo issue of the office is generated
// the same way; a 考评通报 in the 公文 layout is printed from the sample. All of them are printed
// by LibreOffice and the previews by Chromium, in one batch each, and measured page by page
// (type area, lines per page, stranded titles, one-character title lines, page numbers, 版记,
// the 公文 head) and against each other (the same lines and page starts). Any finding fails.
import fs from 'node:fs';
import path from 'node:path';

export const title = '公文与简报版式：渲染检查与预览一致性 / Documents pass the rendered check';
export const needs = { chromium: true };

const PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? 'Xinbao@2026';
const OWN_PUBLICATION = '汾阳政务信息';

export async function run({ step, expect, client, chromiumPath, resultsDir }) {
  const { register } = await import('tsx/esm/api');
  register();
  const { findSoffice } = await import('../../server/lib/documents/pdf.ts');
  const { checkDocuments } = await import('../../server/lib/documents/rendered/check-document.ts');
  const { formatReport } = await import('../../server/lib/documents/rendered/cli.ts');
  const { AGREEMENT_TARGET, percent } = await import('../../server/lib/documents/rendered/agreement.ts');
  const { sampleOfficialNotice } = await import('../../server/lib/documents/official-sample.ts');
  const { renderOfficialDocx } = await import('../../server/lib/documents/official-docx.ts');
  const { renderOfficialHtml } = await import('../../server/lib/documents/official-html.ts');

  const as = {};
  const inputs = [];
  let pub;

  /** The DOCX (generated and archived through the API) and the preview of an issue. */
  const documentsOf = async (issue, name) => {
    const gen = await as.editor.post(`/api/issues/${issue.id}/files`, { kind: 'docx' });
    expect.status(gen, 201, `生成 Word / generate the DOCX of ${issue.label}`);
    const dl = await as.editor.get(gen.body.downloadUrl, { raw: true });
    expect.status(dl, 200, `下载 / download ${gen.body.fileName}`);
    const preview = await as.editor.get(`/api/issues/${issue.id}/preview`);
    expect.status(preview, 200, `打印预览 / preview of ${issue.label}`);
    // Before the sign-off every page carries the 样稿 mark; after it, none.
    const draft = issue.status === 'draft' || issue.status === 'locked';
    return {
      name: name ?? gen.body.fileName,
      docx: dl.buffer,
      previewHtml: preview.text,
      kind: 'briefing',
      draft,
    };
  };

  await step('编辑与主编登录', 'the editor and the chief editor log in', async () => {
    for (const u of ['editor', 'chief']) {
      as[u] = client(u);
      expect.status(await as[u].login(u, PASSWORD), 200, `登录 / login ${u}`);
    }
    const pubs = await as.editor.get('/api/publications?scope=own');
    pub = (pubs.body ?? []).find((p) => p.name === OWN_PUBLICATION);
    expect.true(Boolean(pub), `本级刊物 / ${OWN_PUBLICATION}`, pubs.body);
  });

  let fresh;
  await step(
    '新组一期（最多 20 条）：签发前下载样稿，签发后下载定稿',
    'a fresh issue of up to 20 items: the draft before sign-off, the issued text after',
    async () => {
      const created = await as.editor.post('/api/issues', { publicationId: pub.id });
      expect.status(created, 201, '新建一期 / create an issue');
      fresh = created.body;
      const cand = await as.editor.get(`/api/issues/${fresh.id}/candidates`);
      expect.status(cand, 200, '候选信息 / candidates');
      const picked = (cand.body?.items ?? []).filter((c) => c.secrecy === 'public').slice(0, 20);
      expect.true(picked.length >= 5, '至少五条拟采用信息 / at least five candidates', cand.body);
      let res = await as.editor.put(`/api/issues/${fresh.id}/items`, {
        version: fresh.version,
        items: picked.map((c) => ({ itemId: c.itemId, forPortal: false })),
      });
      expect.status(res, 200, '编入信息 / items in');
      fresh = res.body;
      const draft = await documentsOf(fresh, `${fresh.label}（样稿）`);
      inputs.push(draft);
      res = await as.editor.post(`/api/issues/${fresh.id}/transitions`, {
        action: 'lock',
        version: fresh.version,
      });
      expect.status(res, 200, '定版 / lock');
      res = await as.chief.post(`/api/issues/${fresh.id}/transitions`, {
        action: 'sign',
        version: res.body.version,
      });
      expect.status(res, 200, '签发 / sign');
      fresh = res.body;
      inputs.push(await documentsOf(fresh, `${fresh.label}（定稿）`));
      return `${fresh.label}：${picked.length} 条信息`;
    },
  );

  await step(
    '本办历年演示刊物逐期生成 Word 与预览',
    'every demo issue of the office: DOCX and preview',
    async () => {
      const issues = [];
      for (let page = 1; ; page++) {
        const res = await as.editor.get(`/api/issues?publicationId=${pub.id}&pageSize=100&page=${page}`);
        expect.status(res, 200, '刊物期次 / issues');
        issues.push(...res.body.items);
        if (issues.length >= res.body.total || res.body.items.length === 0) break;
      }
      const others = issues.filter((i) => i.id !== fresh.id && i.itemCount > 0);
      expect.true(others.length >= 20, '演示刊物不少于 20 期 / at least 20 demo issues', issues.length);
      for (const issue of others) inputs.push(await documentsOf(issue));
      return `${others.length} 期`;
    },
  );

  await step(
    '公文：考评通报（附 46 个单位得分表）',
    'a 公文: the assessment notice with its score table',
    async () => {
      const notice = sampleOfficialNotice();
      inputs.push({
        name: `${notice.documentNumber} ${notice.title}`,
        docx: await renderOfficialDocx(notice),
        previewHtml: renderOfficialHtml(notice),
        kind: 'official',
        draft: false,
      });
      const draft = { ...notice, draft: true };
      inputs.push({
        name: `${notice.documentNumber}（样稿）`,
        docx: await renderOfficialDocx(draft),
        previewHtml: renderOfficialHtml(draft),
        kind: 'official',
        draft: true,
      });
      return notice.title;
    },
  );

  await step(
    'LibreOffice 打印、Chromium 打印预览，逐页测量并比对：无任何问题',
    'print with LibreOffice and Chromium, measure every page and compare: no finding',
    async () => {
      const soffice = findSoffice({});
      expect.true(
        Boolean(soffice),
        '需要 LibreOffice / LibreOffice installed (node scripts/ensure-office-tools.mjs)',
      );
      const reports = await checkDocuments(inputs, { soffice, chromium: chromiumPath });
      const text = reports.map(formatReport).join('\n');
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.writeFileSync(path.join(resultsDir, 'acceptance-documents.txt'), `${text}\n`);
      let lines = 0;
      let identical = 0;
      let starts = 0;
      let pages = 0;
      const failing = [];
      const below = [];
      // The 99 % target is measured over all documents (issue 9); a document below it on its own is
      // listed and kept, a page start or page count that differs fails as every other finding does.
      const ratioOnly = (p) => p.startsWith('一致性：打印文档与预览的分行一致率');
      const keep = path.join(resultsDir, 'documents');
      fs.rmSync(keep, { recursive: true, force: true });
      for (const [k, r] of reports.entries()) {
        lines += r.agreement.lines;
        identical += r.agreement.identical;
        starts += r.agreement.pageStarts.length;
        pages += r.pages;
        const hard = r.problems.filter((p) => !ratioOnly(p));
        if (hard.length) failing.push(formatReport(r));
        else if (r.problems.length) below.push(`${r.name} ${percent(r.agreement.ratio)}`);
        if (r.problems.length) {
          // The failing files, to open and to run `xinbao check-document` on.
          fs.mkdirSync(keep, { recursive: true });
          const base = path.join(keep, r.name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/\.docx$/, ''));
          fs.writeFileSync(`${base}.docx`, inputs[k].docx);
          fs.writeFileSync(`${base}.html`, inputs[k].previewHtml);
        }
      }
      for (const f of failing.slice(0, 10)) console.log(f);
      expect.true(
        failing.length === 0,
        `全部文档检查通过 / every document checks clean（${failing.length}/${reports.length} 份有问题，详见 test-results/acceptance-documents.txt，文件在 test-results/documents/）`,
      );
      expect.true(
        identical / lines >= AGREEMENT_TARGET,
        `全部文档分行一致率不低于 ${percent(AGREEMENT_TARGET)} / at least 99 % of rows identical over all documents（${percent(identical / lines)}）`,
      );
      const note = below.length ? `；单份低于 99% 的：${below.join('，')}` : '';
      return `${reports.length} 份文档 ${pages} 页；分行一致 ${percent(identical / lines)}（${identical}/${lines}）；页首不同 ${starts} 处${note}`;
    },
  );
}
