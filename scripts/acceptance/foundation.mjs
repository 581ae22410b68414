// Acceptance walkthrough of issue 2 (Foundation): health, API docs, security headers, accounts and
// role menus, the unit registry with Excel import, forced password change, lockout, cross-unit
// protection, the audit log (三员分立), logout, and a look at the UI in Chromium.
import fs from 'node:fs';
import { screenshotAs } from '../lib/browser.mjs';

export const title = '基础平台：单位、账号、角色、操作日志与演示城市 / Foundation';
export const needs = { web: true, chromium: true };

const PASSWORD = process.env.XINBAO_DEMO_PASSWORD ?? 'Xinbao@2026';
const VERSION = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
const labels = (menu) => (menu ?? []).map((m) => m.label);

/** Expected menus per demo account: what must be there and what must not. */
const MENUS = [
  { username: 'admin', has: ['单位管理', '用户管理', '字典管理'], not: ['操作日志', '安全策略'] },
  { username: 'editor', has: ['本单位'], not: ['单位管理', '用户管理', '操作日志'] },
  { username: 'auditor', has: ['操作日志'], not: ['单位管理', '用户管理', '字典管理', '安全策略', '本单位'] },
  { username: 'secadmin', has: ['安全策略', '待确认授权'], not: ['操作日志', '单位管理'] },
  { username: 'fy_czj_xxy', has: ['本单位'], not: ['单位管理', '用户管理', '操作日志'] },
];

export async function run({
  baseUrl,
  external,
  chromiumPath,
  step,
  expect,
  client,
  buildWorkbook,
  readWorkbook,
  resultsDir,
}) {
  const suffix = Date.now().toString(36).slice(-5);
  const sessions = {};

  await step('健康检查', 'health check', async () => {
    const res = await client().get('/api/health');
    expect.status(res, 200);
    expect.equal(res.body?.status, 'ok', 'status');
    if (external) expect.includes(['pglite', 'postgresql'], res.body?.database, 'database');
    else expect.equal(res.body?.database, 'pglite', 'database（内嵌数据库 / embedded）');
    expect.equal(res.body?.version, VERSION, 'version = package.json');
    return `${res.body.database}, v${res.body.version}`;
  });

  await step('接口文档 OpenAPI JSON', 'OpenAPI JSON at /api/docs/json', async () => {
    const res = await client().get('/api/docs/json');
    expect.status(res, 200);
    expect.true(/^3\./.test(res.body?.openapi ?? ''), 'openapi 版本 / version 3.x', res.body?.openapi, '3.x');
    const paths = Object.keys(res.body?.paths ?? {});
    for (const p of ['/api/health', '/api/auth/login', '/api/orgs', '/api/users', '/api/audit']) {
      expect.includes(paths, p, `OpenAPI 中的路径 / documented path ${p}`);
    }
    return `${paths.length} 个路径 / paths`;
  });

  await step('接口文档页面', 'API docs UI at /api/docs', async () => {
    const res = await client().get('/api/docs');
    expect.status(res, 200);
    expect.true(/swagger/i.test(res.text), '页面是 Swagger UI / page is Swagger UI', res.text.slice(0, 200));
  });

  await step('安全响应头', 'security headers on / and /api/health', async () => {
    for (const p of ['/', '/api/health']) {
      const res = await client().get(p);
      expect.status(res, 200);
      expect.equal(res.headers.get('x-content-type-options'), 'nosniff', `${p} X-Content-Type-Options`);
      expect.equal(res.headers.get('x-frame-options'), 'DENY', `${p} X-Frame-Options`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect.true(
        /default-src 'self'/.test(csp),
        `${p} Content-Security-Policy`,
        csp,
        "default-src 'self' …",
      );
    }
    const page = await client().get('/');
    expect.true(
      /<div id="root">/.test(page.text),
      '首页是前端应用 / / serves the web app',
      page.text.slice(0, 200),
    );
  });

  for (const m of MENUS) {
    await step(`登录 ${m.username} 并检查菜单`, `log in as ${m.username}, check the menu`, async () => {
      const c = client(m.username);
      const res = await c.login(m.username, PASSWORD);
      expect.status(res, 200);
      const cookie = res.setCookie.find((s) => s.startsWith('xb_session=')) ?? '';
      expect.true(
        /HttpOnly/i.test(cookie) && /SameSite=Strict/i.test(cookie),
        '会话 Cookie / session cookie',
        cookie,
        'HttpOnly; SameSite=Strict',
      );
      expect.true(typeof res.body?.csrfToken === 'string', 'csrfToken', res.body);
      const menu = labels(res.body.menu);
      for (const l of m.has) expect.includes(menu, l, `${m.username} 的菜单 / menu`);
      for (const l of m.not) expect.excludes(menu, l, `${m.username} 的菜单 / menu`);
      const me = await c.get('/api/auth/me');
      expect.status(me, 200);
      expect.equal(me.body?.user?.username, m.username, '/api/auth/me 用户名 / username');
      sessions[m.username] = c;
      return menu.join('、');
    });
  }

  await step('信息员属于本单位', 'the reporter belongs to their unit', async () => {
    const me = await sessions.fy_czj_xxy.get('/api/auth/me');
    expect.equal(me.body?.user?.primaryUnit?.shortName, '财政局', 'fy_czj_xxy 的主单位 / primary unit');
    expect.includes(me.body?.user?.roles ?? [], 'reporter', 'fy_czj_xxy 的角色 / roles');
  });

  await step('密码错误被拒绝（中文提示）', 'wrong password → 401 with a Chinese message', async () => {
    const res = await client().login('editor2', 'Wrong-password-1');
    expect.status(res, 401);
    expect.chinese(res.body?.message, '错误提示 / error message');
    expect.true(
      res.body.message.includes('用户名或密码错误'),
      '提示内容 / message',
      res.body.message,
      '用户名或密码错误…',
    );
    return res.body.message;
  });

  const admin = sessions.admin;
  let fyId;
  await step('查看组织机构', 'admin lists the unit registry', async () => {
    const res = await admin.get('/api/orgs');
    expect.status(res, 200);
    const items = res.body?.items ?? [];
    const fy = items.find((o) => o.code === 'fy');
    expect.true(Boolean(fy), '汾阳市人民政府办公室（fy）', items.map((o) => o.code).slice(0, 20), 'fy');
    const units = items.filter((o) => o.kind === 'unit' && o.parentId === fy.id);
    expect.true(units.length >= 40, '汾阳的报送单位数 / reporting units of 汾阳', units.length, '≥ 40');
    fyId = fy.id;
    return `${items.length} 个机构，汾阳 ${units.length} 个报送单位`;
  });

  const newCode = `fy_acc_${suffix}`;
  let newUnit;
  await step('新建单位', 'admin creates a unit', async () => {
    const res = await admin.post('/api/orgs', {
      code: newCode,
      name: `汾阳市验收测试局${suffix}`,
      shortName: `验收局${suffix}`,
      kind: 'unit',
      parentId: fyId,
      categoryCode: 'city_dept',
      groupCode: 'dept_2',
      contactPerson: '张验收',
      contactPhone: '0358-7220000',
    });
    expect.status(res, 201);
    expect.equal(res.body?.code, newCode, 'code');
    expect.equal(res.body?.parentName, '汾阳市人民政府办公室', 'parentName');
    const list = await admin.get(`/api/orgs?q=${encodeURIComponent(newCode)}`);
    expect.status(list, 200);
    expect.true(
      (list.body?.items ?? []).some((o) => o.code === newCode),
      '列表中可见 / visible in the list',
      list.body?.items?.map((o) => o.code),
    );
    newUnit = res.body;
    return `${res.body.name}（${newCode}）`;
  });

  const importCodes = [`fy_imp1_${suffix}`, `fy_imp2_${suffix}`];
  const headers = ['单位编码', '单位全称', '简称', '类型', '上级单位编码', '单位类别', '考核分组'];
  const goodRows = [
    [importCodes[0], `汾阳市导入一局${suffix}`, `导入一局${suffix}`, '单位', 'fy', '市直部门', '二类部门'],
    [importCodes[1], `汾阳市导入二局${suffix}`, `导入二局${suffix}`, '单位', 'fy', '市直部门', '三类部门'],
  ];

  await step(
    '导入含错误行的 Excel：整批拒绝',
    'import an .xlsx with a bad row → 400, nothing created',
    async () => {
      const template = await admin.request('GET', '/api/orgs/import-template.xlsx', { raw: true });
      expect.status(template, 200);
      const templateHeaders = (await readWorkbook(template.buffer))[0] ?? [];
      for (const h of headers) expect.includes(templateHeaders, h, '导入模板表头 / template header');
      const bad = [...goodRows, [`fy_bad_${suffix}`, '', '缺全称', '部门', 'no_such_office', '', '']];
      const file = await buildWorkbook(headers, bad);
      const res = await admin.upload('/api/orgs/import', `单位导入-错误.xlsx`, file);
      expect.status(res, 400);
      expect.equal(res.body?.code, 'IMPORT_INVALID', 'code');
      const errors = res.body?.details?.errors ?? [];
      expect.true(
        errors.length > 0 && errors.every((e) => e.row === 4),
        '逐行错误均指向第 4 行 / row errors point at row 4',
        errors,
      );
      for (const e of errors) expect.chinese(e.message, '行错误提示 / row error message');
      const list = await admin.get('/api/orgs?includeInactive=true');
      const codes = (list.body?.items ?? []).map((o) => o.code);
      for (const c of importCodes) expect.excludes(codes, c, '没有导入任何单位 / nothing was created');
      return errors.map((e) => `第${e.row}行 ${e.column ?? ''}：${e.message}`).join('；');
    },
  );

  await step('导入正确的 Excel', 'import a good .xlsx → units created', async () => {
    const file = await buildWorkbook(headers, goodRows);
    const res = await admin.upload('/api/orgs/import', '单位导入.xlsx', file);
    expect.status(res, 200);
    expect.equal(res.body?.created, 2, 'created');
    const list = await admin.get('/api/orgs');
    const codes = (list.body?.items ?? []).map((o) => o.code);
    for (const c of importCodes) expect.includes(codes, c, '导入后可见 / visible after import');
    return `新建 ${res.body.created}，更新 ${res.body.updated}，未变 ${res.body.unchanged}`;
  });

  const newUsername = `acc_${suffix}`;
  const tempPassword = 'Temp#2026abc';
  const newPassword = 'Fresh#2026xyz';
  await step('新建用户', 'admin creates a user', async () => {
    const res = await admin.post('/api/users', {
      username: newUsername,
      displayName: '验收信息员',
      unitIds: [newUnit.id],
      primaryUnitId: newUnit.id,
      roles: ['reporter'],
      password: tempPassword,
    });
    expect.status(res, 201);
    expect.equal(res.body?.mustChangePassword, true, '新账号须改密 / mustChangePassword');
    expect.equal(res.body?.roles?.length, 0, '角色待确认 / roles pending', res.body?.roles);
    return newUsername;
  });

  await step(
    '安全管理员确认授权',
    'the security administrator confirms the pending grant (三员分立)',
    async () => {
      const list = await sessions.secadmin.get('/api/users/pending-grants');
      expect.status(list, 200);
      const row = (list.body?.items ?? []).find((r) => r.username === newUsername);
      expect.true(Boolean(row), '待确认授权中有新账号 / the new account waits', list.body);
      const res = await sessions.secadmin.post(`/api/users/${row.userId}/role-grants/confirm`, {
        roles: ['reporter'],
        version: row.version,
      });
      expect.status(res, 200);
      expect.includes(res.body?.roles ?? [], 'reporter', '确认后生效 / in force once confirmed');
      return row.pendingGrants.map((g) => g.role).join('、');
    },
  );

  const newcomer = client(newUsername);
  await step('首次登录必须修改密码', 'first login must change the password (403 elsewhere)', async () => {
    const res = await newcomer.login(newUsername, tempPassword);
    expect.status(res, 200);
    expect.equal(res.body?.user?.mustChangePassword, true, 'mustChangePassword');
    const blocked = await newcomer.get(`/api/orgs/${newUnit.id}`);
    expect.status(blocked, 403);
    expect.chinese(blocked.body?.message, '提示 / message');
    return blocked.body.message;
  });

  await step('修改密码后正常使用', 'after changing the password the account works', async () => {
    const res = await newcomer.post('/api/auth/password', { currentPassword: tempPassword, newPassword });
    expect.status(res, 200);
    const me = await newcomer.get('/api/auth/me');
    expect.equal(me.body?.user?.mustChangePassword, false, 'mustChangePassword');
    const unit = await newcomer.get(`/api/orgs/${newUnit.id}`);
    expect.status(unit, 200);
    expect.includes(
      unit.body?.actions ?? [],
      'updateContacts',
      '本单位可维护联系方式 / own unit: updateContacts',
    );
    const again = await client().login(newUsername, newPassword);
    expect.status(again, 200, '用新密码登录 / log in with the new password');
  });

  await step('连续 5 次密码错误锁定账号', '5 wrong passwords lock the account', async () => {
    const victim = 'fy_jsj_xxy';
    const c = client();
    let last;
    for (let i = 1; i <= 5; i++) {
      last = await c.login(victim, `Wrong-${i}-pass`);
      expect.status(last, 401, `第 ${i} 次错误 / attempt ${i}`);
    }
    expect.equal(last.body?.code, 'ACCOUNT_LOCKED', '第 5 次后 / after the 5th');
    const right = await c.login(victim, PASSWORD);
    expect.status(right, 401, '正确密码也被拒绝 / even the right password is refused');
    expect.equal(right.body?.code, 'ACCOUNT_LOCKED', 'code');
    return right.body.message;
  });

  await step(
    '不能修改其他单位的联系方式',
    "a unit's signer cannot change another unit's contacts",
    async () => {
      const list = await admin.get('/api/orgs');
      const swj = (list.body?.items ?? []).find((o) => o.code === 'fy_swj');
      const czj = (list.body?.items ?? []).find((o) => o.code === 'fy_czj');
      const signer = client('fy_czj_qf');
      expect.status(await signer.login('fy_czj_qf', PASSWORD), 200);
      const res = await signer.patch(`/api/orgs/${swj.id}/contacts`, {
        contactPerson: '冒名顶替',
        contactPhone: '110',
        version: swj.version,
      });
      expect.status(res, 403, '修改水务局联系方式 / PATCH 水务局 contacts');
      const after = await admin.get(`/api/orgs/${swj.id}`);
      expect.equal(after.body?.contactPerson, swj.contactPerson, '水务局联系人未变 / unchanged');
      const own = await signer.patch(`/api/orgs/${czj.id}/contacts`, {
        contactPerson: czj.contactPerson,
        contactPhone: '0358-7229999',
        version: czj.version,
      });
      expect.status(own, 200, '修改本单位（财政局）联系方式 / own unit');
      return res.body?.message;
    },
  );

  await step('审计员查看操作日志', 'the auditor sees the events in /api/audit', async () => {
    const auditor = sessions.auditor;
    const expected = {
      'auth.login': (e) => e.targetLabel === 'admin',
      'auth.login_failed': (e) => e.targetLabel === 'editor2',
      'auth.account_locked': (e) => e.targetLabel === 'fy_jsj_xxy',
      'org.created': (e) => (e.targetLabel ?? '').includes(suffix),
      'org.imported': () => true,
      'user.created': (e) => (e.targetLabel ?? '').includes(newUsername),
      'auth.password_changed': (e) => e.targetLabel === newUsername,
    };
    const found = [];
    for (const [action, match] of Object.entries(expected)) {
      const res = await auditor.get(`/api/audit?action=${action}&pageSize=100`);
      expect.status(res, 200);
      const items = res.body?.items ?? [];
      const hit = items.find(match);
      expect.true(Boolean(hit), `操作日志中的 ${action}`, items.slice(0, 3), `an ${action} event`);
      expect.true(Boolean(hit.actionLabel && hit.at), '日志包含类型和时间 / label and time', hit);
      found.push(hit.actionLabel);
    }
    return found.join('、');
  });

  await step('审计员导出操作日志', 'the auditor exports the log as .xlsx', async () => {
    const res = await sessions.auditor.request('GET', '/api/audit/export.xlsx', { raw: true });
    expect.status(res, 200);
    expect.true(
      (res.headers.get('content-type') ?? '').includes('spreadsheetml'),
      'Content-Type',
      res.headers.get('content-type'),
    );
    const rows = await readWorkbook(res.buffer);
    expect.true(rows.length > 10, '导出的行数 / exported rows', rows.length, '> 10');
    return `${rows.length - 1} 行 / rows`;
  });

  await step(
    '系统管理员不能查看操作日志（三员分立）',
    'the system administrator cannot read the audit log',
    async () => {
      const res = await admin.get('/api/audit');
      expect.status(res, 403);
      const exp = await admin.request('GET', '/api/audit/export.xlsx', { raw: true });
      expect.status(exp, 403);
    },
  );

  await step('退出登录', 'logout ends the session', async () => {
    const c = sessions.editor;
    const res = await c.post('/api/auth/logout', {});
    expect.status(res, 200);
    const me = await c.get('/api/auth/me');
    expect.status(me, 401);
  });

  await step(
    '浏览器中以编辑身份登录并截图',
    'log in as editor in Chromium and take a screenshot',
    async () => {
      const opts = {
        chromiumPath,
        baseUrl,
        resultsDir,
        password: PASSWORD,
        viewport: { width: 1366, height: 860 },
      };
      return screenshotAs({ ...opts, name: 'acceptance-foundation', username: 'editor' }, async (page) => {
        await page.getByText('张文秀').first().waitFor();
        await page
          .getByRole('menuitem', { name: /本单位/ })
          .first()
          .waitFor();
      });
    },
  );
}
