import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryEntries, items } from '../../db/schema/index.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { act, makeItem } from './test-factory.ts';

let t: TestApp;
let reporter: Session; // 财政局
let swjReporter: Session; // 水务局
let editor: Session; // 汾阳 office

beforeAll(async () => {
  t = await createTestApp();
  [reporter, swjReporter, editor] = await Promise.all([
    login(t.app, 'fy_czj_xxy'),
    login(t.app, 'fy_swj_xxy'),
    login(t.app, 'editor'),
  ]);
});
afterAll(() => t.close());

type Finding = {
  rule: string;
  severity: string;
  message: string;
  paragraph?: number;
  excerpt?: string;
  relatedItem?: { id: string; title: string; unitName: string; similarity: number };
};

async function check(s: Session, body: Record<string, unknown>): Promise<Finding[]> {
  const res = await s.request('POST', '/api/items/check', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().findings;
}

/** A well-written text on a subject no demo or test item shares. */
const CLEAN = {
  title: '市财政局组织政府采购电子卖场操作培训',
  body: '4月8日，市财政局组织全市92家预算单位的采购经办人员，开展政府采购电子卖场操作培训。\n培训围绕网上询价、竞价和合同备案等环节现场演示，参训人员逐项上机实操。',
};

/** Texts no other test item resembles: a flood-season report and the same facts rewritten. */
const FLOOD = {
  title: '汾阳市水务局全力做好汛期防汛准备工作',
  body:
    '入汛以来，汾阳市水务局高度重视防汛工作，组织技术人员对全市12座水库、36处淤地坝开展拉网式排查，整改隐患8处。\n' +
    '同时储备编织袋2万条、砂石料3000立方米，组建抢险队伍5支，确保安全度汛。',
};
const FLOOD_AGAIN = {
  title: '扎实开展汛前隐患排查',
  body:
    '今年入汛前，组织技术人员对全市12座水库和36处淤地坝进行拉网式排查，共发现并整改隐患8处。\n' +
    '储备防汛物资编织袋2万条、砂石料3000立方米，组建5支抢险队伍。',
};

describe('POST /api/items/check: access and input', () => {
  it('needs a session', async () => {
    expect((await anonymous(t.app, 'POST', '/api/items/check', CLEAN)).statusCode).toBe(401);
  });

  it('is refused to administrators and leaders, who see no item text', async () => {
    for (const username of ['admin', 'secadmin', 'auditor', 'leader']) {
      const s = await login(t.app, username);
      const res = await s.request('POST', '/api/items/check', CLEAN);
      expect(res.statusCode, username).toBe(403);
    }
  });

  it('is open to reporters, signers, editors and chief editors', async () => {
    for (const username of ['fy_czj_xxy', 'fy_czj_qf', 'editor', 'chief']) {
      const s = await login(t.app, username);
      expect((await s.request('POST', '/api/items/check', CLEAN)).statusCode, username).toBe(200);
    }
  });

  it.each([
    ['no body at all', undefined],
    ['a missing title', { body: '正文' }],
    ['a title that is not text', { title: 12, body: '正文' }],
    ['a body over 50000 characters', { title: '标题', body: '字'.repeat(50_001) }],
    ['a malformed item id', { ...CLEAN, itemId: 'abc' }],
    ['a phone that is not text', { ...CLEAN, authorPhone: 13800001111 }],
  ])('refuses %s with 400 and a Chinese message', async (_label, body) => {
    const res = await reporter.request('POST', '/api/items/check', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers 404 for another unit’s item, without its title', async () => {
    const other = await makeItem(t, { unit: 'fy_swj', status: 'draft' });
    const res = await reporter.request('POST', '/api/items/check', { ...CLEAN, itemId: other.id });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(other.title);
  });
});

describe('POST /api/items/check: rules', () => {
  it('finds nothing wrong with a clean text', async () => {
    expect(await check(reporter, { ...CLEAN, authorPhone: '0358-7221234', signerName: '王军' })).toEqual([]);
  });

  it('reports fatal findings first: placeholders, seeded sensitive words, a missing phone', async () => {
    const findings = await check(reporter, {
      title: '关于20XX年财政工作的报告',
      body: '会议传达了领导内部讲话精神,要求各单位严禁外传。\n全年完成投资**万元。',
      authorPhone: '',
    });
    const fatal = findings.filter((f) => f.severity === 'fatal');
    expect(fatal.map((f) => f.rule).sort()).toEqual([
      'missing_author_phone',
      'placeholder',
      'placeholder',
      'sensitive_word',
      'sensitive_word',
    ]);
    expect(findings.slice(0, fatal.length)).toEqual(fatal);
    expect(findings.find((f) => f.message.includes('领导内部讲话'))).toMatchObject({ paragraph: 1 });
    expect(findings.find((f) => f.message.includes('**'))).toMatchObject({
      paragraph: 2,
      excerpt: expect.stringContaining('**'),
    });
    expect(findings.find((f) => f.rule === 'halfwidth_punctuation')).toMatchObject({
      severity: 'warning',
      paragraph: 1,
    });
  });

  it('uses only active sensitive words', async () => {
    const text = { title: '市财政局会议', body: '本材料属内部资料。会议研究了预算工作。' };
    expect((await check(reporter, text)).map((f) => f.rule)).toContain('sensitive_word');
    await t.database.db
      .update(dictionaryEntries)
      .set({ active: false })
      .where(eq(dictionaryEntries.label, '内部资料'));
    try {
      expect((await check(reporter, text)).map((f) => f.rule)).not.toContain('sensitive_word');
    } finally {
      await t.database.db
        .update(dictionaryEntries)
        .set({ active: true })
        .where(eq(dictionaryEntries.label, '内部资料'));
    }
  });

  it('warns about an empty signer only when the field is sent', async () => {
    expect((await check(reporter, { ...CLEAN, signerName: ' ' })).map((f) => f.rule)).toEqual([
      'missing_signer',
    ]);
  });
});

describe('POST /api/items/check: near-duplicates', () => {
  let flood: Awaited<ReturnType<typeof makeItem>>;

  beforeAll(async () => {
    flood = await makeItem(t, { unit: 'fy_swj', status: 'submitted', ...FLOOD });
  });

  const duplicates = (findings: Finding[]) => findings.filter((f) => f.rule === 'near_duplicate');

  it('tells another unit’s reporter only that another unit reported something similar', async () => {
    const [found, ...rest] = duplicates(await check(reporter, FLOOD_AGAIN));
    expect(rest).toEqual([]);
    expect(found.severity).toBe('warning');
    expect(found.message).toBe('其他单位已有相似信息，请确认是否重复报送');
    expect(found.relatedItem).toBeUndefined();
    expect(found.excerpt).toBeUndefined();
    // No title, unit, id, date, count or similarity of the other unit's item.
    const said = JSON.stringify(found);
    for (const secret of [flood.title, flood.id, '水务局', '相似度', '%', String(new Date().getFullYear())]) {
      expect(said).not.toContain(secret);
    }
  });

  it('says the same to another unit’s signer, and names the match within the writer’s own unit', async () => {
    const signer = await login(t.app, 'fy_czj_qf');
    const [found] = duplicates(await check(signer, FLOOD_AGAIN));
    expect(found).toEqual({
      rule: 'near_duplicate',
      severity: 'warning',
      message: '其他单位已有相似信息，请确认是否重复报送',
    });
    const swjSigner = await login(t.app, 'fy_swj_qf');
    const [own] = duplicates(await check(swjSigner, FLOOD_AGAIN));
    expect(own.relatedItem?.id).toBe(flood.id);
  });

  it('names the related item to the office’s editor and to the unit that wrote it', async () => {
    for (const s of [editor, swjReporter]) {
      const [found] = duplicates(await check(s, FLOOD_AGAIN));
      expect(found.relatedItem).toMatchObject({ id: flood.id, title: FLOOD.title, unitName: '汾阳市水务局' });
      expect(found.relatedItem!.similarity).toBeGreaterThanOrEqual(0.6);
      expect(found.message).toContain(`《${FLOOD.title}》`);
    }
  });

  it('does not compare an item with itself or with its upward copy', async () => {
    const copy = await makeItem(t, {
      unit: 'fy',
      office: 'll',
      origin: 'fy_swj',
      status: 'submitted',
      rootId: flood.id,
      forwardedFromId: flood.id,
      ...FLOOD,
    });
    expect(duplicates(await check(editor, { ...FLOOD, itemId: flood.id }))).toEqual([]);
    const llEditor = await login(t.app, 'll_editor');
    expect(duplicates(await check(llEditor, { ...FLOOD, itemId: copy.id }))).toEqual([]);
  });

  it('ignores drafts, items older than 90 days and items of other offices', async () => {
    const body = {
      title: '市文化局举办非遗展演周活动',
      body: '为弘扬优秀传统文化，市文化局在文化广场举办非遗展演周活动，集中展示汾阳地秧歌、剪纸、面塑等非遗项目26项，吸引群众1.2万人次参与。\n活动期间还开展了非遗进校园、进社区系列宣传。',
    };
    await makeItem(t, { unit: 'fy_whj', status: 'draft', ...body });
    const old = await makeItem(t, { unit: 'fy_whj', status: 'accepted', ...body });
    await t.database.db
      .update(items)
      .set({ submittedAt: sql`now() - interval '100 days'`, updatedAt: sql`now() - interval '100 days'` })
      .where(eq(items.id, old.id));
    await makeItem(t, { unit: 'xy', status: 'submitted', ...body });
    expect(duplicates(await check(editor, body))).toEqual([]);

    // The same text within the window is found, which shows the three above were left out on purpose.
    const recent = await makeItem(t, { unit: 'fy_whj', status: 'submitted', ...body });
    const [found] = duplicates(await check(editor, body));
    expect(found.relatedItem?.id).toBe(recent.id);
  });

  it('compares a unit’s own items awaiting sign-off for its members only', async () => {
    const text = {
      title: '市畜牧兽医局启动春季动物防疫集中免疫',
      body: '3月起，市畜牧兽医局在全市启动春季重大动物疫病集中免疫，组织防疫员126名，对猪牛羊和家禽开展口蹄疫、禽流感等疫病免疫，免疫密度达到100%。\n同时开展养殖场消毒灭源行动。',
    };
    const pending = await makeItem(t, { unit: 'fy_xmj', status: 'pending_signoff', ...text });
    const member = await login(t.app, 'fy_xmj_xxy');
    const [found] = duplicates(await check(member, text));
    expect(found.relatedItem?.id).toBe(pending.id);
    expect(duplicates(await check(editor, text))).toEqual([]);
  });
});

describe('the workflow refuses fatal findings', () => {
  it('blocks 提交签发 of a text with a sensitive word, with the findings in details', async () => {
    const draft = await makeItem(t, {
      unit: 'fy_czj',
      status: 'draft',
      title: '市财政局传达绝密文件精神',
      body: '会议传达了有关文件精神。会议要求抓好落实。',
    });
    const res = await act(reporter, draft, 'submit_for_signoff');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('绝密');
    expect(res.json().details.findings[0]).toMatchObject({ rule: 'sensitive_word', severity: 'fatal' });
  });
});
