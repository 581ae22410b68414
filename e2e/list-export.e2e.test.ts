import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, loginAs, pickOption, uniqueSuffix, useBrowser } from './support.ts';

type Item = { id: string; serial: number; title: string; version: number };

describe('收稿箱导出Excel / the inbox exports what its filters show', () => {
  const ui = useBrowser();
  let reporter: APIRequestContext;
  let signer: APIRequestContext;
  const suffix = uniqueSuffix();
  const sent: Record<string, Item> = {};

  /** An item of 财政局 written, signed off and so in the office's inbox. */
  const report = async (key: string, priority: 'normal' | 'urgent') => {
    const created = await reporter.post('/api/items', {
      data: {
        title: `导出核对${key}${suffix}`,
        body: '市财政局进一步规范政府采购流程，全面推行电子化交易，采购周期平均缩短五个工作日。',
        categoryCode: 'dynamic',
        priority,
        secrecy: 'public',
        authorPhone: '13935800001',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const draft = (await created.json()) as Item;
    const pending = await reporter.post(`/api/items/${draft.id}/actions/submit_for_signoff`, {
      data: { version: draft.version },
    });
    expect(pending.status(), await pending.text()).toBe(200);
    const signed = await signer.post(`/api/items/${draft.id}/actions/sign`, {
      data: { version: ((await pending.json()) as Item).version },
    });
    expect(signed.status(), await signed.text()).toBe(200);
    sent[key] = (await signed.json()) as Item;
  };

  beforeAll(async () => {
    reporter = await apiSession('fy_czj_xxy');
    signer = await apiSession('fy_czj_qf');
    await report('紧急一', 'urgent');
    await report('紧急二', 'urgent');
    await report('普通', 'normal');
  });
  afterAll(async () => {
    await reporter?.dispose();
    await signer?.dispose();
  });

  test('编辑按关键字和紧急程度筛选收稿箱，导出的工作簿正是列表中的信息 / the workbook holds the filtered rows', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await page.goto('/inbox');
    const form = page.locator('form#item-search');
    await form.getByLabel('关键字').fill(suffix);
    await pickOption(form, '紧急程度', '紧急');
    await form.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(
      (u) => u.searchParams.get('q') === suffix && u.searchParams.get('priority') === 'urgent',
    );
    const rows = page.locator('.xb-queue .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const shown = (await rows.locator('td:nth-child(2)').allTextContents()).map(Number);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出Excel/ }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^收稿箱-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(await file.path()) as unknown as ArrayBuffer);
    const values = workbook.worksheets[0].getSheetValues() as unknown[][];
    const header = values[1].slice(1);
    const data = values.slice(2).flatMap((r) => (r ? [r.slice(1)] : []));
    const col = (name: string) => data.map((r) => r[header.indexOf(name)]);

    expect(col('编号')).toEqual(shown);
    expect(col('标题').sort()).toEqual([`导出核对紧急一${suffix}`, `导出核对紧急二${suffix}`].sort());
    expect(col('编号').sort()).toEqual([sent.紧急一.serial, sent.紧急二.serial].sort());
    expect(col('紧急程度')).toEqual(['紧急', '紧急']);
    expect(col('状态')).toEqual(['已报送', '已报送']);
    expect(col('报送单位')).toEqual(['汾阳市财政局', '汾阳市财政局']);
    for (const at of col('报送时间')) expect(String(at)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});
