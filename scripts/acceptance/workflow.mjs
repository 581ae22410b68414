// Acceptance walkthrough of issue 3 (items and the editorial workflow): the demo year's figures,
// then one item all the way up — draft with a quality problem, sign-off, return with a reason,
// revision, editing with versions and a diff, acceptance, 转报 to 吕梁 and its acceptance there,
// an upper adoption — and the refusals on the way: another unit's reporter, wrong role, wrong
// state, stale versions, disallowed files. Ends with the editor's inbox in Chromium.
import { screenshotAs } from '../lib/browser.mjs';

export const title =
  '信息报送与采编流程：报送 → 签发 → 采编 → 采用/退回 → 转报 → 上级采用 / Items and workflow';
export const needs = { web: true, chromium: true };

const PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? 'Xinbao@2026';

/** The demo year as the seed describes it (the seed document: 336 items, 238 forwarded, 23/9/8 upper adoptions; docs/domain.md §3). */
const DEMO_UNITS = {
  财政局: 137,
  计生局: 22,
  水务局: 55,
  国家统计局汾阳调查队: 7,
  文化局: 45,
  畜牧兽医局: 61,
  信访局: 1,
  双百双千办: 1,
  林业局: 2,
  太和桥办事处: 5,
};
const DEMO_SUBMITTED = 336;
const DEMO_FORWARDED = 238;
const DEMO_ADOPTIONS = { '吕梁政务信息●普刊': 23, '晋政信息●普刊': 9, '晋政信息●互联网': 8 };

const OWN_PUBLICATION = '汾阳政务信息';
const LL_PUBLICATION = '吕梁政务信息●普刊';
const UPPER_PUBLICATION = '晋政信息●普刊';
const LL_OFFICE = '吕梁市人民政府办公室';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const paragraphs = (...lines) => lines.join('\n');

export async function run({ baseUrl, external, chromiumPath, step, expect, client, resultsDir }) {
  const suffix = Date.now().toString(36).slice(-5);
  const as = {};
  const item = {}; // the main item as each side last saw it
  const tag = (t) => `${t}（验收${suffix}）`;

  /** POST /api/items/:id/actions/:action with the version the caller last read. */
  const act = (who, row, action, extra = {}) =>
    as[who].post(`/api/items/${row.id}/actions/${action}`, { version: row.version, ...extra });
  const detail = async (who, id) => {
    const res = await as[who].get(`/api/items/${id}`);
    expect.status(res, 200, `${who} GET /api/items/${id}`);
    return res.body;
  };
  /** Every row of a list, page by page (pageSize 100). */
  const listAll = async (who, query) => {
    const rows = [];
    let first;
    for (let page = 1; page <= 50; page++) {
      const res = await as[who].get(`/api/items?${query}&page=${page}&pageSize=100`);
      expect.status(res, 200);
      first ??= res.body;
      rows.push(...(res.body?.items ?? []));
      if (rows.length >= (res.body?.total ?? 0) || (res.body?.items ?? []).length === 0) break;
    }
    return { rows, total: first?.total, counts: first?.counts };
  };
  const publication = async (who, scope, name) => {
    const res = await as[who].get(`/api/publications?scope=${scope}`);
    expect.status(res, 200);
    const list = Array.isArray(res.body) ? res.body : [];
    const hit = list.find((p) => p.name === name);
    expect.true(
      Boolean(hit),
      `刊物 / publication ${name} (scope=${scope})`,
      list.map((p) => p.name),
      name,
    );
    return hit;
  };
  const newItem = (who, fields) =>
    as[who].post('/api/items', {
      categoryCode: 'dynamic',
      priority: 'normal',
      secrecy: 'public',
      keywords: [],
      authorPhone: '13935800000',
      ...fields,
    });
  const expectUnchanged = async (who, before, what) => {
    const after = await detail(who, before.id);
    expect.equal(after.status, before.status, `${what}：状态未变 / status unchanged`);
    expect.equal(after.version, before.version, `${what}：版本未变 / version unchanged`);
  };

  await step('各角色登录', 'log in as reporter, signer, editors and the 吕梁 editor', async () => {
    const anon = await client().get('/api/items?box=inbox');
    expect.status(anon, 401, '未登录访问收稿箱 / anonymous inbox');
    for (const u of [
      'editor',
      'editor2',
      'fy_czj_xxy',
      'fy_czj_qf',
      'fy_swj_xxy',
      'fy_swj_qf',
      'll_editor',
    ]) {
      const c = client(u);
      expect.status(await c.login(u, PASSWORD), 200, `登录 / login ${u}`);
      as[u] = c;
    }
  });

  if (!external) {
    await step(
      '演示年度：汾阳收稿 336 条（十个单位）',
      'demo year: 336 items submitted to 汾阳 by the ten seed units',
      async () => {
        const inbox = await as.editor.get('/api/items?box=inbox');
        expect.status(inbox, 200);
        const counts = inbox.body?.counts ?? {};
        expect.true(
          Object.values(counts).reduce((a, b) => a + b, 0) >= DEMO_SUBMITTED,
          '收稿箱各状态计数 / inbox counts per status',
          counts,
          `合计 ≥ ${DEMO_SUBMITTED}`,
        );
        const { from, to } = demoYear();
        const { rows, total } = await listAll('editor', `box=inbox&from=${from}&to=${to}`);
        expect.equal(total, DEMO_SUBMITTED, `演示年度收稿数 / items submitted ${from}…${to}`);
        const orgs = await as.editor.get('/api/orgs');
        expect.status(orgs, 200);
        const shortName = new Map((orgs.body?.items ?? []).map((o) => [o.id, o.shortName]));
        const perUnit = {};
        for (const r of rows) {
          const short = shortName.get(r.submittingUnit?.id) ?? r.submittingUnit?.name;
          perUnit[short] = (perUnit[short] ?? 0) + 1;
        }
        const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
        expect.equal(sorted(perUnit), sorted(DEMO_UNITS), '各单位报送数 / per unit');
        return `${total} 条；${Object.entries(counts)
          .map(([s, n]) => `${s} ${n}`)
          .join('，')}`;
      },
    );

    await step(
      '演示年度：转报吕梁 238 条，上级采用 23/9/8',
      'demo year: 238 forwarded to 吕梁; adoptions 23/9/8',
      async () => {
        const { from, to } = demoYear();
        const { rows, total } = await listAll('editor', `box=forwarded&from=${from}&to=${to}`);
        expect.equal(total, DEMO_FORWARDED, '转报数 / forwarded');
        // Each forwarded row lists its own adoptions; publications in a fixed order for the comparison.
        const counted = {};
        for (const r of rows) {
          for (const a of r.adoptions ?? [])
            counted[a.publicationName] = (counted[a.publicationName] ?? 0) + 1;
        }
        const byPublication = Object.fromEntries(
          Object.keys(DEMO_ADOPTIONS).map((p) => [p, counted[p] ?? 0]),
        );
        const summary = await as.editor.get(`/api/items/forwarded-summary?from=${from}&to=${to}`);
        expect.equal(summary.status, 200, 'forwarded-summary status');
        // The 75 points are the assessment's (吕梁's 考核办法): the assessment walkthrough checks them.
        const summed = Object.fromEntries(
          Object.keys(DEMO_ADOPTIONS).map((p) => [
            p,
            summary.body?.byPublication?.find((x) => x.publicationName === p)?.count ?? 0,
          ]),
        );
        expect.equal(summed, DEMO_ADOPTIONS, '统计：各刊物采用数 / summary: adoptions per publication');
        expect.equal(byPublication, DEMO_ADOPTIONS, '各刊物采用数 / adoptions per publication');
        return Object.entries(byPublication)
          .map(([p, n]) => `《${p}》${n}`)
          .join('、');
      },
    );
  }

  const v1Title = tag('市财政局多措并举推动惠企资金直达快享');
  const v1Body = paragraphs(
    '今年以来，市财政局聚焦市场主体所需所盼，建立惠企资金直达机制，截至目前已向全市XX家企业拨付各类补贴资金。',
    '下一步，市财政局将持续优化资金拨付流程，确保政策红利应享尽享。',
  );
  await step(
    '信息员写草稿（含未替换的占位符）',
    'the reporter drafts an item with a leftover placeholder',
    async () => {
      const res = await newItem('fy_czj_xxy', { title: v1Title, body: v1Body, keywords: ['惠企资金'] });
      expect.status(res, 201);
      expect.equal(res.body?.status, 'draft', 'status');
      expect.equal(res.body?.currentVersion, 1, 'currentVersion');
      expect.equal(res.body?.originUnit?.name, '汾阳市财政局', 'originUnit');
      expect.includes(res.body?.actions ?? [], 'submit_for_signoff', 'actions');
      expect.includes(res.body?.actions ?? [], 'edit', 'actions');
      Object.assign(item, res.body);
      return `#${res.body.serial} ${res.body.statusLabel}`;
    },
  );

  await step('质量检查发现占位符（致命）', 'the quality check reports the placeholder as fatal', async () => {
    const res = await as.fy_czj_xxy.post('/api/items/check', {
      title: v1Title,
      body: v1Body,
      authorPhone: '13935800000',
      itemId: item.id,
    });
    expect.status(res, 200);
    const fatal = (res.body?.findings ?? []).filter((f) => f.severity === 'fatal');
    const hit = fatal.find((f) => f.paragraph === 1 || (f.excerpt ?? '').includes('XX'));
    expect.true(Boolean(hit), '第 1 段的致命问题 / a fatal finding in paragraph 1', res.body?.findings);
    expect.chinese(hit.message, '提示 / message');
    return `${hit.rule}：${hit.message}`;
  });

  await step(
    '有致命问题时提交签发被拒绝（400）',
    'submitting with a fatal finding is refused (400)',
    async () => {
      const res = await act('fy_czj_xxy', item, 'submit_for_signoff');
      expect.status(res, 400);
      expect.chinese(res.body?.message, '提示 / message');
      expect.true(
        (res.body?.details?.findings ?? []).some((f) => f.severity === 'fatal'),
        'details.findings',
        res.body?.details,
      );
      await expectUnchanged('fy_czj_xxy', item, '被拒绝后 / after the refusal');
      return res.body.message;
    },
  );

  const v2Body = v1Body.replace('XX', '326');
  await step('修改后（第 2 版）检查通过', 'fixed (version 2): no fatal findings', async () => {
    const res = await as.fy_czj_xxy.patch(`/api/items/${item.id}`, {
      body: v2Body,
      version: item.version,
      reason: '补全企业数量',
    });
    expect.status(res, 200);
    expect.equal(res.body?.currentVersion, 2, 'currentVersion');
    Object.assign(item, res.body);
    const check = await as.fy_czj_xxy.post('/api/items/check', {
      title: v1Title,
      body: v2Body,
      authorPhone: '13935800000',
      itemId: item.id,
    });
    expect.status(check, 200);
    const fatal = (check.body?.findings ?? []).filter((f) => f.severity === 'fatal');
    expect.equal(fatal, [], '致命问题 / fatal findings');
    return `${(check.body?.findings ?? []).length} 条提示 / warnings`;
  });

  await step('上传图片，拒绝 HTML 文件', 'a PNG upload is kept, an .html file is refused', async () => {
    const png = await as.fy_czj_xxy.upload(
      `/api/items/${item.id}/attachments`,
      '现场照片.png',
      PNG,
      'image/png',
    );
    expect.status(png, 201);
    expect.equal(png.body?.mimeType, 'image/png', 'mimeType');
    expect.equal(png.body?.sizeBytes, PNG.length, 'sizeBytes');
    const file = await as.fy_czj_xxy.request('GET', png.body.url, { raw: true });
    expect.status(file, 200, `GET ${png.body.url}`);
    expect.true(file.buffer.equals(PNG), '下载内容与上传一致 / same bytes back', file.buffer.length);
    expect.true(
      !/html/i.test(file.headers.get('content-type') ?? ''),
      '不以 HTML 返回 / not served as HTML',
      file.headers.get('content-type'),
    );
    const html = await as.fy_czj_xxy.upload(
      `/api/items/${item.id}/attachments`,
      '通知.html',
      Buffer.from('<html><script>alert(1)</script></html>'),
      'text/html',
    );
    expect.status(html, [400, 415]);
    expect.chinese(html.body?.message, '提示 / message');
    const d = await detail('fy_czj_xxy', item.id);
    expect.equal(
      (d.attachments ?? []).map((a) => a.fileName),
      ['现场照片.png'],
      '信息的附件 / attachments of the item',
    );
    Object.assign(item, d);
    return html.body.message;
  });

  await step('提交签发', 'the reporter submits for sign-off', async () => {
    const res = await act('fy_czj_xxy', item, 'submit_for_signoff');
    expect.status(res, 200);
    expect.equal(res.body?.status, 'pending_signoff', 'status');
    Object.assign(item, res.body);
    const queue = await as.fy_czj_qf.get('/api/items?box=signoff');
    expect.status(queue, 200);
    expect.true(
      (queue.body?.items ?? []).some((r) => r.id === item.id),
      '签发人的待签发中可见 / in the signer’s queue',
      queue.body?.items?.map((r) => r.title),
    );
    return res.body.statusLabel;
  });

  await step(
    '其他单位信息员看不到（404，不泄露标题）',
    'another unit’s reporter gets 404 and no title',
    async () => {
      const swj = as.fy_swj_xxy;
      const probes = [
        await swj.get(`/api/items/${item.id}`),
        await swj.get(`/api/items/${item.id}/versions/1`),
        await swj.get(`/api/items/${item.id}/diff?from=1&to=2`),
        await swj.patch(`/api/items/${item.id}`, { title: '越权修改', version: item.version }),
        await swj.post(`/api/items/${item.id}/actions/withdraw`, { version: item.version }),
      ];
      for (const res of probes) {
        expect.status(res, 404);
        expect.true(
          !res.text.includes('惠企资金'),
          `${res.method} ${res.path} 不含标题 / no title`,
          res.text,
        );
      }
      const mine = await listAll('fy_swj_xxy', 'box=mine');
      expect.true(
        !mine.rows.some((r) => r.id === item.id),
        '水务局“我的信息”中没有 / not in 水务局 list',
        mine.total,
      );
      await expectUnchanged('fy_czj_xxy', item, '越权请求后 / after the attempts');
      return probes[0].body?.message;
    },
  );

  await step('签发人签发报送', 'the unit signer signs and submits', async () => {
    const res = await act('fy_czj_qf', item, 'sign');
    expect.status(res, 200);
    expect.equal(res.body?.status, 'submitted', 'status');
    expect.equal(res.body?.signer?.name, '周国栋', 'signer');
    expect.true(Boolean(res.body?.submittedAt), 'submittedAt', res.body?.submittedAt);
    Object.assign(item, res.body);
    const inbox = await as.editor.get('/api/items?box=inbox&status=submitted&pageSize=100');
    expect.true(
      (inbox.body?.items ?? []).some((r) => r.id === item.id),
      '编辑收稿箱中可见 / in the editor’s inbox',
      inbox.body?.total,
    );
    return `${res.body.signer.name} ${res.body.signer.signedAt}`;
  });

  const returnReason = '请补充资金拨付的具体金额和受益企业类型。';
  await step(
    '编辑退回：缺理由 400，有理由成功',
    'the editor returns it: no reason → 400, with a reason → returned',
    async () => {
      const editorView = await detail('editor', item.id);
      expect.includes(editorView.actions ?? [], 'return', 'editor actions');
      const bare = await act('editor', editorView, 'return');
      expect.status(bare, 400, '无理由退回 / return without a reason');
      expect.chinese(bare.body?.message, '提示 / message');
      const blank = await act('editor', editorView, 'return', { reason: '   ' });
      expect.status(blank, 400, '空白理由 / blank reason');
      await expectUnchanged('editor', editorView, '被拒绝后 / after the refusals');
      const res = await act('editor', editorView, 'return', { reason: returnReason });
      expect.status(res, 200);
      expect.equal(res.body?.status, 'returned', 'status');
      Object.assign(item, res.body);
      return bare.body.message;
    },
  );

  const v3Body = paragraphs(
    '今年以来，市财政局聚焦市场主体所需所盼，建立惠企资金直达机制，截至目前已向全市326家企业拨付各类补贴资金1.2亿元，其中小微企业占八成。',
    '下一步，市财政局将持续优化资金拨付流程，确保政策红利应享尽享。',
  );
  await step(
    '信息员修改（第 3 版）并重新提交，签发人再签发',
    'the reporter revises (version 3), resubmits, the signer signs again',
    async () => {
      const mine = await detail('fy_czj_xxy', item.id);
      expect.equal(mine.status, 'returned', 'status');
      expect.true(
        (mine.timeline ?? []).some((e) => e.reason === returnReason),
        '时间线中有退回理由 / the reason is in the timeline',
        mine.timeline,
      );
      const edited = await as.fy_czj_xxy.patch(`/api/items/${item.id}`, {
        body: v3Body,
        version: mine.version,
        reason: '按编辑意见补充金额',
      });
      expect.status(edited, 200);
      expect.equal(edited.body?.currentVersion, 3, 'currentVersion');
      const submitted = await act('fy_czj_xxy', edited.body, 'submit_for_signoff');
      expect.status(submitted, 200);
      expect.equal(submitted.body?.status, 'pending_signoff', 'status');
      const signed = await act('fy_czj_qf', submitted.body, 'sign');
      expect.status(signed, 200);
      expect.equal(signed.body?.status, 'submitted', 'status');
      Object.assign(item, signed.body);
      return `v${signed.body.currentVersion} ${signed.body.statusLabel}`;
    },
  );

  const v4Title = tag('市财政局惠企资金直达快享');
  const v4Body = paragraphs(
    '今年以来，市财政局建立惠企资金直达机制，已向全市326家企业拨付补贴资金1.2亿元，其中小微企业占八成。',
    '下一步，该局将持续优化拨付流程，确保政策红利应享尽享。',
  );
  await step(
    '编辑修改（第 4 版）并拟采用到《汾阳政务信息》',
    'the editor edits (version 4) and accepts it into 《汾阳政务信息》',
    async () => {
      const edited = await as.editor.patch(`/api/items/${item.id}`, {
        title: v4Title,
        body: v4Body,
        version: item.version,
        reason: '精简文字',
      });
      expect.status(edited, 200);
      expect.equal(edited.body?.currentVersion, 4, 'currentVersion');
      const pub = await publication('editor', 'own', OWN_PUBLICATION);
      const noTarget = await act('editor', edited.body, 'accept');
      expect.status(noTarget, 400, '未选刊物 / no target publication');
      const res = await act('editor', edited.body, 'accept', { targetPublicationId: pub.id });
      expect.status(res, 200);
      expect.equal(res.body?.status, 'accepted', 'status');
      expect.equal(res.body?.targetPublication?.name, OWN_PUBLICATION, 'targetPublication');
      Object.assign(item, res.body);
      return `${res.body.statusLabel} →《${res.body.targetPublication.name}》`;
    },
  );

  await step(
    '两位编辑同时保存同一版本：一个成功、一个 409',
    'two saves of the same version: one 200, one 409',
    async () => {
      const [a, b] = await Promise.all([
        as.editor.patch(`/api/items/${item.id}`, { keywords: ['惠企资金', '直达'], version: item.version }),
        as.editor2.patch(`/api/items/${item.id}`, {
          keywords: ['惠企资金', '小微企业'],
          version: item.version,
        }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect.equal(statuses, [200, 409], '两次保存的状态码 / statuses of the two saves');
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect.chinese(lost.body?.message, '冲突提示 / conflict message');
      const after = await detail('editor', item.id);
      expect.equal(after.keywords, won.body.keywords, '保存成功的一方的关键词 / the winner’s keywords');
      expect.equal(after.version, item.version + 1, 'version');
      Object.assign(item, after);
      return lost.body.message;
    },
  );

  await step('版本差异：第 1 版与第 4 版', 'the diff between version 1 and version 4', async () => {
    const versions = (await detail('fy_czj_xxy', item.id)).versions ?? [];
    expect.equal(
      versions.map((v) => v.versionNo),
      [1, 2, 3, 4],
      '版本 / versions',
    );
    expect.true(
      versions.every((v) => v.editorName && v.reason && v.createdAt),
      '每个版本有修改人、理由、时间 / who, why, when',
      versions,
    );
    const v1 = await as.fy_czj_xxy.get(`/api/items/${item.id}/versions/1`);
    expect.status(v1, 200);
    expect.equal(v1.body?.body, v1Body, '第 1 版正文 / body of version 1');
    const res = await as.fy_czj_xxy.get(`/api/items/${item.id}/diff?from=1&to=4`);
    expect.status(res, 200);
    const types = new Set((res.body?.body ?? []).map((s) => s.type));
    expect.true(
      types.has('insert') && types.has('delete') && types.has('equal'),
      '正文差异段 / body segments',
      [...types],
    );
    const join = (keep) =>
      (res.body.body ?? [])
        .filter((s) => keep.includes(s.type))
        .map((s) => s.text)
        .join('');
    expect.equal(join(['equal', 'delete']), v1Body, '“相同+删除”还原第 1 版 / equal+delete = v1');
    expect.equal(join(['equal', 'insert']), v4Body, '“相同+插入”得到第 4 版 / equal+insert = v4');
    const deleted = (res.body.body ?? [])
      .filter((s) => s.type === 'delete')
      .map((s) => s.text)
      .join('');
    expect.true(deleted.includes('XX'), '删除的占位符 / the removed placeholder', deleted);
    return `${res.body.body.length} 段 / segments`;
  });

  let copyId;
  await step('转报吕梁；重复转报 409', 'forward to 吕梁; a second forward → 409', async () => {
    const res = await act('editor', item, 'forward');
    expect.status(res, 200);
    expect.equal(res.body?.forwardedTo?.officeName, LL_OFFICE, 'forwardedTo.officeName');
    expect.equal(res.body?.forwardedTo?.status, 'submitted', 'forwardedTo.status');
    Object.assign(item, res.body);
    copyId = res.body.forwardedTo.id;
    const again = await act('editor', item, 'forward');
    expect.status(again, 409);
    expect.chinese(again.body?.message, '提示 / message');
    return again.body.message;
  });

  await step(
    '吕梁编辑在收稿箱中看到并拟采用',
    'the 吕梁 editor finds it in the inbox and accepts it',
    async () => {
      const inbox = await as.ll_editor.get('/api/items?box=inbox&status=submitted&pageSize=100');
      expect.status(inbox, 200);
      const row = (inbox.body?.items ?? []).find((r) => r.id === copyId);
      expect.true(Boolean(row), '吕梁收稿箱中的转报件 / the copy in 吕梁’s inbox', inbox.body?.total);
      expect.equal(row.originUnit?.name, '汾阳市财政局', '原报送单位保留 / origin unit kept');
      const copy = await detail('ll_editor', copyId);
      expect.equal(copy.title, v4Title, '转报件是编辑后的最终稿 / the copy carries the edited text');
      expect.equal(copy.forwardedFrom?.id, item.id, 'forwardedFrom');
      const pub = await publication('ll_editor', 'own', LL_PUBLICATION);
      const res = await act('ll_editor', copy, 'accept', { targetPublicationId: pub.id });
      expect.status(res, 200);
      expect.equal(res.body?.status, 'accepted', 'status');
      return `${row.submittingUnit?.name} → 《${LL_PUBLICATION}》`;
    },
  );

  await step(
    '登记《晋政信息●普刊》采用；重复登记 409',
    'record the 《晋政信息●普刊》 adoption; a duplicate → 409',
    async () => {
      const pub = await publication('editor', 'upper', UPPER_PUBLICATION);
      const body = {
        publicationId: pub.id,
        adoptionKind: '全文采用',
        adoptedOn: new Date().toISOString().slice(0, 10),
        issueLabel: `${new Date().getFullYear()}年第12期`,
      };
      const res = await as.editor.post(`/api/items/${item.id}/adoptions`, body);
      expect.status(res, 201);
      const adoption = (res.body?.adoptions ?? []).find((a) => a.publicationName === UPPER_PUBLICATION);
      expect.true(Boolean(adoption), 'adoptions', res.body?.adoptions);
      expect.equal(adoption.recordedByName, '张文秀', 'recordedByName');
      const dup = await as.editor.post(`/api/items/${item.id}/adoptions`, body);
      expect.status(dup, 409);
      expect.chinese(dup.body?.message, '提示 / message');
      const forwarded = await listAll('editor', 'box=forwarded');
      const row = forwarded.rows.find((r) => r.id === item.id);
      expect.true(Boolean(row), '转报与采用列表 / in the forwarded list', forwarded.total);
      expect.equal(row.adoptionCount, 1, 'adoptionCount');
      expect.equal(row.forwardedTo?.status, 'accepted', '上级状态 / upper status');
      Object.assign(item, res.body);
      return dup.body.message;
    },
  );

  await step(
    '信息员看到完整时间线（含吕梁采用和上级采用）',
    'the reporter sees the whole timeline, 吕梁 and the adoption included',
    async () => {
      const d = await detail('fy_czj_xxy', item.id);
      expect.equal(d.title, v4Title, '单位看到编辑后的最终稿 / the unit sees the final text');
      expect.equal(d.forwardedTo?.status, 'accepted', 'forwardedTo.status');
      const timeline = d.timeline ?? [];
      const actions = timeline.map((e) => e.action);
      const count = (a) => actions.filter((x) => x === a).length;
      expect.equal(count('submit_for_signoff'), 2, '提交签发两次 / submitted for sign-off twice');
      expect.equal(count('sign'), 2, '签发两次 / signed twice');
      for (const a of ['return', 'forward', 'record_adoption'])
        expect.includes(actions, a, '时间线 / timeline');
      const accepts = timeline.filter((e) => e.action === 'accept');
      expect.true(
        accepts.some((e) => /吕梁/.test(`${e.actorUnitName ?? ''}${e.officeName ?? ''}`)),
        '吕梁的拟采用 / 吕梁’s acceptance',
        accepts,
      );
      expect.true(
        accepts.some((e) => /汾阳/.test(`${e.actorUnitName ?? ''}${e.officeName ?? ''}`)),
        '汾阳的拟采用 / 汾阳’s acceptance',
        accepts,
      );
      expect.true(
        timeline.every((e) => e.at && e.actorName && e.actionLabel),
        '每条记录有时间、操作人、动作 / time, actor, label on every event',
        timeline.find((e) => !(e.at && e.actorName && e.actionLabel)),
      );
      const reasons = timeline.filter((e) => e.reason).map((e) => e.reason);
      expect.includes(reasons, returnReason, '退回理由 / the return reason');
      expect.equal(d.adoptions?.length, 1, 'adoptions');
      return timeline.map((e) => e.actionLabel).join(' → ');
    },
  );

  await step(
    '角色不符 403，状态不符 409，均不改变信息',
    'wrong role → 403, wrong state → 409, nothing changes',
    async () => {
      const pub = await publication('editor', 'own', OWN_PUBLICATION);
      const mine = await detail('fy_czj_xxy', item.id);
      const role = await act('fy_czj_xxy', mine, 'accept', { targetPublicationId: pub.id });
      expect.status(role, 403, '信息员拟采用 / reporter accepts');
      expect.chinese(role.body?.message, '提示 / message');
      const state = await act('fy_czj_qf', mine, 'sign');
      expect.status(state, 409, '签发已采用的信息 / sign an accepted item');
      expect.chinese(state.body?.message, '提示 / message');
      await expectUnchanged('fy_czj_xxy', mine, '拒绝后 / after the refusals');
      return `${role.body.message}；${state.body.message}`;
    },
  );

  await step(
    '标题中的 HTML 原样保存和返回',
    'HTML in the title is stored and returned verbatim',
    async () => {
      const raw = `<script>alert("xss")</script><b>标题测试</b>${suffix}`;
      const res = await newItem('fy_czj_xxy', {
        title: raw,
        body: '正文中的<img src=x onerror=alert(1)>也只是文字。',
      });
      expect.status(res, 201);
      const d = await detail('fy_czj_xxy', res.body.id);
      expect.equal(d.title, raw, 'title');
      expect.equal(d.body, '正文中的<img src=x onerror=alert(1)>也只是文字。', 'body');
      return d.title;
    },
  );

  let urgent;
  await step(
    '紧急信息排在收稿箱首位并有时限',
    'an urgent item is first in the inbox, with a deadline',
    async () => {
      const eventAt = new Date(Date.now() - 60 * 60_000).toISOString();
      const created = await newItem('fy_czj_xxy', {
        title: tag('我市突发强降雨财政局紧急下拨防汛资金'),
        body: '今日凌晨我市出现强降雨，市财政局第一时间启动应急预案，紧急下拨防汛救灾资金五百万元，支持受灾乡镇开展抢险工作。',
        priority: 'urgent',
        eventAt,
      });
      expect.status(created, 201);
      const submitted = await act('fy_czj_xxy', created.body, 'submit_for_signoff');
      expect.status(submitted, 200);
      const signed = await act('fy_czj_qf', submitted.body, 'sign');
      expect.status(signed, 200);
      urgent = signed.body;
      const inbox = await as.editor.get('/api/items?box=inbox');
      expect.status(inbox, 200);
      const first = inbox.body?.items?.[0];
      expect.equal(first?.id, urgent.id, '收稿箱第一条 / first in the inbox');
      expect.equal(first.priority, 'urgent', 'priority');
      expect.true(Boolean(first.deadlineAt), 'deadlineAt', first);
      const limits = await as.editor.get('/api/settings/workflow-limits');
      expect.status(limits, 200);
      const urgentHours = limits.body?.urgentHours;
      const hours = (Date.parse(first.deadlineAt) - Date.parse(eventAt)) / 3_600_000;
      expect.true(
        Math.abs(hours - urgentHours) < 0.01,
        `时限 = 事发后 ${urgentHours} 小时 / deadline = event + urgentHours`,
        hours,
        urgentHours,
      );
      expect.equal(first.overdue, false, 'overdue');
      return `${first.title}，事发后 ${urgentHours} 小时内（${first.deadlineAt}）`;
    },
  );

  await step(
    '合报：财政局和水务局的两条信息合为一条',
    'joint report: two submitted items of 财政局 and 水务局 merged',
    async () => {
      const ids = [];
      for (const [reporter, signer, t, b] of [
        [
          'fy_czj_xxy',
          'fy_czj_qf',
          '市财政局安排专项资金支持汾河生态修复',
          '市财政局统筹安排专项资金三千万元，重点支持汾河沿岸湿地保护和水土流失治理。',
        ],
        [
          'fy_swj_xxy',
          'fy_swj_qf',
          '市水务局全力推进汾河流域综合治理',
          '市水务局组织技术力量完成河道清淤二十公里，新建护岸工程八处，流域水质持续改善。',
        ],
      ]) {
        const created = await newItem(reporter, { title: tag(t), body: b });
        expect.status(created, 201);
        const submitted = await act(reporter, created.body, 'submit_for_signoff');
        expect.status(submitted, 200);
        const signed = await act(signer, submitted.body, 'sign');
        expect.status(signed, 200);
        ids.push(signed.body.id);
      }
      const res = await as.editor.post('/api/items/merge', {
        ids,
        title: tag('我市财政水务协同推进汾河流域生态治理'),
        body: '市财政局安排专项资金三千万元，市水务局完成河道清淤二十公里、新建护岸八处，汾河流域生态持续向好。',
        categoryCode: 'comprehensive',
      });
      expect.status(res, 201);
      expect.equal(res.body?.status, 'submitted', 'status');
      const credits = (res.body?.credits ?? []).map((c) => [c.unitName, c.share]).sort();
      expect.equal(
        credits.map(([, s]) => s),
        [500, 500],
        '两单位各半 / shares 500 + 500',
      );
      for (const id of ids) {
        const src = await detail('editor', id);
        expect.equal(src.status, 'merged', '源信息状态 / source status');
        expect.equal(src.mergedInto?.id, res.body.id, 'mergedInto');
      }
      return credits.map(([u, s]) => `${u} ${s / 10}%`).join('，');
    },
  );

  await step('浏览器中查看编辑的收稿箱并截图', 'the editor’s inbox in Chromium, screenshot', async () => {
    const opts = {
      chromiumPath,
      baseUrl,
      resultsDir,
      password: PASSWORD,
      viewport: { width: 1366, height: 900 },
    };
    return screenshotAs({ ...opts, name: 'acceptance-workflow', username: 'editor' }, async (page) => {
      await page.goto('/inbox');
      const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await firstRow.getByText(urgent.title).waitFor();
      await firstRow.getByText('急', { exact: true }).waitFor();
    });
  });
}

/**
 * The demo year as the seed defines it: the last complete calendar year in Beijing time
 * (server/db/seed/demo-items-kit.ts); the list filters' days are Beijing days too.
 */
function demoYear() {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
