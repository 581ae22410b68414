import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, loginAs, pickOption, uniqueSuffix, useBrowser, writeXlsx } from './support.ts';

type Org = {
  id: string;
  code: string;
  name: string;
  parentName: string | null;
  categoryLabel: string | null;
};

const HEADERS = ['单位编码', '单位全称', '简称', '类型', '上级单位编码', '单位类别', '考核分组'];

describe('单位管理 / unit registry admin', () => {
  const ui = useBrowser();
  let admin: APIRequestContext;
  const allCodes = async () => {
    const res = await admin.get('/api/orgs?includeInactive=true');
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: Org[] }).items;
  };

  beforeAll(async () => {
    admin = await apiSession('admin');
  });
  afterAll(async () => {
    await admin?.dispose();
  });

  async function openRegistry(page: Page) {
    await loginAs(page, 'admin');
    await page.getByRole('menuitem', { name: '单位管理' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/orgs');
    await page.getByRole('cell', { name: 'fy_czj', exact: true }).waitFor();
  }

  async function search(page: Page, text: string) {
    const box = page.getByPlaceholder('单位全称、简称或编码');
    await box.fill(text);
    await box.press('Enter');
  }

  test('新建单位：填写表单、保存后在列表中可见 / create a unit through the modal', async () => {
    const { page } = ui;
    const suffix = uniqueSuffix();
    const code = `fy_e2e_${suffix}`;
    const name = `汾阳市端到端测试局${suffix}`;
    await openRegistry(page);

    await page.getByRole('button', { name: '新建单位' }).click();
    const dialog = page.getByRole('dialog', { name: '新建单位' });
    await dialog.waitFor();
    // Saving the empty form shows the required-field messages and sends nothing.
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请输入单位编码').waitFor();

    await dialog.getByLabel('单位编码').fill(code);
    await dialog.getByLabel('单位全称').fill(name);
    await dialog.getByLabel('简称').fill(`测试局${suffix}`);
    await pickOption(dialog, '上级单位', '汾阳市人民政府办公室', '汾阳市人民政府');
    await pickOption(dialog, '单位类别', '市直部门');
    await pickOption(dialog, '考核分组', '二类部门');
    await dialog.getByLabel('联系人').fill('李测试');
    await dialog.getByRole('button', { name: '保存' }).click();

    await page.getByText(`已新建单位“${name}”`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await search(page, code);
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('汾阳市人民政府办公室');

    const saved = (await allCodes()).find((o) => o.code === code);
    expect(saved).toMatchObject({
      name,
      parentName: '汾阳市人民政府办公室',
      categoryLabel: '市直部门',
      groupLabel: '二类部门',
    });
  });

  test('导入：有错误行时列出行错误且不导入任何单位；改正后导入成功 / import units from .xlsx', async () => {
    const { page } = ui;
    const suffix = uniqueSuffix();
    const good = [
      [
        `fy_imp_a_${suffix}`,
        `汾阳市导入甲局${suffix}`,
        `甲局${suffix}`,
        '单位',
        'fy',
        '市直部门',
        '二类部门',
      ],
      [
        `fy_imp_b_${suffix}`,
        `汾阳市导入乙局${suffix}`,
        `乙局${suffix}`,
        '单位',
        'fy',
        '市直部门',
        '三类部门',
      ],
    ];
    const badFile = await writeXlsx('单位导入-有错误.xlsx', HEADERS, [
      ...good,
      [
        `fy_imp_c_${suffix}`,
        `汾阳市导入丙局${suffix}`,
        `丙局${suffix}`,
        '单位',
        'no_such_office',
        '市直部门',
        '',
      ],
    ]);
    const goodFile = await writeXlsx('单位导入.xlsx', HEADERS, good);
    await openRegistry(page);

    await page.getByRole('button', { name: /导入$/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入单位' });
    await dialog.waitFor();
    await dialog.locator('input[type=file]').setInputFiles(badFile);
    await dialog.getByText(/共 1 行有错误，未导入任何数据/).waitFor();
    const errorRow = dialog.getByRole('row').filter({ hasText: 'no_such_office' });
    await errorRow.waitFor();
    expect((await errorRow.getByRole('cell').first().textContent())?.trim()).toBe('4');
    const codes = (await allCodes()).map((o) => o.code);
    for (const [code] of good) expect(codes).not.toContain(code);

    await dialog.locator('input[type=file]').setInputFiles(goodFile);
    await dialog.getByText('导入完成：新增 2 个，更新 0 个').waitFor();
    await dialog.getByRole('button', { name: '完成' }).click();
    await search(page, suffix);
    for (const [code] of good) await page.getByRole('cell', { name: code, exact: true }).waitFor();
    const after = (await allCodes()).map((o) => o.code);
    for (const [code] of good) expect(after).toContain(code);
  });
});
