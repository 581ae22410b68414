import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { auditRows, countOrgs, multipart, orgByCode, readXlsx, upload, xlsx } from './orgs.test-support.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

const HEADER = ['单位编码', '单位全称', '简称', '类型', '层级', '上级单位编码', '单位类别', '考核分组'];
const unitRow = (code: string, name: string, parent = 'fy') => [
  code,
  name,
  null,
  '单位',
  null,
  parent,
  '市直部门',
  '二类部门',
];

async function exportBuffer(): Promise<Buffer> {
  const res = await admin.request('GET', '/api/orgs/export.xlsx');
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

describe('POST /api/orgs/import — access and file checks', () => {
  it('needs a session and the system administrator role; nothing changes otherwise', async () => {
    const file = await xlsx(HEADER, [unitRow('imp_denied', '不该导入局')]);
    const { body, contentType } = multipart(file);
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/orgs/import',
      payload: body,
      headers: { 'content-type': contentType },
    });
    expect(anon.statusCode).toBe(401);
    for (const username of ['editor', 'auditor', 'secadmin', 'fy_czj_xxy']) {
      const res = await upload(await login(t.app, username), file);
      expect(res.statusCode).toBe(403);
    }
    expect((await admin.request('GET', '/api/orgs?q=imp_denied')).json().items).toEqual([]);
  });

  it('wants multipart with a `file` field', async () => {
    const json = await admin.request('POST', '/api/orgs/import', { rows: [] });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toContain('multipart/form-data');
    const wrongField = await upload(
      admin,
      await xlsx(HEADER, [unitRow('imp_field', '字段局')]),
      'a.xlsx',
      'upload',
    );
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().message).toContain('字段名 file');
  });

  it('refuses a file that is not an .xlsx, or a damaged one, in Chinese', async () => {
    const good = await xlsx(HEADER, [unitRow('imp_broken', '损坏局')]);
    for (const file of [
      Buffer.from('单位编码,单位全称\nfy_x,某局\n'),
      good.subarray(0, Math.floor(good.length / 2)),
    ]) {
      const res = await upload(admin, file, 'units.xlsx');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'IMPORT_UNREADABLE',
        message: '文件无法读取，请上传 Excel（.xlsx）文件',
      });
    }
  });

  it('refuses a sheet with no data rows and a sheet without the required headers', async () => {
    const empty = await upload(admin, await xlsx(HEADER, []));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('IMPORT_EMPTY');
    const noKind = await upload(admin, await xlsx(['单位编码', '单位全称'], [['imp_x', '某局']]));
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().message).toBe('表头缺少【类型】列，请使用导入模板');
  });
});

describe('POST /api/orgs/import — all or nothing', () => {
  it('imports nothing when one row is bad and names the row and column', async () => {
    const before = await countOrgs(t);
    const file = await xlsx(HEADER, [
      unitRow('imp_ok1', '汾阳市导入甲局'),
      unitRow('imp_bad', '汾阳市导入乙局', 'fy_xxx'),
      unitRow('imp_ok2', '汾阳市导入丙局'),
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'IMPORT_INVALID',
      message: '导入失败：共 1 行有错误，未导入任何数据',
      details: {
        errors: [{ row: 3, column: '上级单位编码', message: '第 3 行【上级单位编码】fy_xxx 不存在' }],
      },
    });
    expect(await countOrgs(t)).toBe(before);
    expect(await auditRows(t, 'org.imported')).toHaveLength(0);
    expect(await auditRows(t, 'org.created')).toHaveLength(0);
  });

  it('reports every kind of row error at once', async () => {
    const before = await countOrgs(t);
    const header = [...HEADER, 'IP段', '状态', '生效日期', '失效日期'];
    const row = (cells: (string | null)[]) => [...cells, ...Array(header.length - cells.length).fill(null)];
    const file = await xlsx(header, [
      row(['imp_dup', '重复一局', null, '单位', null, 'fy']),
      row(['IMP_DUP', '重复二局', null, '单位', null, 'fy']),
      row(['imp_cat', '类别错局', null, '单位', null, 'fy', '不存在的类别', '五类部门']),
      row(['imp_kind', '类型错局', null, '部门', null, 'fy']),
      row(['imp_level', '层级错办', null, '办公室', '区级', 'll']),
      row(['imp_noname', null, null, '单位', null, 'fy']),
      row(['imp_cyc_a', '循环甲办', null, '办公室', '市级', 'imp_cyc_b']),
      row(['imp_cyc_b', '循环乙办', null, '办公室', '省级', 'imp_cyc_a']),
      row(['imp_underunit', '挂错局', null, '单位', null, 'fy_czj']),
      row(['imp_ip', 'IP错局', null, '单位', null, 'fy', null, null, '10.0.0.300/24']),
      row(['imp_off', '停用局', null, '单位', null, 'fy', null, null, null, '停用']),
      row(['imp_date', '日期错局', null, '单位', null, 'fy', null, null, null, null, '2024-02-30']),
      row([
        'fy',
        '汾阳市人民政府办公室',
        '汾阳市政府办',
        '办公室',
        '县级',
        'll',
        null,
        null,
        null,
        '停用',
        null,
        '2030-01-01',
      ]),
      row(['bad code!', '编码错局', null, '单位', null, 'fy']),
      row(['imp_unitlevel', '单位带层级', null, '单位', '县级', 'fy']),
      row(['imp_noparent', '无上级局', null, '单位', null, null]),
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    const errors: { row: number; column: string; message: string }[] = res.json().details.errors;
    const messages = errors.map((e) => e.message);
    const expected = [
      '第 3 行【单位编码】IMP_DUP 与第 2 行重复',
      '第 4 行【单位类别】“不存在的类别”不在单位类别字典中',
      '第 4 行【考核分组】“五类部门”不在考核分组字典中',
      '第 5 行【类型】“部门”无效，请填写“办公室”或“单位”',
      '第 6 行【层级】“区级”无效，请填写县级、市级或省级',
      '第 7 行【单位全称】不能为空',
      '第 8 行【上级单位编码】imp_cyc_b 是本单位的下级，形成循环引用',
      '第 9 行【上级单位编码】imp_cyc_a 是本单位的下级，形成循环引用',
      '第 10 行【上级单位编码】上级单位“汾阳市财政局”是报送单位，只有办公室可以作为上级',
      '第 11 行【IP段】10.0.0.300/24 格式不正确，IP 段应为 IPv4 网段（如 10.72.11.0/24），多个网段以逗号分隔',
      '第 12 行【失效日期】停用的单位须填写失效日期',
      '第 13 行【生效日期】2024-02-30 不是有效日期，日期格式应为 YYYY-MM-DD（如 2024-03-05）',
      '第 15 行【单位编码】bad code! 格式不正确：单位编码须为 2–32 位字母、数字、下划线或连字符',
      '第 16 行【层级】报送单位不设层级，层级须为空',
      '第 17 行【上级单位编码】报送单位须指定上级办公室',
    ];
    for (const m of expected) expect(messages).toContain(m);
    expect(messages.some((m) => m.startsWith('第 14 行【状态】该办公室下还有启用中的下级单位'))).toBe(true);
    expect(res.json().message).toBe(
      `导入失败：共 ${new Set(errors.map((e) => e.row)).size} 行有错误，未导入任何数据`,
    );
    expect(await countOrgs(t)).toBe(before);
    expect((await orgByCode(t, 'fy')).active).toBe(true);
  });
});

describe('POST /api/orgs/import — success', () => {
  it('creates and updates by code, with a parent later in the file, in one audited transaction', async () => {
    const czj = await orgByCode(t, 'fy_czj');
    const before = await countOrgs(t);
    const header = [...HEADER, '联系人', '接入日期', '排序'];
    const file = await xlsx(header, [
      [
        'imp_newunit',
        '新县示范局',
        '示范局',
        '单位',
        null,
        'imp_newoffice',
        '市直部门',
        '一类部门',
        '李四',
        new Date(Date.UTC(2021, 5, 7)),
        20,
      ],
      [
        'imp_newoffice',
        '新县人民政府办公室',
        '新县政府办',
        '办公室',
        '县级',
        'll',
        '政府办公室',
        null,
        null,
        null,
        80,
      ],
      ['FY_CZJ', '汾阳市财政局', '财政局', '单位', null, 'fy', '市直部门', '一类部门', '新联系人', null, 10],
    ]);
    const res = await upload(admin, file, '单位导入.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 1, unchanged: 0 });
    expect(await countOrgs(t)).toBe(before + 2);

    const office = await orgByCode(t, 'imp_newoffice');
    const unit = await orgByCode(t, 'imp_newunit');
    expect(unit).toMatchObject({
      parentId: office.id,
      kind: 'unit',
      categoryCode: 'city_dept',
      groupCode: 'dept_1',
      netAccessDate: '2021-06-07',
      sortOrder: 20,
      active: true,
    });
    expect(office).toMatchObject({
      kind: 'office',
      level: 'county',
      parentId: (await orgByCode(t, 'll')).id,
    });

    const after = await orgByCode(t, 'FY_CZJ');
    expect(after.id).toBe(czj.id);
    expect(after).toMatchObject({ contactPerson: '新联系人', version: czj.version + 1 });

    const [summary] = await auditRows(t, 'org.imported');
    expect(summary.diff).toEqual({
      fileName: '单位导入.xlsx',
      rows: 3,
      created: 2,
      updated: 1,
      unchanged: 0,
    });
    expect(await auditRows(t, 'org.created', unit.id)).toHaveLength(1);
    const [update] = await auditRows(t, 'org.updated', czj.id);
    expect(update.diff).toMatchObject({
      code: ['fy_czj', 'FY_CZJ'],
      contactPerson: [czj.contactPerson, '新联系人'],
    });
    // The columns missing from the sheet kept their values.
    expect(after.netIpRange).toBe(czj.netIpRange);
    expect(after.address).toBe(czj.address);
  });

  it('round-trips: importing a fresh export changes nothing', async () => {
    const total = await countOrgs(t);
    const versions = (await admin.request('GET', '/api/orgs?includeInactive=true'))
      .json()
      .items.map((o: { version: number }) => o.version);
    const res = await upload(admin, await exportBuffer(), '单位名录.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: 0, unchanged: total });
    const again = (await admin.request('GET', '/api/orgs?includeInactive=true'))
      .json()
      .items.map((o: { version: number }) => o.version);
    expect(again).toEqual(versions);
  });

  it('applies an edited export: one changed cell updates one org, and 停用 deactivates', async () => {
    const book = await readXlsx(await exportBuffer());
    const sheet = book.getWorksheet('单位名录')!;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'fy_swj') row.getCell(11).value = '水务联系人';
      if (row.getCell(1).value === 'imp_newunit') {
        row.getCell(19).value = '停用';
        row.getCell(21).value = new Date(Date.UTC(2031, 0, 31));
      }
    });
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 2 });
    expect((await orgByCode(t, 'fy_swj')).contactPerson).toBe('水务联系人');
    expect(await orgByCode(t, 'imp_newunit')).toMatchObject({ active: false, validTo: '2031-01-31' });
  });
});

describe('POST /api/orgs/import — size limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ env: { UPLOAD_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => small.close());

  it('refuses a file above the upload limit with 413 in Chinese and imports nothing', async () => {
    const s = await login(small.app, 'admin');
    const before = await countOrgs(small);
    const file = await xlsx(HEADER, [unitRow('imp_big', '超大文件局')]);
    expect(file.length).toBeGreaterThan(2048);
    const res = await upload(s, file);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'FILE_TOO_LARGE', message: '文件超过 2 KB 的上限，未导入' });
    expect(await countOrgs(small)).toBe(before);
  });
});
