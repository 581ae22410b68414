import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, menuLabels, pickOption, uniqueSuffix, useBrowser } from './support.ts';

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');

/** `2026-03-10 09:00` in the zone the browser runs in (the same machine as this process). */
const pickerText = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

/**
 * 会议与培训 in the browser, one story: the office editor records a 省级视频会议 that began an hour
 * ago inviting 财政局 and 水务局 (an end before the start is refused on the form first), ticks an
 * item of the 会前调试 checklist, adds and drops one of its own, records 财政局 出席 with two names
 * and 水务局 请假; the list shows the progress and counts, the 年度统计 the level and kind line and
 * each unit's row. 财政局's reporter sees the meeting with its own 出席 and no checklist. Both
 * screens fit a phone.
 */
describe('会议与培训（浏览器）/ meetings, checklist, attendance and figures', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const title = `全省政务信息系统视频调度会${suffix}`;
  let meetingPath = '';
  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') failed = true;
  });

  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `meetings-${name}.png`), fullPage: true });
  };
  const dialog = (page: Page) => page.locator('.ant-modal:visible').last();
  const sideOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  /** Types a time into the antd DatePicker of the form item labelled `label` and confirms it. */
  const pickTime = async (scope: Locator, label: string, when: Date) => {
    const input = scope.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(pickerText(when));
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(pickerText(when));
  };
  /** Chooses `option` in the antd Select of the row of `unit` in the attendance table. */
  const choose = async (page: Page, unit: string, option: string) => {
    const row = page.getByTestId('attendance').locator('tr', { hasText: unit });
    await row.getByRole('combobox').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle(option, { exact: true })
      .last()
      .click();
    await row.getByTitle(option, { exact: true }).waitFor();
  };

  test('编辑登记视频会议，勾选保障清单，登记出席 / the editor records a meeting, ticks, records attendance', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    expect(await menuLabels(page)).toContain('会议培训');
    await page.getByRole('menuitem', { name: '会议培训' }).click();
    await page.waitForURL((u) => u.pathname === '/meetings');
    await page.getByTestId('meeting-stats').waitFor();

    await page.getByRole('button', { name: /登记会议$/ }).click();
    const modal = dialog(page);
    await modal.getByText('视频会议', { exact: true }).click();
    await pickOption(modal, '级别', '省级');
    await modal.getByLabel('主办单位').fill('山西省人民政府办公厅');
    await modal.getByLabel('会议名称').fill(title);
    const start = new Date(Date.now() - 60 * 60 * 1000);
    start.setSeconds(0, 0);
    await pickTime(modal, '开始时间', start);
    // An end before the start is refused on the form, nothing is sent.
    await pickTime(modal, '结束时间', new Date(start.getTime() - 30 * 60 * 1000));
    await modal.getByRole('button', { name: /保\s?存/ }).click();
    await modal.getByText('结束时间不能早于开始时间').waitFor();
    await pickTime(modal, '结束时间', new Date(start.getTime() + 2 * 60 * 60 * 1000));
    await modal.getByText('结束时间不能早于开始时间').waitFor({ state: 'detached' });
    await modal.getByLabel('地点').fill('市政府视频会议室');
    await pickOption(modal, '参会单位', '汾阳市财政局', '财政');
    await pickOption(modal, '参会单位', '汾阳市水务局', '水务');
    await page.keyboard.press('Escape');
    await shot(page, '1280-create');
    await modal.getByRole('button', { name: /保\s?存/ }).click();
    await page.waitForURL((u) => /^\/meetings\/[0-9a-f-]{36}$/.test(u.pathname));
    meetingPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: title }).waitFor();

    // 保障清单: a video conference starts with its default items; tick one, add and drop another.
    const checklist = page.getByTestId('checklist');
    await checklist.getByText('完成 0/7').waitFor();
    await checklist.getByTestId('phase-before').getByRole('checkbox', { name: '检查视频线路' }).check();
    await checklist.getByText('完成 1/7').waitFor();
    await checklist.getByTestId('phase-before').getByText('张文秀').first().waitFor();
    const during = checklist.getByTestId('phase-during');
    await during.getByLabel('会中保障添加事项').fill('备用线路值守');
    await during.getByRole('button', { name: /添加$/ }).click();
    await checklist.getByText('完成 1/8').waitFor();
    await during.getByRole('button', { name: '删除 备用线路值守' }).click();
    await checklist.getByText('完成 1/7').waitFor();

    // 出席登记: 财政局 came with two people, 水务局 asked for leave.
    const attendance = page.getByTestId('attendance');
    await choose(page, '汾阳市财政局', '出席');
    await attendance.getByLabel('汾阳市财政局参会人员').fill('张晓明、李华');
    await choose(page, '汾阳市水务局', '请假');
    await attendance.getByText('有 2 个单位的改动尚未保存').waitFor();
    await attendance.getByRole('button', { name: /保存出席登记$/ }).click();
    const summary = page.getByTestId('attendance-summary');
    await expect.poll(() => summary.textContent()).toMatch(/出席\s*1.*请假\s*1.*未登记\s*0.*人次\s*2/s);
    await attendance.getByText('尚未保存').waitFor({ state: 'detached' });

    await page.getByLabel('会议纪要').fill('省政府办公厅部署了政务信息系统升级工作。');
    await page.getByRole('button', { name: /保存纪要$/ }).click();
    await page.getByText('会议纪要已保存').waitFor();
    await shot(page, '1280-detail');
  });

  test('列表显示进度和出席，年度统计有省级视频会议和各单位出席率 / the list and the year figures', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    await page.goto('/meetings');
    const row = page.getByTestId('meeting-list').locator('tr', { hasText: title });
    await row.getByText('完成 1/7').waitFor();
    await row.getByText('出席 1/2').waitFor();
    await row.getByText(/2 人次/).waitFor();
    const stats = page.getByTestId('meeting-stats');
    await stats.getByText(/省级视频会议 \d+ 次，参会 \d+ 人次/).waitFor();
    await stats.getByText(/各单位出席情况/).click();
    const unitRow = stats.locator('tr', { hasText: '汾阳市水务局' });
    await unitRow.getByText(/%$/).waitFor();
    await shot(page, '1280-list');

    // A filter narrows the list and lives in the URL.
    await page.getByRole('textbox', { name: '搜索' }).fill(suffix);
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === suffix);
    await expect
      .poll(() => page.getByTestId('meeting-list').locator('tbody tr.ant-table-row').count())
      .toBe(1);

    // Before a meeting begins the server refuses 出席 and says why; nothing is saved.
    await page.goto('/meetings');
    await page.getByRole('link', { name: '全市信息员业务培训班' }).first().click();
    await page.getByText('会议尚未开始：可先登记请假').waitFor();
    const first = page.getByTestId('attendance').locator('tbody tr.ant-table-row').first();
    const unit = (await first.locator('td').first().textContent()) ?? '';
    await choose(page, unit, '出席');
    await page.getByRole('button', { name: /保存出席登记$/ }).click();
    await page.getByText(`会议尚未开始，不能登记${unit}出席（可先登记请假）`).waitFor();
    await first.getByTitle('出席', { exact: true }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/meetings');
    await page.locator('tr', { hasText: title }).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-list');
    await page.goto(meetingPath);
    await page.getByTestId('checklist').waitFor();
    await page.getByTestId('attendance').locator('tr', { hasText: '汾阳市财政局' }).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-detail');
  });

  test('财政局信息员看到本单位出席，看不到保障清单 / the invited unit sees its own attendance only', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'fy_czj_xxy');
    expect(await menuLabels(page)).toContain('会议培训');
    await page.goto('/meetings');
    await expect.poll(() => page.getByTestId('meeting-stats').count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /登记会议$/ }).count()).toBe(0);
    const row = page.locator('tr', { hasText: title });
    await row.getByText('出席', { exact: true }).waitFor();
    await shot(page, '1280-unit-list');
    await row.getByRole('link', { name: title }).click();
    await page.waitForURL((u) => u.pathname === meetingPath);
    const own = page.getByTestId('own-attendance');
    await own.getByText('出席', { exact: true }).waitFor();
    await own.getByText('参会人员：张晓明、李华').waitFor();
    await page.getByText('省政府办公厅部署了政务信息系统升级工作。').waitFor();
    expect(await page.getByTestId('checklist').count()).toBe(0);
    expect(await page.getByText('保障清单').count()).toBe(0);
    expect(await page.getByText('汾阳市水务局').count()).toBe(0);
    expect(await page.getByRole('button', { name: /编辑$/ }).count()).toBe(0);
    await shot(page, '1280-unit-detail');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await own.waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-unit-detail');

    await page.goto('/meetings/00000000-0000-4000-8000-000000000000');
    await page.getByText('会议不存在或您无权查看').waitFor();
  });
});
