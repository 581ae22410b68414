import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessmentAdjustments,
  assessmentChanges,
  assessmentLedger,
  assessmentRuleSets,
  assessmentRuns,
  auditEvents,
  itemCredits,
  items,
  notifications,
} from '../../db/schema/index.ts';
import { demoYear } from '../../db/seed/demo-items-kit.ts';
import { manualClock } from '../../lib/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { act, makeItem, orgByCode, publicationByName } from '../items/test-factory.ts';

/**
 * 考评 on the real API: the 考核办法 lifecycle (draft → active → new version → superseded) with
 * every refusal in Chinese and nothing changed; who reads what; the facts up the forwarding chain
 * counted at both offices and recomputed on the next read when an adoption comes or goes; 合报
 * shares; 模拟测算; the Excel export; and tied ranks.
 *
 * The seed writes the rule sets of the demo year and of the year after (the current one), from
 * the real date; the clock stands in March of that current year. Every scenario uses its own days
 * of the year, so the scenarios do not see each other's points.
 */

const Y = demoYear(new Date()) + 1;
const clock = manualClock(`${Y}-03-20T02:00:00Z`); // 10:00 on 20 March in Beijing
const day = (md: string) => `${Y}-${md}`;

let t: TestApp;
let editor: Session;
let chief: Session;
let leader: Session;
let reporter: Session;
let signer: Session;
let otherReporter: Session;
let llEditor: Session;
let admin: Session;
let fyId = '';
let llId = '';
const unit = new Map<string, string>();
const pub = new Map<string, string>();
const unitId = (code: string) => unit.get(code) ?? code;
const pubId = (name: string) => pub.get(name) ?? name;
/** The active rule sets of the current year, seeded. */
let fyCurrent = '';
let llCurrent = '';
type Rules = Record<string, unknown> & {
  adoption: { rows: { key: string; label?: string; points: string; publicationIds?: string[] }[] } & Record<
    string,
    unknown
  >;
  quotas: Record<string, unknown>[];
};
let fyRules: Rules;
let llRules: Rules;

beforeAll(async () => {
  t = await createTestApp({ clock });
  [editor, chief, leader, reporter, signer, otherReporter, llEditor, admin] = await Promise.all(
    ['editor', 'chief', 'leader', 'fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'll_editor', 'admin'].map((u) =>
      login(t.app, u),
    ),
  );
  fyId = (await orgByCode(t, 'fy')).id;
  llId = (await orgByCode(t, 'll')).id;
  for (const code of [
    'fy',
    'xy',
    'ls',
    'fy_czj',
    'fy_swj',
    'fy_whj',
    'fy_xfj',
    'fy_dcd',
    'fy_sbsq',
    'fy_gsj',
    'fy_zcb',
  ]) {
    unit.set(code, (await orgByCode(t, code)).id);
  }
  for (const name of ['汾阳政务信息', '吕梁政务信息●普刊', '晋政信息●普刊', '晋政信息●互联网']) {
    pub.set(name, (await publicationByName(t, name)).id);
  }
  const current = await t.database.db
    .select()
    .from(assessmentRuleSets)
    .where(and(eq(assessmentRuleSets.status, 'active'), eq(assessmentRuleSets.periodStart, day('01-01'))));
  const fy = current.find((r) => r.officeId === fyId);
  const ll = current.find((r) => r.officeId === llId);
  if (!fy || !ll) throw new Error(`no active rule sets for ${Y}`);
  fyCurrent = fy.id;
  llCurrent = ll.id;
  fyRules = fy.rules as Rules;
  llRules = ll.rules as Rules;
});
afterAll(() => t.close());

const db = () => t.database.db;
type Res = Awaited<ReturnType<Session['request']>>;

async function ok(res: Res, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** Everything a refused request must leave as it was. */
async function state() {
  const [ledger] = await db().select({ n: count() }).from(assessmentLedger);
  const [audits] = await db().select({ n: count() }).from(auditEvents);
  return {
    ruleSets: await db().select().from(assessmentRuleSets).orderBy(asc(assessmentRuleSets.id)),
    runs: await db().select().from(assessmentRuns).orderBy(asc(assessmentRuns.ruleSetId)),
    ledger: ledger?.n ?? 0,
    audits: audits?.n ?? 0,
    adjustments: await db().select().from(assessmentAdjustments).orderBy(asc(assessmentAdjustments.id)),
  };
}

async function refused(send: () => Promise<Res>, status: number, message?: string | RegExp) {
  const before = await state();
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else if (message) expect(body.message).toMatch(message);
  expect(await state()).toEqual(before);
  return body;
}

async function audits(action: string, targetId: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .orderBy(asc(auditEvents.id));
}

type Row = {
  rank: number;
  unitId: string;
  unitName: string;
  submitted: number;
  adoptedOwn: string;
  adoptedUpper: string;
  adoptedItems: number;
  adoptionRate: number | null;
  points: string;
  cumulative: string;
  noSubmissions: boolean;
  noAdoptions: boolean;
};
type Ranking = {
  office: { id: string; name: string };
  ruleSet: { id: string; name: string; status: string };
  computedAt: string | null;
  groups: { code: string; name: string; rows: Row[] }[];
  totals: Record<string, unknown>;
  allUnits: boolean;
};
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

async function ranking(s: Session, q: Record<string, string>): Promise<Ranking> {
  return ok(await s.request('GET', `/api/assessment/ranking?${qs(q)}`));
}
function rowOf(r: Ranking, id: string): Row {
  const row = r.groups.flatMap((g) => g.rows).find((x) => x.unitId === id);
  if (!row) throw new Error(`unit ${id} not ranked`);
  return row;
}
type Entry = {
  kind: string;
  on: string;
  itemId: string | null;
  link: string | null;
  points: string;
  detail: string;
};
async function entries(s: Session, q: Record<string, string>) {
  return (await ok(await s.request('GET', `/api/assessment/entries?${qs(q)}`))) as {
    entries: Entry[];
    total: string;
    unit: { id: string; name: string };
  };
}
/** Points as exact ten-thousandths, for adding up. */
const pts = (text: string) => Math.round(Number(text) * 10_000);
const fmt = (n: number) => String(n / 10_000);

/** An item accepted at its office (submitted at the clock's time, so it falls on the clock's day). */
async function accepted(unitCode: string, office?: string) {
  const row = await makeItem(t, { unit: unitCode, office, status: 'accepted' });
  await db().update(items).set({ submittedAt: clock.now() }).where(eq(items.id, row.id));
  return row;
}
/** Forwards an accepted item to the office above, through the API; returns the copy's id. */
async function forward(s: Session, item: { id: string; version: number }): Promise<string> {
  const detail = await ok(await act(s, item, 'forward'));
  return detail.forwardedTo.id as string;
}
/** 上级采用登记 through the API; returns the adoption's id. */
async function adopt(s: Session, itemId: string, publication: string, adoptedOn: string): Promise<string> {
  const detail = await ok(
    await s.request('POST', `/api/items/${itemId}/adoptions`, {
      publicationId: pubId(publication),
      adoptionKind: '全文采用',
      adoptedOn,
    }),
    201,
  );
  const a = (detail.adoptions as { id: string; publicationName: string; adoptedOn: string }[]).find(
    (x) => x.publicationName === publication && x.adoptedOn === adoptedOn,
  );
  if (!a) throw new Error('adoption not shown');
  return a.id;
}

const withRow = (rules: Rules, key: string, points: string): Rules => ({
  ...rules,
  adoption: {
    ...rules.adoption,
    rows: rules.adoption.rows.map((r) => (r.key === key ? { ...r, points } : r)),
  },
});

describe('考核办法: draft, activation, versions', () => {
  const past = Y - 2;
  type View = { id: string; version: number; name: string };
  let d1: View = { id: '', version: 0, name: '' };
  let d2: View = { id: '', version: 0, name: '' };
  let d3: View = { id: '', version: 0, name: '' };
  const body = () => ({
    name: `${past}年度汾阳市政务信息工作考核办法（补录）`,
    periodStart: `${past}-01-01`,
    periodEnd: `${past}-12-31`,
    rules: fyRules,
    note: '补录往年考核',
  });

  it('the editor writes a draft for a period; it reads back with its rules said in Chinese', async () => {
    const res = await editor.request('POST', '/api/assessment/rule-sets', body());
    const view = await ok(res, 201);
    d1 = view;
    expect(view).toMatchObject({
      seriesId: view.id,
      versionNo: 1,
      officeId: fyId,
      officeName: '汾阳市人民政府办公室',
      status: 'draft',
      statusLabel: '草稿',
      createdByName: '张文秀',
      createdAt: clock.now().toISOString(),
      activatedAt: null,
      computedAt: null,
      problems: [],
      canEdit: true,
      canActivate: true,
      canNewVersion: false,
    });
    expect(view.rules).toEqual(fyRules);
    expect(view.versions).toHaveLength(1);
    const got = await ok(await editor.request('GET', `/api/assessment/rule-sets/${d1.id}`));
    expect(got.explanation.length).toBeGreaterThan(5);
    for (const line of got.explanation) expect(line).toMatch(/^[\u4e00-\u9fa5“《].*。$/);
    expect(got.explanation).toContain('采用计分4：《晋政信息●普刊》采用的，每条计10分。');
    expect(got.explanation[0]).toContain('“一类部门”');
    expect(await audits('assessment.rule_set_created', d1.id)).toHaveLength(1);
    // The list shows it with the seeded ones.
    const list = await ok(await editor.request('GET', '/api/assessment/rule-sets'));
    expect(list.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([d1.id, fyCurrent]));
    expect(list.every((r: { officeId: string }) => r.officeId === fyId)).toBe(true);
  });

  it('refuses malformed bodies in Chinese and stores nothing', async () => {
    for (const [bad, message] of [
      [{ ...body(), periodEnd: `${past - 1}-12-31` }, /考核期间的结束日期不能早于开始日期/],
      [{ ...body(), periodStart: `${past}-02-30` }, /考核期间开始日期/],
      [{ ...body(), name: ' ' }, /请填写考核办法名称/],
      [{ ...body(), rules: { ...fyRules, groups: [] } }, /^考核规则有误：排名分组：至少设置一个排名分组/],
      [
        { ...body(), rules: { ...fyRules, joint: 'half' } },
        /^考核规则有误：合报分配：合报分配方式须为平均或按比例/,
      ],
      [{ ...body(), officeId: 'fy' }, /办公室编号格式不正确/],
    ] as const) {
      await refused(() => editor.request('POST', '/api/assessment/rule-sets', bad), 400, message);
    }
  });

  it('shows the problems of a draft and will not activate it while any is left', async () => {
    const broken: Rules = {
      ...fyRules,
      adoption: {
        ...fyRules.adoption,
        rows: [
          ...fyRules.adoption.rows,
          { key: 'gone', label: '已撤销的刊物', publicationIds: [randomUUID()], points: '1' },
        ],
      },
      quotas: [{ ...fyRules.quotas[0], groups: ['villages'] }],
    };
    const saved = await ok(
      await editor.request('PUT', `/api/assessment/rule-sets/${d1.id}`, {
        ...body(),
        rules: broken,
        version: d1.version,
      }),
    );
    expect(saved.version).toBe(d1.version + 1);
    d1 = saved;
    expect(saved.problems).toEqual([
      '采用计分第6条（已撤销的刊物）引用的刊物不存在或不可用于本办公室',
      '任务规则“季度报送任务”引用的排名分组“villages”不存在',
    ]);
    expect(saved.canActivate).toBe(false);
    const res = await refused(
      () => editor.request('POST', `/api/assessment/rule-sets/${d1.id}/activate`, { version: d1.version }),
      400,
      '考核办法还有 2 处问题，不能启用：采用计分第6条（已撤销的刊物）引用的刊物不存在或不可用于本办公室',
    );
    expect(res.details.problems).toHaveLength(2);
    expect(await audits('assessment.rule_set_updated', d1.id)).toHaveLength(1);
  });

  it('refuses a save on a stale version', async () => {
    await refused(
      () =>
        editor.request('PUT', `/api/assessment/rule-sets/${d1.id}`, { ...body(), version: d1.version - 1 }),
      409,
      '该考核办法已被他人修改，请刷新后重试（您本次的修改尚未保存）',
    );
  });

  it('activates a valid draft and computes its ledger in the same step', async () => {
    d1 = await ok(
      await chief.request('PUT', `/api/assessment/rule-sets/${d1.id}`, { ...body(), version: d1.version }),
    );
    expect(d1).toMatchObject({ problems: [], canActivate: true });
    const active = await ok(
      await editor.request('POST', `/api/assessment/rule-sets/${d1.id}/activate`, { version: d1.version }),
    );
    expect(active).toMatchObject({
      status: 'active',
      statusLabel: '已启用',
      activatedByName: '张文秀',
      activatedAt: clock.now().toISOString(),
      computedAt: clock.now().toISOString(),
      version: d1.version + 1,
      canEdit: false,
      canActivate: false,
      canNewVersion: true,
    });
    d1 = active;
    const [run] = await db().select().from(assessmentRuns).where(eq(assessmentRuns.ruleSetId, d1.id));
    expect(run).toMatchObject({ asOf: day('03-20') });
    const [audit] = await audits('assessment.rule_set_activated', d1.id);
    expect(audit).toMatchObject({
      targetType: 'assessment_rule_set',
      targetLabel: `${past}年度汾阳市政务信息工作考核办法（补录）（第1版）`,
      diff: { supersedes: null },
    });
    // Its ranking reads (nothing happened that year: every unit 0, all tied first).
    const r = await ranking(editor, { ruleSetId: d1.id, from: `${past}-01-01`, to: `${past}-12-31` });
    expect(r.ruleSet).toMatchObject({ id: d1.id, status: 'active' });
    expect(r.groups.map((g) => g.code)).toEqual(['dept_1', 'dept_2', 'dept_3', 'township']);
    expect(new Set(r.groups.flatMap((g) => g.rows.map((x) => x.rank)))).toEqual(new Set([1]));
  });

  it('never edits, deletes or re-activates an active version', async () => {
    await refused(
      () => editor.request('PUT', `/api/assessment/rule-sets/${d1.id}`, { ...body(), version: d1.version }),
      409,
      '已启用的考核办法不能修改；如需调整，请新建版本',
    );
    await refused(
      () => editor.request('DELETE', `/api/assessment/rule-sets/${d1.id}?version=${d1.version}`),
      409,
      '已启用的考核办法不能删除；如需调整，请新建版本',
    );
    await refused(
      () => editor.request('POST', `/api/assessment/rule-sets/${d1.id}/activate`, { version: d1.version }),
      409,
      '已启用的考核办法不能再次启用；如需调整，请新建版本',
    );
  });

  it('makes a new draft version from the active one, only one draft at a time', async () => {
    const v2 = await ok(await chief.request('POST', `/api/assessment/rule-sets/${d1.id}/versions`), 201);
    expect(v2).toMatchObject({
      seriesId: d1.id,
      versionNo: 2,
      status: 'draft',
      name: `${past}年度汾阳市政务信息工作考核办法（补录）`,
      periodStart: `${past}-01-01`,
      periodEnd: `${past}-12-31`,
      note: '补录往年考核',
      createdByName: '陈志强',
      canEdit: true,
    });
    expect(v2.rules).toEqual(fyRules);
    expect(v2.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
    d2 = v2;
    expect(await audits('assessment.rule_set_versioned', d2.id)).toHaveLength(1);
    const again = '该考核办法已有未启用的草稿（第2版），请先修改或删除它';
    await refused(() => editor.request('POST', `/api/assessment/rule-sets/${d1.id}/versions`), 409, again);
    await refused(() => editor.request('POST', `/api/assessment/rule-sets/${d2.id}/versions`), 409, again);
    // The series' active version still shows it cannot take another version.
    const v1 = await ok(await editor.request('GET', `/api/assessment/rule-sets/${d1.id}`));
    expect(v1.canNewVersion).toBe(false);
  });

  it('activating v2 supersedes v1, which can never be activated again', async () => {
    d2 = await ok(
      await editor.request('PUT', `/api/assessment/rule-sets/${d2.id}`, {
        ...body(),
        rules: withRow(fyRules, 'sx', '12'),
        version: d2.version,
      }),
    );
    d2 = await ok(
      await editor.request('POST', `/api/assessment/rule-sets/${d2.id}/activate`, { version: d2.version }),
    );
    expect(d2).toMatchObject({ status: 'active', versionNo: 2 });
    const v1 = await ok(await editor.request('GET', `/api/assessment/rule-sets/${d1.id}`));
    expect(v1).toMatchObject({ status: 'superseded', statusLabel: '已停用（旧版本）', canNewVersion: true });
    d1 = v1;
    const [audit] = await audits('assessment.rule_set_activated', d2.id);
    expect(audit?.diff).toEqual({ supersedes: `${past}年度汾阳市政务信息工作考核办法（补录）（第1版）` });
    await refused(
      () => editor.request('POST', `/api/assessment/rule-sets/${d1.id}/activate`, { version: d1.version }),
      409,
      '已停用的旧版本不能再次启用；如需恢复，请以它为底稿新建版本',
    );
    // The superseded version keeps its ledger.
    expect(await db().select().from(assessmentRuns).where(eq(assessmentRuns.ruleSetId, d1.id))).toHaveLength(
      1,
    );
  });

  it('refuses a period overlapping another active 考核办法 of the office', async () => {
    d3 = await ok(
      await editor.request('POST', '/api/assessment/rule-sets', {
        ...body(),
        name: '下半年考核办法',
        periodStart: `${Y - 1}-07-01`,
        periodEnd: `${Y - 1}-12-31`,
      }),
      201,
    );
    await refused(
      () => editor.request('POST', `/api/assessment/rule-sets/${d3.id}/activate`, { version: d3.version }),
      409,
      `考核期间与已启用的《${Y - 1}年度汾阳市政务信息工作考核办法》（${Y - 1}-01-01—${Y - 1}-12-31）重叠，请先调整期间`,
    );
  });

  it('deletes a draft (on its current version only)', async () => {
    await refused(
      () => editor.request('DELETE', `/api/assessment/rule-sets/${d3.id}?version=${d3.version + 1}`),
      409,
      '该考核办法已被他人修改，请刷新后重试（您本次的修改尚未保存）',
    );
    await refused(() => editor.request('DELETE', `/api/assessment/rule-sets/${d3.id}`), 400, /缺少版本号/);
    const res = await editor.request('DELETE', `/api/assessment/rule-sets/${d3.id}?version=${d3.version}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await db().select().from(assessmentRuleSets).where(eq(assessmentRuleSets.id, d3.id))).toEqual([]);
    expect(await audits('assessment.rule_set_deleted', d3.id)).toHaveLength(1);
    expect((await editor.request('GET', `/api/assessment/rule-sets/${d3.id}`)).statusCode).toBe(404);
  });

  it('recomputes an active one on request, not a draft', async () => {
    const draft = await ok(await editor.request('POST', `/api/assessment/rule-sets/${d2.id}/versions`), 201);
    await refused(
      () => editor.request('POST', `/api/assessment/rule-sets/${draft.id}/recompute`),
      409,
      '只有已启用的考核办法才计算得分；草稿请用“模拟测算”',
    );
    const res = await ok(await editor.request('POST', `/api/assessment/rule-sets/${d2.id}/recompute`));
    expect(res.computedAt).toBe(clock.now().toISOString());
    expect(await audits('assessment.recomputed', d2.id)).toHaveLength(1);
    expect(
      (await editor.request('DELETE', `/api/assessment/rule-sets/${draft.id}?version=1`)).statusCode,
    ).toBe(204);
  });
});

describe('who may do what', () => {
  const range = { from: day('01-01'), to: day('03-20') };
  let draftId = '';

  beforeAll(async () => {
    const res = await editor.request('POST', '/api/assessment/rule-sets', {
      name: '权限测试草稿',
      periodStart: `${Y - 3}-01-01`,
      periodEnd: `${Y - 3}-12-31`,
      rules: fyRules,
    });
    draftId = (await ok(res, 201)).id;
  });

  it('units and leaders do not manage rule sets (403)', async () => {
    const body = {
      name: '单位草稿',
      periodStart: `${Y - 3}-01-01`,
      periodEnd: `${Y - 3}-12-31`,
      rules: fyRules,
    };
    for (const s of [reporter, signer, leader]) {
      await refused(() => s.request('POST', '/api/assessment/rule-sets', body), 403);
      await refused(
        () => s.request('POST', `/api/assessment/rule-sets/${draftId}/activate`, { version: 1 }),
        403,
      );
      await refused(
        () =>
          s.request('POST', '/api/assessment/preview', {
            ...body,
            from: body.periodStart,
            to: body.periodStart,
          }),
        403,
      );
    }
    // They read the rule sets, without the staff's buttons.
    const seen = await ok(await reporter.request('GET', `/api/assessment/rule-sets/${fyCurrent}`));
    expect(seen).toMatchObject({ canEdit: false, canActivate: false, canNewVersion: false });
  });

  it('吕梁 cannot see or touch 汾阳’s rule sets', async () => {
    await refused(
      () => llEditor.request('GET', `/api/assessment/rule-sets/${draftId}`),
      404,
      '考核办法不存在或您无权查看',
    );
    await refused(
      () =>
        llEditor.request('PUT', `/api/assessment/rule-sets/${draftId}`, {
          name: '改',
          periodStart: `${Y - 3}-01-01`,
          periodEnd: `${Y - 3}-12-31`,
          rules: fyRules,
          version: 1,
        }),
      404,
    );
    await refused(
      () => llEditor.request('POST', `/api/assessment/rule-sets/${draftId}/activate`, { version: 1 }),
      404,
    );
    await refused(() => llEditor.request('DELETE', `/api/assessment/rule-sets/${draftId}?version=1`), 404);
    await refused(
      () =>
        llEditor.request('POST', '/api/assessment/rule-sets', {
          officeId: fyId,
          name: '代拟',
          periodStart: `${Y - 3}-01-01`,
          periodEnd: `${Y - 3}-12-31`,
          rules: fyRules,
        }),
      403,
      '只有本办公室信息科才能管理考核办法',
    );
    await refused(() => llEditor.request('GET', `/api/assessment/rule-sets?officeId=${fyId}`), 404);
    await refused(
      () => llEditor.request('GET', `/api/assessment/ranking?${qs({ officeId: fyId, ...range })}`),
      404,
    );
    // 汾阳 reads 吕梁's (it is ranked there) but does not manage it.
    const llRanking = await ranking(editor, { officeId: llId, ...range });
    expect(llRanking.allUnits).toBe(false);
    await refused(
      () => editor.request('POST', `/api/assessment/rule-sets/${llCurrent}/versions`),
      403,
      '只有本办公室信息科才能管理考核办法',
    );
  });

  it('the administrator has no business with rankings (403)', async () => {
    for (const url of [
      `/api/assessment/ranking?${qs(range)}`,
      `/api/assessment/ranking.xlsx?${qs(range)}`,
      '/api/assessment/rule-sets',
      `/api/assessment/entries?${qs({ ruleSetId: fyCurrent, unitId: unitId('fy_czj'), ...range })}`,
    ]) {
      expect((await admin.request('GET', url)).statusCode, url).toBe(403);
    }
  });

  it('a unit reads 汾阳’s ranking and its own entries only', async () => {
    const offices = await ok(await reporter.request('GET', '/api/assessment/offices'));
    expect(offices).toEqual([
      { id: fyId, name: '汾阳市人民政府办公室', relation: 'member', ownUnitIds: [unitId('fy_czj')] },
    ]);
    const r = await ranking(reporter, range);
    expect(r.office).toEqual({ id: fyId, name: '汾阳市人民政府办公室' });
    expect(r.ruleSet.id).toBe(fyCurrent);
    expect(r.allUnits).toBe(false);
    expect(r.groups.flatMap((g) => g.rows).length).toBeGreaterThan(20);
    const q = { ruleSetId: fyCurrent, from: range.from, to: range.to };
    await refused(
      () => reporter.request('GET', `/api/assessment/entries?${qs({ ...q, unitId: unitId('fy_swj') })}`),
      403,
      '只能查看本单位的得分明细',
    );
    expect(
      (
        await otherReporter.request(
          'GET',
          `/api/assessment/entries?${qs({ ...q, unitId: unitId('fy_czj') })}`,
        )
      ).statusCode,
    ).toBe(403);
    const own = await entries(reporter, { ...q, unitId: unitId('fy_czj') });
    expect(own.unit).toEqual({ id: unitId('fy_czj'), name: '汾阳市财政局' });
    // The leader reads every unit's.
    expect((await ranking(leader, range)).allUnits).toBe(true);
    await entries(leader, { ...q, unitId: unitId('fy_swj') });
  });

  it('吕梁’s editor reads 吕梁’s ranking of its counties', async () => {
    const r = await ranking(llEditor, range);
    expect(r.office.id).toBe(llId);
    expect(r.ruleSet.id).toBe(llCurrent);
    expect(r.allUnits).toBe(true);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]?.rows.map((x) => x.unitName).sort()).toEqual(
      ['汾阳市政府办', '孝义市政府办', '离石区政府办', '交城县政府办', '文水县政府办'].sort(),
    );
  });

  it('answers 400 in Chinese to bad queries', async () => {
    for (const [query, message] of [
      [{ from: day('03-10'), to: day('03-01') }, '结束日期不能早于开始日期'],
      [{ ...range, ruleSetId: 'abc' }, '考核办法编号格式不正确'],
      [{ ...range, officeId: 'fy' }, '办公室编号格式不正确'],
      [{ from: day('13-01'), to: day('03-01') }, /开始日期/],
      [{ from: day('01-01') }, /请填写结束日期/],
      [
        { from: `${Y - 1}-12-01`, to: day('01-31') },
        '所选期间跨越了两个考核期间，请在一个考核办法的期间内选择',
      ],
      [
        { from: '2001-01-01', to: '2001-01-31' },
        '2001-01-01—2001-01-31 没有已启用的考核办法，请先制定并启用考核办法',
      ],
      [
        { ruleSetId: fyCurrent, from: `${Y - 1}-12-01`, to: day('01-31') },
        `所选期间超出了该考核办法的考核期间（${Y}-01-01—${Y}-12-31）`,
      ],
    ] as const) {
      const res = await editor.request(
        'GET',
        `/api/assessment/ranking?${qs(query as Record<string, string>)}`,
      );
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      const m = res.json().message as string;
      if (typeof message === 'string') expect(m).toContain(message);
      else expect(m).toMatch(message);
    }
    for (const query of [
      { ruleSetId: fyCurrent, unitId: 'x', ...range },
      { ruleSetId: fyCurrent, unitId: unitId('fy_czj'), from: range.to, to: range.from },
      { ruleSetId: fyCurrent, unitId: unitId('fy_czj'), ...range, kind: 'bonus' },
    ]) {
      const res = await editor.request('GET', `/api/assessment/entries?${qs(query)}`);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('facts up the forwarding chain, recomputed on the next read', () => {
  const fyRange = { officeId: '', from: day('03-01'), to: day('03-11') };
  const llRange = { officeId: '', from: day('03-01'), to: day('03-11') };
  let item: { id: string; version: number };
  let copyId = '';

  beforeAll(async () => {
    fyRange.officeId = fyId;
    llRange.officeId = llId;
    const row = await accepted('fy_czj');
    copyId = await forward(editor, row);
    item = { id: row.id, version: row.version + 1 };
  });

  it('an adoption by 晋政信息●普刊 on 汾阳’s copy counts at 吕梁 (4) and at 汾阳 (10), and goes when deleted', async () => {
    const llBefore = await ranking(llEditor, llRange);
    const fyBefore = await ranking(editor, fyRange);
    expect(await db().select().from(assessmentChanges).where(eq(assessmentChanges.officeId, fyId))).toEqual(
      [],
    );

    const adoptionId = await adopt(editor, item.id, '晋政信息●普刊', day('03-10'));
    // The adoption marked 汾阳 and the offices above it.
    expect((await db().select().from(assessmentChanges)).map((c) => c.officeId)).toEqual(
      expect.arrayContaining([fyId, llId]),
    );

    const llAfter = await ranking(llEditor, llRange);
    const fyAfter = await ranking(editor, fyRange);
    const atLl = [rowOf(llBefore, unitId('fy')), rowOf(llAfter, unitId('fy'))] as const;
    expect(pts(atLl[1].points) - pts(atLl[0].points)).toBe(pts('4'));
    expect(Number(atLl[1].adoptedUpper) - Number(atLl[0].adoptedUpper)).toBe(1);
    expect(atLl[1].adoptedItems - atLl[0].adoptedItems).toBe(1);
    const atFy = [rowOf(fyBefore, unitId('fy_czj')), rowOf(fyAfter, unitId('fy_czj'))] as const;
    expect(pts(atFy[1].points) - pts(atFy[0].points)).toBe(pts('10'));
    expect(Number(atFy[1].adoptedUpper) - Number(atFy[0].adoptedUpper)).toBe(1);
    expect(atFy[1].rank).toBe(1);
    expect(fyAfter.computedAt).toBe(clock.now().toISOString());
    // Nobody else moved.
    const others = (r: Ranking, except: string) =>
      r.groups
        .flatMap((g) => g.rows)
        .filter((x) => x.unitId !== except)
        .map((x) => [x.unitId, x.points]);
    expect(others(fyAfter, unitId('fy_czj'))).toEqual(others(fyBefore, unitId('fy_czj')));
    // Reading cleared the marks of the office read.
    expect(await db().select().from(assessmentChanges).where(eq(assessmentChanges.officeId, fyId))).toEqual(
      [],
    );

    // The drill-down names the item and opens it (each office's own copy).
    const fyEntries = await entries(editor, {
      ruleSetId: fyCurrent,
      unitId: unitId('fy_czj'),
      from: fyRange.from,
      to: fyRange.to,
      kind: 'adoption',
    });
    expect(fyEntries.entries).toEqual([
      expect.objectContaining({
        kind: 'adoption',
        itemId: item.id,
        link: `/items/${item.id}`,
        points: '10',
        detail: expect.stringContaining('晋政信息●普刊'),
      }),
    ]);
    const own = await entries(reporter, {
      ruleSetId: fyCurrent,
      unitId: unitId('fy_czj'),
      from: fyRange.from,
      to: fyRange.to,
      kind: 'adoption',
    });
    expect(own.entries.map((e) => e.itemId)).toEqual([item.id]);
    const llEntries = await entries(llEditor, {
      ruleSetId: llCurrent,
      unitId: unitId('fy'),
      from: llRange.from,
      to: llRange.to,
      kind: 'adoption',
    });
    expect(llEntries.entries).toEqual([
      expect.objectContaining({ itemId: copyId, link: `/items/${copyId}`, points: '4' }),
    ]);

    // Deleting the adoption takes the points away at both offices on the next read.
    await ok(
      await editor.request('DELETE', `/api/items/${item.id}/adoptions/${adoptionId}`, { reason: '误登记' }),
    );
    expect(rowOf(await ranking(llEditor, llRange), unitId('fy'))).toEqual(atLl[0]);
    expect(rowOf(await ranking(editor, fyRange), unitId('fy_czj'))).toEqual(atFy[0]);
    expect(
      (
        await entries(editor, {
          ruleSetId: fyCurrent,
          unitId: unitId('fy_czj'),
          from: fyRange.from,
          to: fyRange.to,
          kind: 'adoption',
        })
      ).entries,
    ).toEqual([]);
  });

  it('an adoption 吕梁 registers on its own copy counts for 汾阳’s unit too', async () => {
    let copy = await ok(await llEditor.request('GET', `/api/items/${copyId}`));
    copy = await ok(await act(llEditor, copy, 'accept', { targetPublicationId: pubId('吕梁政务信息●普刊') }));
    await forward(llEditor, copy);
    const fyBefore = rowOf(await ranking(editor, fyRange), unitId('fy_czj'));
    const llBefore = rowOf(await ranking(llEditor, llRange), unitId('fy'));
    await adopt(llEditor, copyId, '晋政信息●互联网', day('03-11'));
    const fyAfter = rowOf(await ranking(editor, fyRange), unitId('fy_czj'));
    const llAfter = rowOf(await ranking(llEditor, llRange), unitId('fy'));
    expect(pts(llAfter.points) - pts(llBefore.points)).toBe(pts('2'));
    // 汾阳's rules: 晋政信息●互联网 5 points.
    expect(pts(fyAfter.points) - pts(fyBefore.points)).toBe(pts('5'));
    expect(Number(fyAfter.adoptedUpper) - Number(fyBefore.adoptedUpper)).toBe(1);
  });
});

describe('合报: shares of a merged item', () => {
  const range = { officeId: '', from: day('03-12'), to: day('03-19') };

  it('splits an adoption’s points by the stored shares (汾阳: joint share) and gives 吕梁 the whole to 汾阳', async () => {
    range.officeId = fyId;
    const sources: Awaited<ReturnType<typeof makeItem>>[] = [];
    for (const code of ['fy_swj', 'fy_whj', 'fy_xfj']) {
      sources.push(await makeItem(t, { unit: code, status: 'submitted' }));
    }
    let merged = await ok(
      await editor.request('POST', '/api/items/merge', {
        ids: sources.map((s) => s.id),
        title: '我市多部门联动做好汛期安全防范工作',
        body: '入汛以来，水务局、文化局、信访局等部门密切配合，排查隐患、化解矛盾、加强值守。\n下一步，各部门将持续压实责任，确保安全度汛。',
        categoryCode: 'comprehensive',
      }),
      201,
    );
    merged = await ok(await act(editor, merged, 'accept', { targetPublicationId: pubId('汾阳政务信息') }));
    const copyId = await forward(editor, merged);
    const credits = await db().select().from(itemCredits).where(eq(itemCredits.itemId, merged.id));
    const share = new Map(credits.map((c) => [c.unitId, c.shareMille]));
    expect([...share.values()].sort()).toEqual([333, 333, 334]);

    const codes = ['fy_swj', 'fy_whj', 'fy_xfj'];
    const fyBefore = await ranking(editor, range);
    const llBefore = await ranking(llEditor, { ...range, officeId: llId });
    await adopt(editor, merged.id, '晋政信息●普刊', day('03-15'));
    const fyAfter = await ranking(editor, range);
    const llAfter = await ranking(llEditor, { ...range, officeId: llId });
    for (const code of codes) {
      const gained = pts(rowOf(fyAfter, unitId(code)).points) - pts(rowOf(fyBefore, unitId(code)).points);
      // 10 points × 334‰ = 3.34; × 333‰ = 3.33 (an even split would give 3.3334 / 3.3333).
      expect(fmt(gained), code).toBe(share.get(unitId(code)) === 334 ? '3.34' : '3.33');
      const adopted =
        Number(rowOf(fyAfter, unitId(code)).adoptedUpper) -
        Number(rowOf(fyBefore, unitId(code)).adoptedUpper);
      expect(adopted).toBeCloseTo((share.get(unitId(code)) ?? 0) / 1000, 3);
    }
    const first = codes.find((c) => share.get(unitId(c)) === 334) ?? '';
    const drill = await entries(editor, {
      ruleSetId: fyCurrent,
      unitId: unitId(first),
      from: range.from,
      to: range.to,
      kind: 'adoption',
    });
    expect(drill.entries).toEqual([
      expect.objectContaining({ itemId: merged.id, link: `/items/${merged.id}`, points: '3.34' }),
    ]);
    // At 吕梁 the three departments are all 汾阳.
    expect(pts(rowOf(llAfter, unitId('fy')).points) - pts(rowOf(llBefore, unitId('fy')).points)).toBe(
      pts('4'),
    );
    const llDrill = await entries(llEditor, {
      ruleSetId: llCurrent,
      unitId: unitId('fy'),
      from: range.from,
      to: range.to,
      kind: 'adoption',
    });
    expect(llDrill.entries.map((e) => [e.itemId, e.points])).toContainEqual([copyId, '4']);
  });
});

describe('模拟测算 (what-if)', () => {
  const range = { from: day('02-01'), to: day('02-28') };
  const period = { periodStart: day('01-01'), periodEnd: day('12-31') };

  beforeAll(async () => {
    // 汾阳: one item adopted by 晋政信息●普刊 (4 at 吕梁); 孝义: three by 晋政信息●互联网 (6).
    const fy = await accepted('fy_czj');
    await forward(editor, fy);
    await adopt(editor, fy.id, '晋政信息●普刊', day('02-10'));
    for (const d of ['02-11', '02-12', '02-13']) {
      const xy = await accepted('xy');
      await forward(llEditor, xy);
      await adopt(llEditor, xy.id, '晋政信息●互联网', day(d));
    }
  });

  it('replays a draft doubling 晋政信息●普刊 against the rules in force', async () => {
    const now = await ranking(llEditor, range);
    expect(rowOf(now, unitId('xy'))).toMatchObject({ points: '6', rank: 1 });
    expect(rowOf(now, unitId('fy'))).toMatchObject({ points: '4', rank: 2 });
    const before = await state();
    const res = await ok(
      await llEditor.request('POST', '/api/assessment/preview', {
        rules: withRow(llRules, 'sx_pk', '8'),
        ...period,
        ...range,
      }),
    );
    expect(await state()).toEqual(before);
    expect(res.problems).toEqual([]);
    expect(res.explanation).toContain('采用计分2：《晋政信息●普刊》采用的，每条计8分。');
    expect(res.compareWith).toMatchObject({ id: llCurrent, versionNo: 1 });
    const rows = res.groups[0].rows as {
      unitId: string;
      points: string;
      rank: number;
      beforePoints: string | null;
      beforeRank: number | null;
      moved: boolean;
    }[];
    expect(rows[0]).toMatchObject({
      unitId: unitId('fy'),
      points: '8',
      rank: 1,
      beforePoints: '4',
      beforeRank: 2,
      moved: true,
    });
    expect(rows[1]).toMatchObject({
      unitId: unitId('xy'),
      points: '6',
      rank: 2,
      beforePoints: '6',
      beforeRank: 1,
      moved: true,
    });
    expect(rows.slice(2)).toHaveLength(3);
    for (const r of rows.slice(2))
      expect(r).toMatchObject({ points: '0', rank: 3, beforePoints: '0', beforeRank: 3, moved: false });
    // The same comparison to Excel, row for row; staff only.
    const body = { rules: withRow(llRules, 'sx_pk', '8'), ...period, ...range };
    const xlsx = await llEditor.request('POST', '/api/assessment/preview.xlsx', body);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0]?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['分组', '单位', '现行得分', '现行名次', '测算得分', '测算名次', '名次变化']);
    expect(values[1]?.slice(1)).toEqual(['汾阳市政府办', 4, 2, 8, 1, '变化']);
    expect(values).toHaveLength(rows.length + 1);
    expect((await reporter.request('POST', '/api/assessment/preview.xlsx', body)).statusCode).toBe(403);
    expect(await state()).toEqual(before);
    // The same rules compared with themselves move nobody.
    const same = await ok(
      await llEditor.request('POST', '/api/assessment/preview', { rules: llRules, ...period, ...range }),
    );
    expect(
      same.groups[0].rows.every(
        (r: { moved: boolean; points: string; beforePoints: string }) =>
          !r.moved && r.points === r.beforePoints,
      ),
    ).toBe(true);
  });

  it('returns the problems of a broken draft, and refuses a range outside its period', async () => {
    // 汾阳政务信息 is a lower office's publication, not one 吕梁 may score.
    const foreign = {
      ...llRules,
      adoption: {
        ...llRules.adoption,
        rows: [
          ...llRules.adoption.rows,
          { key: 'fy', label: '汾阳政务信息', publicationIds: [pubId('汾阳政务信息')], points: '1' },
        ],
      },
    };
    const res = await ok(
      await llEditor.request('POST', '/api/assessment/preview', { rules: foreign, ...period, ...range }),
    );
    expect(res.problems).toEqual(['采用计分第4条（汾阳政务信息）引用的刊物不存在或不可用于本办公室']);
    const malformed = await ok(
      await llEditor.request('POST', '/api/assessment/preview', {
        rules: { ...llRules, adoption: { ...llRules.adoption, combine: 'avg' } },
        ...period,
        ...range,
      }),
    );
    expect(malformed.problems).toHaveLength(1);
    expect(malformed.problems[0]).toContain('多次采用的计分方式须为累加或取最高');
    expect(malformed.groups).toEqual([]);
    const outside = await llEditor.request('POST', '/api/assessment/preview', {
      rules: llRules,
      ...period,
      from: `${Y - 1}-12-01`,
      to: range.to,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toBe(`测算期间须在考核期间（${Y}-01-01—${Y}-12-31）之内`);
  });
});

describe('tied ranks', () => {
  it('units with equal points share a rank and the next skips (1, 1, 3)', async () => {
    const range = { from: day('01-01'), to: day('01-31') };
    for (const [code, publication, on] of [
      ['fy_dcd', '晋政信息●普刊', '01-10'],
      ['fy_sbsq', '晋政信息●普刊', '01-12'],
      ['fy_gsj', '吕梁政务信息●普刊', '01-15'],
    ] as const) {
      const row = await accepted(code);
      await forward(editor, row);
      await adopt(editor, row.id, publication, day(on));
    }
    const r = await ranking(editor, range);
    const group = r.groups.find((g) => g.code === 'dept_3');
    const rows = group?.rows ?? [];
    expect(rows.slice(0, 3).map((x) => [x.unitId, x.points, x.rank])).toEqual([
      [unitId('fy_dcd'), '10', 1],
      [unitId('fy_sbsq'), '10', 1],
      [unitId('fy_gsj'), '5', 3],
    ]);
    expect(rows.slice(3).every((x) => x.rank === 4 && x.points === '0' && x.noAdoptions)).toBe(true);
    expect(rows.find((x) => x.unitId === unitId('fy_zcb'))).toMatchObject({ rank: 4, noSubmissions: true });
  });
});

describe('Excel export', () => {
  it('gives the ranking on screen, row for row, and is audited', async () => {
    const q = { from: day('01-01'), to: day('03-20') };
    const json = await ranking(editor, q);
    const res = await editor.request('GET', `/api/assessment/ranking.xlsx?${qs(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      `考评排名-${q.from}至${q.to}.xlsx`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual([
      '分组',
      '排名',
      '单位',
      '报送数',
      '本级采用',
      '上级采用',
      '采用率（%）',
      '得分',
      '累计得分',
      '备注',
    ]);
    const expected = json.groups.flatMap((g) =>
      g.rows.map((r) => {
        // An empty 采用率 (no submissions) is an empty cell.
        return [
          g.name,
          r.rank,
          r.unitName,
          r.submitted,
          Number(r.adoptedOwn),
          Number(r.adoptedUpper),
          r.adoptionRate ?? undefined,
          Number(r.points),
          Number(r.cumulative),
          [r.noSubmissions ? '零报送' : '', r.noAdoptions ? '零采用' : ''].filter(Boolean).join('、'),
        ];
      }),
    );
    expect(values.slice(1)).toEqual(expected);
    expect(values.length - 1).toBe(json.groups.reduce((n, g) => n + g.rows.length, 0));
    const [audit] = await audits('assessment.exported', fyCurrent);
    expect(audit).toMatchObject({
      targetLabel: `汾阳市人民政府办公室 ${q.from}—${q.to}`,
      diff: { rows: values.length - 1 },
    });
    // A unit exports what it reads.
    expect((await reporter.request('GET', `/api/assessment/ranking.xlsx?${qs(q)}`)).statusCode).toBe(200);
  });

  it('gives a unit’s 得分明细 entry for entry with the total, and only to whom may read it', async () => {
    const q = { ruleSetId: fyCurrent, unitId: unitId('fy_czj'), from: day('01-01'), to: day('03-20') };
    const json = await entries(editor, q);
    expect(json.entries.length).toBeGreaterThan(0);
    const res = await editor.request('GET', `/api/assessment/entries.xlsx?${qs(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      `得分明细-汾阳市财政局-${q.from}至${q.to}.xlsx`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0]?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['日期', '类别', '信息编号', '说明', '数量', '得分']);
    expect(values.slice(1, -1).map((v) => [v[0], v[3], v[5]])).toEqual(
      json.entries.map((e) => [e.on, e.detail, Number(e.points)]),
    );
    expect(values.at(-1)).toEqual(['合计', '', undefined, '', undefined, Number(json.total)]);
    await refused(
      () => reporter.request('GET', `/api/assessment/entries.xlsx?${qs({ ...q, unitId: unitId('fy_swj') })}`),
      403,
      '只能查看本单位的得分明细',
    );
  });
});

describe('加减分登记', () => {
  const range = { from: day('03-05'), to: day('03-05') };
  const points = async (code: string) => rowOf(await ranking(editor, range), unitId(code)).points;
  type Adjustment = {
    id: string;
    unitName: string;
    points: string;
    version: number;
    revokedAt: string | null;
  };
  const register = (s: Session, body: Record<string, unknown>) =>
    s.request('POST', '/api/assessment/adjustments', body);
  const valid = () => ({
    unitId: unitId('fy_czj'),
    on: day('03-05'),
    points: '2.5',
    reason: '承办全市政务信息工作培训',
    basis: '汾政办发〔2026〕3号',
  });
  let added: Adjustment;

  it('the 信息科 adds points with a reason; the unit’s score, entries, audit and messages show it', async () => {
    const before = await points('fy_czj');
    added = await ok(await register(editor, valid()), 201);
    expect(added).toMatchObject({ unitName: '汾阳市财政局', points: '2.5', revokedAt: null });
    expect(pts(await points('fy_czj')) - pts(before)).toBe(25_000);
    const mine = await entries(editor, { ruleSetId: fyCurrent, unitId: unitId('fy_czj'), ...range });
    expect(mine.entries.filter((e) => e.kind === 'adjustment').map((e) => [e.detail, e.link])).toEqual([
      ['加2.5分：承办全市政务信息工作培训（依据：汾政办发〔2026〕3号）', '/assessment/adjustments'],
    ]);
    expect(await audits('assessment.adjustment_registered', added.id)).toHaveLength(1);
    const told = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.kind, 'assessment_adjusted'), eq(notifications.userId, reporter.me.user.id)),
      );
    expect(told.map((n) => n.title)).toContain('考评加2.5分：汾阳市财政局');
  });

  it('a deduction takes points off', async () => {
    const before = await points('fy_swj');
    const cut = await ok(
      await register(editor, {
        ...valid(),
        unitId: unitId('fy_swj'),
        points: '-1.25',
        reason: '紧急信息漏报',
      }),
      201,
    );
    expect(cut.points).toBe('-1.25');
    expect(pts(await points('fy_swj')) - pts(before)).toBe(-12_500);
  });

  it('each reader sees what they may: the office all, a unit its own only', async () => {
    const all = await ok(await editor.request('GET', `/api/assessment/adjustments?${qs(range)}`));
    expect(all.canManage).toBe(true);
    expect(all.rows.map((r: Adjustment) => r.unitName).sort()).toEqual(['汾阳市水务局', '汾阳市财政局']);
    expect(all.total).toBe('1.25');
    const own = await ok(await reporter.request('GET', `/api/assessment/adjustments?${qs(range)}`));
    expect(own.canManage).toBe(false);
    expect(own.rows.map((r: Adjustment) => r.unitName)).toEqual(['汾阳市财政局']);
    await refused(
      () =>
        otherReporter.request(
          'GET',
          `/api/assessment/adjustments?${qs({ unitId: unitId('fy_czj'), ...range })}`,
        ),
      403,
      '只能查看本单位的加减分',
    );
    const xlsx = await editor.request('GET', `/api/assessment/adjustments.xlsx?${qs(range)}`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0]?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['计分日期', '单位', '分值', '事由', '依据', '登记人', '状态', '撤销理由']);
    expect(
      values
        .slice(1)
        .map((v) => v[2])
        .sort(),
    ).toEqual([-1.25, 2.5]);
  });

  it('refuses bad input, other roles and other offices in Chinese, storing nothing', async () => {
    const cases: [Session, Record<string, unknown>, number, string | RegExp][] = [
      [editor, { ...valid(), points: '0' }, 400, /分值不能为0/],
      [editor, { ...valid(), points: 'abc' }, 400, /分值须为数字/],
      [editor, { ...valid(), points: '1.23456' }, 400, /最多四位小数/],
      [editor, { ...valid(), points: '5000' }, 400, /不能超过1000分/],
      [editor, { ...valid(), reason: ' ' }, 400, /请填写加减分事由/],
      [editor, { ...valid(), on: day('03-21') }, 400, '计分日期不能晚于今天'],
      [editor, { ...valid(), on: `${Y}-02-30` }, 400, /计分日期须为有效日期/],
      [editor, { ...valid(), unitId: unitId('xy') }, 400, '所选单位不是本办公室的考评对象'],
      [llEditor, { ...valid(), officeId: fyId }, 403, '只有本办公室信息科才能登记或撤销加减分'],
      [llEditor, { ...valid(), officeId: llId }, 400, '所选单位不是本办公室的考评对象'],
      [reporter, valid(), 403, /./],
      [leader, valid(), 403, /./],
    ];
    for (const [s, body, status, message] of cases) await refused(() => register(s, body), status, message);
  });

  it('a registration is revoked with a reason, never edited; it stays listed and stops counting', async () => {
    const before = await points('fy_czj');
    const revoke = (s: Session, body: Record<string, unknown>) =>
      s.request('POST', `/api/assessment/adjustments/${added.id}/revoke`, body);
    await refused(() => revoke(editor, { reason: '误登', version: added.version + 1 }), 409);
    await refused(() => revoke(editor, { version: added.version }), 400, /请填写撤销理由/);
    await refused(() => revoke(reporter, { reason: '误登', version: added.version }), 403);
    await refused(() => revoke(llEditor, { reason: '误登', version: added.version }), 403);
    const done = await ok(await revoke(editor, { reason: '培训由市委办承办，误登', version: added.version }));
    expect(done).toMatchObject({ revokeReason: '培训由市委办承办，误登', version: added.version + 1 });
    expect(done.revokedAt).not.toBeNull();
    expect(pts(await points('fy_czj')) - pts(before)).toBe(-25_000);
    await refused(() => revoke(editor, { reason: '再撤', version: done.version }), 409, '该加减分登记已撤销');
    const list = await ok(await editor.request('GET', `/api/assessment/adjustments?${qs(range)}`));
    expect(list.rows).toHaveLength(2);
    expect(list.total).toBe('-1.25');
    const active = await ok(
      await editor.request('GET', `/api/assessment/adjustments?${qs({ ...range, status: 'active' })}`),
    );
    expect(active.rows.map((r: Adjustment) => r.unitName)).toEqual(['汾阳市水务局']);
    expect(await audits('assessment.adjustment_revoked', added.id)).toHaveLength(1);
  });
});

describe('批示 bonus by leader rank (主要领导 / 分管领导)', () => {
  it('pays a principal leader’s instruction its own points and a deputy’s the level’s', async () => {
    const range = { from: day('03-17'), to: day('03-18') };
    const record = async (itemId: string, leaderName: string, leaderRank: string, on: string) => {
      const body = {
        itemId,
        source: 'paper',
        leaderName,
        level: 'city',
        leaderRank,
        text: '请认真研究。',
        instructedOn: day(on),
      };
      return ok(await editor.request('POST', '/api/instructions/records', body), 201);
    };
    const a = await accepted('fy_whj');
    const b = await accepted('fy_whj');
    const principal = await record(a.id, '王市长', 'principal', '03-17');
    expect(principal).toMatchObject({ leaderRank: 'principal', leaderRankLabel: '主要领导' });
    await record(b.id, '李副市长', 'deputy', '03-18');
    const bad = await editor.request('POST', '/api/instructions/records', {
      itemId: a.id,
      source: 'paper',
      leaderName: '某',
      level: 'city',
      leaderRank: 'boss',
      text: '阅。',
      instructedOn: day('03-18'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/领导类别只能是主要领导或分管（其他）领导/);
    const rules = {
      ...fyRules,
      instructions: {
        rows: [
          { level: 'city', rank: 'principal', points: '30' },
          { level: 'city', points: '10' },
        ],
        mode: 'sum',
      },
    };
    const res = await ok(
      await editor.request('POST', '/api/assessment/preview', {
        rules,
        periodStart: day('01-01'),
        periodEnd: day('12-31'),
        ...range,
      }),
    );
    expect(res.problems).toEqual([]);
    expect(res.explanation).toContain(
      '批示加分：市级主要领导批示加30分，市级领导批示加10分；多次批示累加计分。',
    );
    const row = (res.groups as { rows: { unitId: string; points: string }[] }[])
      .flatMap((g) => g.rows)
      .find((r) => r.unitId === unitId('fy_whj'));
    expect(row?.points).toBe('40');
  });
});
