// Acceptance walkthrough of issue 4 (publications): two editors create issues at the same moment
// and get consecutive numbers; an issue of 《汾阳政务信息》 is assembled from three accepted demo
// items, reordered, given an editor's note, locked, unlocked with a reason, locked again, signed
// by the chief editor and published; its items become published with an adoption record; the
// final DOCX is downloaded and checked by the format checker, regenerated to the same hash, and
// turned into a PDF; the issue is circulated to a leader whose read time is recorded, and an item
// chosen for the website is queued for the portal. Refusals on the way: wrong role, another
// office, an empty issue, an item that is not accepted, a stale version, a second sign-off,
// unlocking without a reason. Ends with the issue's print preview in Chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { screenshotAs } from '../lib/browser.mjs';

export const title = '信息刊物：组稿 → 定版 → 签发 → 发布 → 归档 → 传阅 / Publications';
export const needs = { web: true, chromium: true };

const PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? 'Xinbao@2026';
const OWN_PUBLICATION = '汾阳政务信息';

export async function run({ baseUrl, chromiumPath, step, expect, client, resultsDir }) {
  const as = {};
  // The format checker is TypeScript; tsx (a dependency) loads it here as the server does.
  const { register } = await import('tsx/esm/api');
  register();
  const { checkBriefingDocx } = await import('../../server/lib/documents/docx-format-check.ts');

  const issueOf = async (who, id) => {
    const res = await as[who].get(`/api/issues/${id}`);
    expect.status(res, 200, `${who} GET /api/issues/${id}`);
    return res.body;
  };
  const act = (who, issue, action, extra = {}) =>
    as[who].post(`/api/issues/${issue.id}/transitions`, { action, version: issue.version, ...extra });
  const expectUnchanged = async (before, what) => {
    const after = await issueOf('editor', before.id);
    expect.equal(after.status, before.status, `${what}：状态未变 / status unchanged`);
    expect.equal(after.version, before.version, `${what}：版本未变 / version unchanged`);
  };

  let pub;
  let issue;
  let picked;

  await step(
    '各角色登录',
    'log in as editors, chief editor, leader, a reporter and the 吕梁 editor',
    async () => {
      expect.status(await client().get('/api/issues'), 401, '未登录访问刊物 / anonymous');
      for (const u of ['editor', 'editor2', 'chief', 'leader', 'fy_czj_xxy', 'll_editor']) {
        const c = client(u);
        expect.status(await c.login(u, PASSWORD), 200, `登录 / login ${u}`);
        as[u] = c;
      }
      const refused = await as.fy_czj_xxy.get('/api/issues');
      expect.status(refused, 403, '信息员不能查看刊物编辑 / a reporter may not list issues');
      expect.chinese(refused.body?.message, '拒绝说明为中文 / refusal in Chinese');
      const pubs = await as.editor.get('/api/publications?scope=own');
      expect.status(pubs, 200);
      pub = (pubs.body ?? []).find((p) => p.name === OWN_PUBLICATION);
      expect.true(
        Boolean(pub),
        `本级刊物 / publication ${OWN_PUBLICATION}`,
        (pubs.body ?? []).map((p) => p.name),
      );
    },
  );

  await step(
    '两名编辑同时新建一期：期号连续、不重复；删除只能删最新一期草稿',
    'two editors create issues at once: consecutive numbers; only the last draft may be deleted',
    async () => {
      const [a, b] = await Promise.all([
        as.editor.post('/api/issues', { publicationId: pub.id }),
        as.editor2.post('/api/issues', { publicationId: pub.id }),
      ]);
      expect.status(a, 201, 'editor 新建 / create');
      expect.status(b, 201, 'editor2 新建 / create');
      const [first, second] = [a.body, b.body].sort((x, y) => x.number - y.number);
      expect.equal(second.number, first.number + 1, '期号连续 / consecutive numbers');
      expect.true(first.label !== second.label, '期号不同 / distinct labels', [first.label, second.label]);
      const early = await as.editor.request('DELETE', `/api/issues/${first.id}?version=${first.version}`);
      expect.status(early, 409, '删除非最新一期 / deleting an earlier draft');
      expect.chinese(early.body?.message, '拒绝说明 / refusal message');
      const last = await as.editor.request('DELETE', `/api/issues/${second.id}?version=${second.version}`);
      expect.status(last, 204, '删除最新一期草稿 / deleting the last draft');
      issue = await issueOf('editor', first.id);
      const empty = await act('editor', issue, 'lock');
      expect.status(empty, 409, '空的一期不能定版 / an empty issue cannot be locked');
      await expectUnchanged(issue, '空刊定版被拒');
      return `${pub.name}${issue.label}`;
    },
  );

  await step(
    '从拟采用信息中选三条编入本期，拖动排序，写编者按',
    'three accepted demo items into the issue, reordered, with an editor’s note',
    async () => {
      const other = await as.ll_editor.get(`/api/issues/${issue.id}`);
      expect.status(other, 404, '吕梁编辑看不到汾阳的刊物 / another office gets 404');
      const cand = await as.editor.get(`/api/issues/${issue.id}/candidates`);
      expect.status(cand, 200);
      const publicOnes = (cand.body?.items ?? []).filter((c) => c.secrecy === 'public');
      expect.true(
        publicOnes.length >= 3,
        '至少三条拟采用信息 / at least three candidates',
        publicOnes.length,
      );
      picked = publicOnes.slice(0, 3);
      const inbox = await as.editor.get('/api/items?box=inbox&status=submitted&pageSize=1');
      const submitted = inbox.body?.items?.[0];
      if (submitted) {
        const bad = await as.editor.put(`/api/issues/${issue.id}/items`, {
          version: issue.version,
          items: [{ itemId: submitted.id, forPortal: false }],
        });
        expect.status(bad, 409, '未采用的信息不能编入 / an item not accepted is refused');
        expect.chinese(bad.body?.message, '拒绝说明 / refusal message');
        await expectUnchanged(issue, '编入未采用信息被拒');
      }
      let res = await as.editor.put(`/api/issues/${issue.id}/items`, {
        version: issue.version,
        items: picked.map((c, i) => ({ itemId: c.itemId, forPortal: i === 0 })),
      });
      expect.status(res, 200, '编入三条 / three items in');
      issue = res.body;
      const reversed = [...picked].reverse();
      res = await as.editor.put(`/api/issues/${issue.id}/items`, {
        version: issue.version,
        items: reversed.map((c) => ({ itemId: c.itemId, forPortal: c === picked[0] })),
      });
      expect.status(res, 200, '调整顺序 / reorder');
      issue = await issueOf('editor', issue.id);
      expect.equal(
        issue.items.map((i) => i.itemId),
        reversed.map((c) => c.itemId),
        '顺序已保存 / order kept',
      );
      const stale = await as.editor2.patch(`/api/issues/${issue.id}`, {
        version: issue.version - 1,
        editorNote: 'x',
      });
      expect.status(stale, 409, '过期版本 / stale version');
      res = await as.editor.patch(`/api/issues/${issue.id}`, {
        version: issue.version,
        editorNote: '本期集中反映各单位近期重点工作进展，供领导参阅。',
      });
      expect.status(res, 200, '编者按 / editor’s note');
      issue = res.body;
      const item = await as.editor.get(`/api/items/${picked[1].itemId}`);
      expect.equal(item.body?.status, 'in_issue', '信息状态为已编入刊物 / item in_issue');
      return issue.items.map((i) => i.title).join(' | ');
    },
  );

  await step(
    '定版后不能改稿；编辑不能签发；主编/签发领导解除定版须说明原因',
    'locked: no edits, editors cannot sign, unlocking needs the chief editor and a reason',
    async () => {
      let res = await act('editor', issue, 'lock');
      expect.status(res, 200, '定版 / lock');
      issue = res.body;
      expect.equal(issue.status, 'locked', '已定版 / locked');
      const item = (await as.editor.get(`/api/items/${picked[1].itemId}`)).body;
      const edit = await as.editor.patch(`/api/items/${item.id}`, {
        version: item.version,
        title: `${item.title}（改）`,
      });
      expect.status(edit, 409, '定版后改稿 / editing a locked issue’s item');
      expect.chinese(edit.body?.message, '拒绝说明 / refusal message');
      expect.status(await act('editor', issue, 'sign'), 403, '编辑签发 / an editor signing');
      expect.status(
        await act('editor', issue, 'unlock', { reason: '调整' }),
        403,
        '编辑解除定版 / editor unlock',
      );
      const noReason = await act('chief', issue, 'unlock');
      expect.status(noReason, 400, '无原因解除定版 / unlock without reason');
      await expectUnchanged(issue, '解除定版被拒');
      res = await act('chief', issue, 'unlock', { reason: '补充一条县领导调研信息前先核对标题' });
      expect.status(res, 200, '主编/签发领导解除定版 / chief unlocks');
      issue = res.body;
      expect.equal(issue.status, 'draft', '回到编辑中 / back to draft');
      res = await act('editor', issue, 'lock');
      expect.status(res, 200, '再次定版 / lock again');
      issue = res.body;
    },
  );

  await step(
    '主编/签发领导签发：签发日期即刊期日期；不能重复签发',
    'the chief signs; the date is the issue date; no second sign-off',
    async () => {
      let res = await act('chief', issue, 'sign');
      expect.status(res, 200, '签发 / sign');
      issue = res.body;
      expect.equal(issue.status, 'signed', '已签发 / signed');
      expect.equal(issue.issueDate, beijingToday(), '刊期日期为签发当日 / issue date = sign-off day');
      res = await act('chief', issue, 'sign');
      expect.status(res, 409, '重复签发 / second sign-off');
      expect.chinese(res.body?.message, '拒绝说明 / refusal message');
      return `${issue.signedByName} ${issue.issueDate}`;
    },
  );

  let finalDocx;
  await step(
    '发布：信息已发布并登记本刊采用，定稿 Word 归档',
    'publish: items published with an adoption record, the final DOCX archived',
    async () => {
      const res = await act('editor', issue, 'publish');
      expect.status(res, 200, '发布 / publish');
      issue = res.body;
      expect.equal(issue.status, 'published', '已发布 / published');
      for (const it of issue.items) {
        const d = (await as.editor.get(`/api/items/${it.itemId}`)).body;
        expect.equal(d.status, 'published', `信息已发布 / item published: ${it.title}`);
        expect.true(
          (d.adoptions ?? []).some((a) => a.publicationName === pub.name && a.issueLabel === issue.label),
          '本刊采用已登记 / adoption recorded',
          d.adoptions,
        );
      }
      finalDocx = issue.files.find((f) => f.kind === 'docx' && f.final);
      expect.true(Boolean(finalDocx), '定稿 Word 已归档 / final DOCX archived', issue.files);
      return `${finalDocx.fileName} sha256 ${finalDocx.sha256.slice(0, 12)}…`;
    },
  );

  await step(
    '下载 Word 并用格式检查器核对；重新生成内容一致；生成 PDF',
    'download the DOCX and check its format; regenerating gives the same hash; a PDF',
    async () => {
      const dl = await as.editor.get(finalDocx.downloadUrl, { raw: true });
      expect.status(dl, 200, '下载 / download');
      const check = await checkBriefingDocx(dl.buffer);
      expect.true(check.ok, '格式检查通过 / format check passes', check.problems);
      expect.true(
        JSON.stringify(check.facts).includes(issue.label.replace(/（.*$/, '')),
        '期号在文档中 / the issue label is in the document',
        check.facts,
      );
      const again = await as.editor.post(`/api/issues/${issue.id}/files`, { kind: 'docx' });
      expect.status(again, 201, '重新生成 / regenerate');
      expect.equal(again.body?.sha256, finalDocx.sha256, '内容一致 / same hash');
      const pdf = await as.editor.post(`/api/issues/${issue.id}/files`, { kind: 'pdf' });
      expect.status(pdf, 201, '生成 PDF / PDF');
      const file = await as.editor.get(pdf.body.downloadUrl, { raw: true });
      expect.equal(file.buffer.subarray(0, 5).toString(), '%PDF-', 'PDF 文件头 / PDF header');
      const tmp = path.join(os.tmpdir(), `xb-acceptance-${process.pid}.pdf`);
      fs.writeFileSync(tmp, file.buffer);
      try {
        const text = execFileSync('pdftotext', ['-l', '1', tmp, '-'], { encoding: 'utf8' });
        expect.true(text.includes(pub.name), 'PDF 首页有刊名 / name on page 1', text.slice(0, 200));
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      return `PDF（${pdf.body.converter}）${pdf.body.sizeBytes} 字节`;
    },
  );

  await step('传阅给领导：阅读时间留痕', 'circulate to the leader; the read time is recorded', async () => {
    const who = await as.editor.get(`/api/circulations/recipients?officeId=${issue.officeId}`);
    expect.status(who, 200);
    const leader = (who.body ?? []).find((u) => u.displayName);
    expect.true(Boolean(leader), '本办领导 / a leader of the office', who.body);
    const sent = await as.editor.post('/api/circulations', {
      issueId: issue.id,
      recipientIds: [leader.id],
      note: '请阅。',
    });
    expect.status(sent, 201, '传阅 / circulate');
    const mine = await as.leader.get('/api/circulations/mine?unread=true');
    expect.status(mine, 200);
    const entry = (mine.body?.items ?? []).find((c) => c.issueId === issue.id);
    expect.true(Boolean(entry), '领导的传阅件 / in the leader’s list', mine.body);
    expect.status(await as.leader.post(`/api/circulations/${entry.id}/read`, {}), 200, '阅读 / read');
    const seen = await issueOf('editor', issue.id);
    const row = seen.circulation.find((c) => c.recipientId === leader.id);
    expect.true(Boolean(row?.readAt), '编辑看到阅读时间 / the editor sees the read time', seen.circulation);
    return `${row.recipientName} 已阅 ${row.readAt}`;
  });

  await step(
    '选中上网站的信息进入网站推送队列',
    'the item chosen for the website is queued for the portal',
    async () => {
      const q = await as.editor.get('/api/portal-queue?status=queued');
      expect.status(q, 200);
      const hit = (q.body?.items ?? []).find((e) => e.itemId === picked[0].itemId);
      expect.true(Boolean(hit), '已进入推送队列 / queued', q.body);
      return hit.title;
    },
  );

  await step(
    '浏览器中打开本期刊物的打印预览并截图',
    'the issue’s print preview in Chromium, screenshot',
    async () => {
      const opts = {
        chromiumPath,
        baseUrl,
        resultsDir,
        password: PASSWORD,
        viewport: { width: 1366, height: 900 },
      };
      return screenshotAs({ ...opts, name: 'acceptance-publications', username: 'editor' }, async (page) => {
        await page.goto(`/api/issues/${issue.id}/preview`);
        await page.getByText(pub.name).first().waitFor();
        await page.getByText(issue.label.replace(/（.*$/, '')).first().waitFor();
      });
    },
  );
}

/** Today in Beijing time, YYYY-MM-DD (the sign-off date). */
function beijingToday() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
