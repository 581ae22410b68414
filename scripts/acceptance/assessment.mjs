// Acceptance walkthrough of issue 11 (assessment) on the real server and API: 吕梁 ranks its
// counties for the demo year (汾阳 third with 75); this month a 财政局 item forwarded to 吕梁 is
// adopted by 《晋政信息●普刊》 and gets a provincial leader's instruction — 财政局's points, rank
// and drill-down change at 汾阳, and 汾阳's at 吕梁; a draft rule set is replayed beside the one in
// force; last month's 通报 is drafted, edited and issued and a unit sees it; the ranking is
// exported to Excel and matches the screen; the 工作总结 of the demo year says what the seed says.
import { readWorkbook } from '../lib/acceptance-kit.mjs';

export const title = '考评：计分规则、台账、分组排名、模拟测算、通报、导出与工作总结 / Assessment';

const PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? 'Xinbao@2026';
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const pad = (n) => String(n).padStart(2, '0');

export async function run({ step, expect, client }) {
  const as = {};
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const monthFrom = `${today.slice(0, 7)}-01`;
  const demoYear = year - 1;
  const rowOf = (ranking, unitName) =>
    ranking.groups.flatMap((g) => g.rows).find((r) => r.unitName === unitName);
  const ranking = async (who, from, to, officeId) => {
    const q = new URLSearchParams({ from, to, ...(officeId ? { officeId } : {}) });
    const res = await as[who].get(`/api/assessment/ranking?${q}`);
    expect.status(res, 200, `${who} 考评排名 / ranking ${from}…${to}`);
    return res.body;
  };
  let before;
  let beforeLl;
  let item;

  await step(
    '各角色登录',
    'log in as the 汾阳 and 吕梁 editors, the chief, the leader and a unit',
    async () => {
      for (const u of ['editor', 'chief', 'leader', 'll_editor', 'fy_czj_xxy', 'admin']) {
        const c = client(u);
        expect.status(await c.login(u, PASSWORD), 200, `登录 / login ${u}`);
        as[u] = c;
      }
      const refused = await as.admin.get(
        `/api/assessment/ranking?from=${demoYear}-01-01&to=${demoYear}-12-31`,
      );
      expect.status(refused, 403, '系统管理员不能查看考评 / an administrator may not read rankings');
      expect.chinese(refused.body?.message, '拒绝说明为中文 / refusal in Chinese');
    },
  );

  await step(
    '吕梁的县市区排名（演示年度）',
    "吕梁's county ranking of the demo year: 汾阳 third with 75",
    async () => {
      const r = await ranking('ll_editor', `${demoYear}-01-01`, `${demoYear}-12-31`);
      const counties = r.groups.flatMap((g) => g.rows);
      const fy = rowOf(r, '汾阳市政府办');
      expect.equal(
        { rank: fy?.rank, points: fy?.points },
        { rank: 3, points: '75' },
        '汾阳第三名、75分 / 汾阳 third with 75',
      );
      expect.equal(counties.length, 5, '五个县市区 / five counties');
      expect.true(
        r.ruleSet.name.includes('吕梁'),
        '计分依据为吕梁的考核办法 / scored under 吕梁 rules',
        r.ruleSet.name,
      );
    },
  );

  await step(
    '登记上级采用与领导批示',
    'a 财政局 item this month: adopted by 《晋政信息●普刊》 and a provincial instruction',
    async () => {
      before = await ranking('editor', monthFrom, today);
      beforeLl = await ranking('ll_editor', monthFrom, today);
      const pubs = await as.editor.get('/api/publications?scope=upper');
      expect.status(pubs, 200, '上级刊物 / upper publications');
      const sx = (pubs.body.items ?? pubs.body).find((p) => p.name === '晋政信息●普刊');
      expect.true(Boolean(sx), '找到《晋政信息●普刊》 / found the provincial publication', pubs.body);
      const list = await as.editor.get('/api/items?box=forwarded&pageSize=100');
      expect.status(list, 200, '转报与采用 / forwarded items');
      const candidates = list.body.items.filter(
        (i) =>
          i.submittingUnit.name.includes('财政局') &&
          i.instructionCount === 0 &&
          !i.adoptions.some((a) => a.publicationName === '晋政信息●普刊'),
      );
      expect.true(
        candidates.length > 0,
        '有可登记的财政局转报信息 / a 财政局 item to register',
        list.body.items.length,
      );
      item = candidates[0];
      const adopted = await as.editor.post(`/api/items/${item.id}/adoptions`, {
        publicationId: sx.id,
        adoptionKind: '全文采用',
        adoptedOn: today,
        issueLabel: `${year}年第${month}期`,
      });
      expect.status(adopted, [200, 201], '登记上级采用 / record the upper adoption');
      const instruction = await as.editor.post('/api/instructions/records', {
        itemId: item.id,
        source: 'upper',
        leaderName: '李省长',
        leaderTitle: '副省长',
        level: 'province',
        text: '此信息反映的做法很好，请省财政厅总结推广。',
        instructedOn: today,
      });
      expect.status(instruction, 201, '登记省级领导批示 / record a provincial instruction');
    },
  );

  await step(
    '得分、名次与明细随之变化',
    'scores, rank and the drill-down change at 汾阳 and at 吕梁',
    async () => {
      const after = await ranking('editor', monthFrom, today);
      const b = rowOf(before, '财政局');
      const a = rowOf(after, '财政局');
      // 汾阳's rules: 晋政信息●普刊 10 points, a provincial instruction 20 (once per level).
      expect.equal(
        Number(a.points) - Number(b.points),
        30,
        '财政局加30分（采用10＋省级批示20） / +30 for 财政局',
      );
      expect.equal(a.rank, 1, '财政局名列一类部门第一 / 财政局 first in its group');
      const entries = await as.editor.get(
        `/api/assessment/entries?${new URLSearchParams({ ruleSetId: after.ruleSet.id, unitId: a.unitId, from: monthFrom, to: today })}`,
      );
      expect.status(entries, 200, '得分明细 / drill-down');
      const linked = entries.body.entries.filter((e) => e.link === `/items/${item.id}`);
      expect.true(
        linked.some((e) => e.kind === 'adoption' && e.points === '10') &&
          linked.some((e) => e.kind === 'instruction' && e.points === '20'),
        '明细列出采用与批示并链接到信息 / entries for the adoption and the instruction, linked to the item',
        linked,
      );
      const afterLl = await ranking('ll_editor', monthFrom, today);
      const fyBefore = rowOf(beforeLl, '汾阳市政府办');
      const fyAfter = rowOf(afterLl, '汾阳市政府办');
      expect.equal(
        Number(fyAfter.points) - Number(fyBefore.points),
        4,
        '吕梁为汾阳加4分 / +4 for 汾阳 at 吕梁',
      );
      const otherUnit = rowOf(after, '水务局');
      const refused = await as.fy_czj_xxy.get(
        `/api/assessment/entries?${new URLSearchParams({ ruleSetId: after.ruleSet.id, unitId: otherUnit.unitId, from: monthFrom, to: today })}`,
      );
      expect.status(refused, 403, '单位不能查看其他单位的明细 / a unit may not read another unit');
    },
  );

  await step(
    '加减分登记',
    'a deduction registered for 财政局 counts at once, the unit sees it, and revoking it restores the score',
    async () => {
      const points = async () => Number(rowOf(await ranking('editor', monthFrom, today), '财政局').points);
      const start = await points();
      const unit = rowOf(await ranking('editor', monthFrom, today), '财政局');
      const cut = await as.editor.post('/api/assessment/adjustments', {
        unitId: unit.unitId,
        on: today,
        points: '-2',
        reason: '紧急信息报送不及时，造成工作被动',
        basis: '信息科工作记录',
      });
      expect.status(cut, 201, '登记减分 / register a deduction');
      expect.equal((await points()) - start, -2, '财政局减2分 / −2 for 财政局');
      const seen = await as.fy_czj_xxy.get(`/api/assessment/adjustments?from=${monthFrom}&to=${today}`);
      expect.status(seen, 200, '单位查看本单位加减分 / the unit reads its own');
      expect.true(
        seen.body.rows.some((r) => r.id === cut.body.id) &&
          seen.body.rows.every((r) => r.unitName === '汾阳市财政局'),
        '单位只看到本单位的登记 / the unit sees its own registrations only',
        seen.body.rows,
      );
      const refused = await as.fy_czj_xxy.post('/api/assessment/adjustments', {
        unitId: unit.unitId,
        on: today,
        points: '5',
        reason: '自己加分',
      });
      expect.status(refused, 403, '单位不能登记加减分 / a unit may not register');
      const revoked = await as.editor.post(`/api/assessment/adjustments/${cut.body.id}/revoke`, {
        reason: '经核实已按时报送，撤销',
        version: cut.body.version,
      });
      expect.status(revoked, 200, '撤销减分 / revoke it');
      expect.equal(await points(), start, '撤销后得分复原 / the score is back');
    },
  );

  await step(
    '模拟测算',
    'a draft doubling 《晋政信息●普刊》 replayed on this month beside the rules in force',
    async () => {
      const sets = await as.editor.get('/api/assessment/rule-sets');
      const current = sets.body.find((s) => s.status === 'active' && s.periodStart === `${year}-01-01`);
      const detail = await as.editor.get(`/api/assessment/rule-sets/${current.id}`);
      const rules = structuredClone(detail.body.rules);
      const row = rules.adoption.rows.find((r) => r.key === 'sx');
      row.points = '20';
      const preview = await as.editor.post('/api/assessment/preview', {
        rules,
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
        from: monthFrom,
        to: today,
      });
      expect.status(preview, 200, '模拟测算 / preview');
      const czj = preview.body.groups.flatMap((g) => g.rows).find((r) => r.unitName === '财政局');
      expect.true(
        Number(czj.points) - Number(czj.beforePoints) >= 10,
        '测算得分高于现行得分 / the draft scores 财政局 higher',
        czj,
      );
      const bad = await as.editor.post('/api/assessment/preview', {
        rules: { ...rules, floor: '-1' },
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
        from: monthFrom,
        to: today,
      });
      expect.status(bad, 200);
      expect.true(
        bad.body.problems.length > 0,
        '错误的规则给出中文问题 / a broken rule is explained',
        bad.body,
      );
      expect.chinese(bad.body.problems[0], '问题说明为中文 / the problem in Chinese');
    },
  );

  await step(
    '起草并印发上月通报',
    "last month's 通报 drafted, edited and issued; the unit sees it",
    async () => {
      const last = month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
      const drafted = await as.editor.post('/api/assessment/notices', { period: 'month', at: last });
      expect.status(drafted, 201, '起草通报 / draft the notice');
      expect.true(
        drafted.body.opening.includes('共收到各单位报送信息'),
        '总体情况含合计 / totals in the opening',
        drafted.body.opening,
      );
      const hidden = await as.fy_czj_xxy.get(`/api/assessment/notices/${drafted.body.id}`);
      expect.status(hidden, 404, '草稿对单位不可见 / a draft is not shown to units');
      const edited = await as.editor.put(`/api/assessment/notices/${drafted.body.id}`, {
        title: drafted.body.title,
        addressee: drafted.body.addressee,
        opening: drafted.body.opening,
        praise: drafted.body.praise,
        laggards: drafted.body.laggards,
        problems: '个别单位信息报送不及时。',
        requirements: drafted.body.requirements,
        version: drafted.body.version,
      });
      expect.status(edited, 200, '修改通报 / edit the notice');
      const issued = await as.editor.post(`/api/assessment/notices/${drafted.body.id}/issue`, {
        version: edited.body.version,
      });
      expect.status(issued, 200, '印发通报 / issue the notice');
      expect.true(
        /^[0-9a-f]{64}$/.test(issued.body.fileSha256 ?? ''),
        '存档校验码 / archived with its hash',
        issued.body.fileSha256,
      );
      const docx = await as.fy_czj_xxy.get(`/api/assessment/notices/${drafted.body.id}/document.docx`, {
        raw: true,
      });
      expect.status(docx, 200, '单位下载通报 / a unit downloads the notice');
      const { createHash } = await import('node:crypto');
      expect.equal(
        createHash('sha256').update(docx.buffer).digest('hex'),
        issued.body.fileSha256,
        '下载文件与存档一致 / the file is the archived one',
      );
      const latest = await as.fy_czj_xxy.get('/api/assessment/notices/latest');
      expect.status(latest, 200);
      expect.true(
        latest.body.some((n) => n.id === drafted.body.id && n.ownUnitIds.length > 0),
        '首页显示最新通报 / on the unit home page',
        latest.body,
      );
    },
  );

  await step('导出排名', 'the ranking exported to Excel has the rows on screen', async () => {
    const q = new URLSearchParams({ from: monthFrom, to: today });
    const screen = await ranking('editor', monthFrom, today);
    const file = await as.editor.get(`/api/assessment/ranking.xlsx?${q}`, { raw: true });
    expect.status(file, 200, '导出Excel / export');
    const rows = await readWorkbook(file.buffer);
    expect.equal(rows[0]?.slice(0, 3), ['分组', '排名', '单位'], '表头 / header');
    const names = rows.slice(1).map((r) => r[2]);
    expect.equal(
      names,
      screen.groups.flatMap((g) => g.rows.map((r) => r.unitName)),
      '与屏幕一致 / same rows as the screen',
    );
  });

  await step('统计分析', "this month's statistics agree with the ranking; a unit sees its own", async () => {
    const q = new URLSearchParams({ from: monthFrom, to: today });
    const screen = await ranking('editor', monthFrom, today);
    const stats = await as.editor.get(`/api/assessment/statistics?${q}`);
    expect.status(stats, 200, '统计分析 / statistics');
    const czj = stats.body.units.find((u) => u.unitName === '财政局');
    const r = rowOf(screen, '财政局');
    expect.equal(
      [czj.submitted, czj.points, czj.rank],
      [r.submitted, r.points, r.rank],
      '财政局的报送、得分、名次与排名一致 / the same figures as the ranking',
    );
    expect.equal(
      stats.body.months.reduce((n, m) => n + m.submitted, 0),
      screen.totals.submitted,
      '各月报送合计等于排名合计 / the months add up to the ranking total',
    );
    const own = await as.fy_czj_xxy.get(`/api/assessment/statistics?${q}`);
    expect.status(own, 200, "单位统计 / a unit's statistics");
    expect.equal(own.body.unit?.unitName, '财政局', '单位看到本单位 / the unit sees its own');
  });

  await step('工作总结（工作情况）', "the demo year's 工作情况 in the seed's words", async () => {
    const res = await as.editor.get(
      `/api/assessment/work-summary?from=${demoYear}-01-01&to=${demoYear}-12-31`,
    );
    expect.status(res, 200, '工作总结 / work summary');
    const text = res.body.sections.flatMap((s) => s.paragraphs).join('');
    for (const phrase of [
      '共报送信息336条',
      '报送政务信息238条（篇）',
      '获《晋政信息●普刊》采用9条（篇），共36分',
      '排名第三',
      '只有9家市直单位报送信息，而仅有1个乡镇（街道）报送信息',
    ]) {
      expect.true(text.includes(phrase), `工作总结含“${phrase}” / the summary states it`, text);
    }
    const docx = await as.editor.get(
      `/api/assessment/work-summary.docx?from=${demoYear}-01-01&to=${demoYear}-12-31`,
      { raw: true },
    );
    expect.status(docx, 200, '下载工作总结 / the Word file');
  });
}
