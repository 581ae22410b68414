import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiSession, loginAs, menuLabels, uniqueSuffix, useBrowser } from './support.ts';

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');

type Row = {
  rank: number;
  unitId: string;
  unitName: string;
  points: string;
  submitted: number;
  adoptedItems: number;
};
type NoticeJson = {
  id: string;
  title: string;
  status: string;
  version: number;
  problems: string;
  fileSha256: string | null;
  ownUnitIds: string[];
  snapshot: { groups: { name: string; rows: Row[] }[] };
};

const pad = (n: number) => String(n).padStart(2, '0');
/** The month before `d` as the server names it: 2026-11. */
const monthBefore = (d: Date) => {
  const m = new Date(d.getFullYear(), d.getMonth() - 1, 1);
  return {
    at: `${m.getFullYear()}-${pad(m.getMonth() + 1)}`,
    year: m.getFullYear(),
    month: m.getMonth() + 1,
  };
};
const nextMonth = (d: Date) => {
  const m = new Date(d.getFullYear(), d.getMonth() + 1, 1);
  return `${m.getFullYear()}-${pad(m.getMonth() + 1)}`;
};

/**
 * 考评通报 in the browser, one story: the editor tries to draft next month's notice (refused:
 * 通报期间尚未开始), drafts last month's, rewrites 四、存在的问题, saves and issues it, and sees
 * the archive's 存档校验码; 财政局's reporter finds it on the home page with 财政局's place and
 * figures, opens it and sees its row highlighted in 附件1; 水务局's reporter cannot open another
 * draft (the server's 404 message shows) nor find it in the list.
 */
describe('考评通报（浏览器）/ assessment notices: draft, edit, issue, read', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const last = monthBefore(new Date());
  const title = `${last.year}年${last.month}月份政务信息报送采用情况通报`;
  const problems = `个别单位报送信息数量偏少，反映基层问题的信息不足（${suffix}）。`;
  let detailPath = '';
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
    await page.screenshot({ path: path.join(SHOTS, `assessment-notices-${name}.png`), fullPage: true });
  };
  const dialog = (page: Page) => page.locator('.ant-modal:visible').last();
  const pickPeriod = async (page: Page, at: string) => {
    const input = dialog(page).getByLabel('通报期间');
    await input.click();
    await input.fill(at);
    await page.keyboard.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(at);
  };

  test('编辑起草上月通报，修改后印发 / the editor drafts, edits and issues last month’s notice', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    expect(await menuLabels(page)).toContain('考评通报');
    await page.getByRole('menuitem', { name: '考评通报' }).click();
    await page.waitForURL((u) => u.pathname === '/assessment/notices');
    await page.getByRole('button', { name: /起草通报$/ }).click();
    // Last month by default.
    await expect.poll(() => dialog(page).getByLabel('通报期间').inputValue()).toBe(last.at);

    // A month that has not begun: refused with the server's Chinese message, nothing drafted.
    await pickPeriod(page, nextMonth(new Date()));
    await dialog(page).getByRole('button', { name: '生成草稿' }).click();
    await dialog(page).getByTestId('draft-error').getByText('通报期间尚未开始').waitFor();
    expect(new URL(page.url()).pathname).toBe('/assessment/notices');

    await pickPeriod(page, last.at);
    expect(await dialog(page).getByTestId('draft-error').count()).toBe(0);
    await dialog(page).getByRole('button', { name: '生成草稿' }).click();
    await page.waitForURL((u) => /^\/assessment\/notices\/[0-9a-f-]{36}$/.test(u.pathname));
    detailPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText('草稿', { exact: true }).first().waitFor();
    // The texts were written from the figures.
    await expect
      .poll(() => page.getByLabel('一、总体情况').inputValue())
      .toMatch(/共收到各单位报送信息\d+条/);

    await page.getByLabel('四、存在的问题').fill(problems);
    await page.getByRole('tab', { name: '正文（未保存）' }).waitFor();
    await page.getByRole('button', { name: /保存$/ }).click();
    await page.getByText('通报正文已保存').waitFor();
    await page.getByRole('tab', { name: '正文', exact: true }).waitFor();
    expect(await page.getByLabel('四、存在的问题').inputValue()).toBe(problems);

    await page.getByRole('tab', { name: '附件1 得分情况' }).click();
    await page.locator('tr', { hasText: '财政局' }).first().waitFor();
    await page.getByRole('tab', { name: '附件2 采用信息目录' }).click();
    await page.getByTestId('notice-legend').waitFor();
    await page.getByRole('tab', { name: '打印预览' }).click();
    await page.locator(`iframe[title="${title}打印预览"]`).waitFor();
    await shot(page, '1366-draft-preview');

    await page.getByRole('button', { name: /印发$/ }).first().click();
    await dialog(page).getByText('印发后不能修改，各单位可在首页查看').waitFor();
    await dialog(page)
      .getByRole('button', { name: /^印\s*发$/ })
      .click();
    await page.getByText('已印发', { exact: true }).first().waitFor();
    const sha = page.getByTestId('notice-sha');
    await sha.waitFor();
    const shown = (await sha.textContent())?.trim() ?? '';
    expect(shown).toMatch(/^[0-9a-f]{12}$/);
    // Read-only now: no form, no draft buttons; the saved text is what was issued.
    expect(await page.getByLabel('四、存在的问题').count()).toBe(0);
    expect(await page.getByRole('button', { name: /删除草稿$/ }).count()).toBe(0);
    await page.getByRole('tab', { name: '正文', exact: true }).click();
    await page.getByTestId('notice-text').getByText(problems).waitFor();

    const editor = await apiSession('editor');
    try {
      const n = (await (
        await editor.get(`/api/assessment/notices/${detailPath.split('/').pop()}`)
      ).json()) as NoticeJson;
      expect(n.status).toBe('issued');
      expect(n.problems).toBe(problems);
      expect(n.fileSha256?.slice(0, 12)).toBe(shown);
    } finally {
      await editor.dispose();
    }
    // The archived Word file, as issued.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载Word$/ }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${title}.docx`);
    expect(
      fs
        .readFileSync(await file.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await shot(page, '1366-issued');
  });

  test('财政局信息员在首页看到通报和本单位名次 / 财政局 sees the notice and its row', async () => {
    const { page } = ui;
    const reporter = await apiSession('fy_czj_xxy');
    let n: NoticeJson;
    try {
      const res = await reporter.get(`/api/assessment/notices/${detailPath.split('/').pop()}`);
      expect(res.status()).toBe(200);
      n = (await res.json()) as NoticeJson;
    } finally {
      await reporter.dispose();
    }
    expect(n.ownUnitIds.length).toBe(1);
    const group = n.snapshot.groups.find((g) => g.rows.some((r) => r.unitId === n.ownUnitIds[0]));
    const row = group?.rows.find((r) => r.unitId === n.ownUnitIds[0]);
    expect(row?.unitName).toBe('财政局');
    if (!group || !row) return;

    await loginAs(page, 'fy_czj_xxy');
    const card = page.getByTestId('latest-notices');
    await card.getByRole('link', { name: title }).waitFor();
    const own = card.getByTestId('latest-notice-row');
    await expect.poll(() => own.count()).toBe(1);
    const text = ((await own.textContent()) ?? '').replace(/\s+/g, '');
    expect(text).toContain(`${group.name}第${row.rank}名（共${group.rows.length}个单位）`);
    expect(text).toContain(`得分${row.points}`);
    expect(text).toContain(`报送${row.submitted}条`);
    expect(text).toContain(`采用${row.adoptedItems}条`);
    await shot(page, '1366-unit-home');

    await card.getByRole('link', { name: title }).click();
    await page.waitForURL((u) => u.pathname === detailPath);
    await page.getByTestId('notice-text').getByText(problems).waitFor();
    // A unit reads; it edits nothing.
    expect(await page.getByRole('button', { name: /更新数据$/ }).count()).toBe(0);
    await page.getByRole('tab', { name: '附件1 得分情况' }).click();
    const highlighted = page.locator('tr[data-own="true"]');
    await expect.poll(() => highlighted.count()).toBe(1);
    await highlighted.getByText('财政局', { exact: true }).waitFor();
    await highlighted.getByText('本单位').waitFor();
    await shot(page, '1366-unit-scores');
  });

  test('其他单位看不到草稿 / another unit cannot open a draft', async () => {
    const { page } = ui;
    const editor = await apiSession('editor');
    const quarter = `${last.year}-Q${Math.floor((last.month - 1) / 3) + 1}`;
    const created = await editor.post('/api/assessment/notices', {
      data: { period: 'quarter', at: quarter },
    });
    expect(created.status()).toBe(201);
    const draft = (await created.json()) as NoticeJson;
    try {
      await loginAs(page, 'fy_swj_xxy');
      await page.goto(`/assessment/notices/${draft.id}`);
      await page.locator('.ant-result').getByText('通报不存在或您无权查看').waitFor();
      await page.getByRole('link', { name: '返回通报列表' }).click();
      await page.waitForURL((u) => u.pathname === '/assessment/notices');
      // The list holds the issued notice only.
      await page.getByRole('link', { name: title }).waitFor();
      expect(await page.getByRole('link', { name: draft.title }).count()).toBe(0);
    } finally {
      await editor.delete(`/api/assessment/notices/${draft.id}?version=${draft.version}`);
      await editor.dispose();
    }
  });
});
