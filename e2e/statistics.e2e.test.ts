import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loginAs, menuLabels, useBrowser } from './support.ts';

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');
/** The demo year: the last complete year in Beijing, whose figures no other spec changes. */
const DEMO_YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1;
const URL_YEAR = `/statistics?period=year&at=${DEMO_YEAR}`;

const shot = async (page: Page, name: string, fullPage = true) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `statistics-${name}.png`), fullPage });
};

/** A chart has drawn: its canvas exists and ECharts' aria description names the series. */
const chartDrawn = async (page: Page, label: string, mentions: string) => {
  const chart = page.locator(`[data-chart="${label}"]`);
  await chart.locator('canvas').first().waitFor();
  await expect.poll(async () => (await chart.getAttribute('aria-label')) ?? '').toContain(mentions);
};

/**
 * 统计分析 in the browser, read-only over the demo year: the office's editor sees the whole office
 * (figures, charts, the units that never reported, the per-unit table exported to Excel), opens
 * one unit and the leader's one screen; the leader opens on that screen and it fits without
 * scrolling; a unit's 信息员 sees only its own unit, and asking for another unit is refused.
 */
describe('统计分析（浏览器）/ statistics', () => {
  const ui = useBrowser();

  test('信息科看全貌、单位与一屏，导出各单位表 / the editor sees the office, a unit and the one screen', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    expect(await menuLabels(page)).toContain('统计分析');
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.waitForURL((u) => u.pathname === '/statistics');
    await page.goto(URL_YEAR);
    await page.getByText(`依据：《${DEMO_YEAR}年度汾阳市政务信息工作考核办法》`).waitFor();
    const kpi = (title: string) => page.locator('.ant-statistic', { hasText: title });
    await kpi('报送信息').getByText('336').waitFor();
    await kpi('上级采用').getByText('40').waitFor();
    await kpi('在吕梁市排名（共5个）').getByText('第3名').waitFor();
    await chartDrawn(page, '按月报送与采用', '按月报送与采用：1月报送');
    await chartDrawn(page, '各单位对比', '财政局');
    await chartDrawn(page, '分组采用率', '乡镇街道');
    await chartDrawn(page, '报送覆盖', '报送覆盖：已报送10个单位');
    await chartDrawn(page, '向上采用', '《晋政信息●普刊》');
    await page.getByText(/从未报送的单位（\d+个）/).waitFor();
    await page.getByText(/本期被上级采用40条，计75分，在5个单位中排名第3/).waitFor();
    const czj = page.locator('tr', { hasText: '财政局' }).first();
    await czj.getByText('137').waitFor();
    await shot(page, 'office');

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出Excel/ }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`统计分析-${DEMO_YEAR}-01-01至${DEMO_YEAR}-12-31.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(await file.path()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = ((sheet?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(header).toEqual([
      '分组',
      '名次',
      '单位',
      '报送数',
      '本级采用',
      '上级采用',
      '被采用条数',
      '采用率（%）',
      '得分',
      '备注',
    ]);
    const line = sheet?.getRows(2, (sheet?.rowCount ?? 1) - 1)?.find((r) => r.getCell(3).value === '财政局');
    expect(line?.getCell(4).value).toBe(137);

    await czj.getByRole('button', { name: '财政局' }).click();
    await page.getByRole('heading', { name: '财政局（一类部门）' }).waitFor();
    expect(new URL(page.url()).searchParams.get('unitId')).toMatch(/^[0-9a-f-]{36}$/);
    await chartDrawn(page, '本单位走势', '报送');
    await chartDrawn(page, '组内名次', '名次');
    await page.locator('.ant-statistic', { hasText: '报送信息' }).getByText('137').waitFor();

    await page.getByText('一屏', { exact: true }).click();
    await chartDrawn(page, '得分前十名', '财政局');
    expect(new URL(page.url()).searchParams.get('view')).toBe('screen');
  });

  test('领导打开即为一屏总览 / the leader opens on one screen that needs no scrolling', async () => {
    const { page } = ui;
    await loginAs(page, 'leader');
    await page.goto(URL_YEAR);
    await chartDrawn(page, '得分前十名', '财政局');
    await chartDrawn(page, '刊物采用', '《吕梁政务信息●普刊》');
    await page.locator('.ant-statistic', { hasText: '报送信息' }).getByText('336').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'leader', false);
  });

  test('单位只看本单位 / a unit sees its own figures only', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    await page.goto(URL_YEAR);
    await page.getByRole('heading', { name: '财政局（一类部门）' }).waitFor();
    await chartDrawn(page, '组内名次', '名次');
    expect(await page.getByText('各单位情况').count()).toBe(0);
    expect(await page.getByRole('button', { name: /导出Excel/ }).count()).toBe(0);
    await shot(page, 'unit');

    // Another unit's id in the URL: the server refuses, the page says why.
    const other = await page.evaluate(async (year) => {
      const res = await fetch(`/api/assessment/statistics?from=${year}-01-01&to=${year}-12-31`);
      const body = (await res.json()) as { units: { unitId: string; unitName: string }[] };
      return body.units.find((u) => u.unitName === '水务局')?.unitId;
    }, DEMO_YEAR);
    expect(other).toBeTruthy();
    await page.goto(`${URL_YEAR}&unitId=${other}`);
    await page.getByText('只能查看本单位的统计').waitFor();
  });
});
