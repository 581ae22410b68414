import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkBriefingDocx } from '../server/lib/documents/docx-format-check.ts';
import { BASE_URL, loginAs, menuLabels, uniqueSuffix, useBrowser } from './support.ts';

/** Screenshots of each step, for a person to look at (not compared automatically). */
const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots';

/**
 * One issue of 《汾阳政务信息》 through the real screens, each test one person at their desk:
 * the editor creates the issue, adds three accepted items from the drawer, reorders them by drag
 * (the order survives a reload), writes the 编者按 and locks it; the chief editor signs (and is
 * offered no second 签发); the editor publishes, downloads the final DOCX and checks it with the
 * format checker, generates a PDF and circulates the issue to the leader; the leader reads it in
 * 传阅件 and the editor sees the read time. A reporter cannot reach 刊物编辑 at all.
 */
describe('刊物编辑全程（浏览器）/ an issue from draft to circulation, through the UI', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const editorNote = `本期集中反映各部门贯彻落实全市经济工作会议精神情况。${suffix}`;
  let issueId = '';
  let issueLabel = '';
  let titles: string[] = [];
  // The tests are one story: once a step fails, the later ones are skipped rather than timing out.
  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') failed = true;
  });

  /**
   * The window as the user sees it: a full-page capture resizes the viewport for a moment, which
   * can close a drawer or swallow the next click.
   */
  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `publications-${name}.png`) });
  };
  const dialog = (page: Page): Locator => page.locator('.ant-modal:visible').last();
  /**
   * Waits for a dialog's or drawer's opening animation to end: a click while it still zooms or
   * slides can land beside the button (on the mask, which closes it).
   */
  const settled = async (locator: Locator) => {
    await locator.waitFor();
    await locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  };
  const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text).first().waitFor();
  const statusTag = (page: Page, label: string) =>
    page
      .locator('.ant-tag')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .first();
  /** A workflow button of the issue header (its icon adds to the accessible name). */
  const actionButton = (page: Page, label: string) =>
    page.locator('button').filter({ hasText: new RegExp(`^${label}$`) });
  const rows = (page: Page) => page.locator('li.xb-issue-item');
  const rowTitles = async (page: Page) =>
    (await rows(page).locator('.xb-issue-item-title').allTextContents()).map((t) => t.trim());
  const issuePage = async (page: Page, tab?: string) => {
    await page.goto(`/issues/${issueId}${tab ? `?tab=${tab}` : ''}`);
    await page.getByRole('heading', { level: 4, name: /汾阳政务信息/ }).waitFor();
  };
  const confirmDialog = async (page: Page, ok: string) => {
    const modal = page.locator('.ant-modal-confirm:visible').last();
    await settled(modal);
    await modal.getByRole('button', { name: ok }).click();
  };

  test('信息员看不到刊物编辑 / a reporter has no 刊物编辑', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    expect(await menuLabels(page)).not.toContain('刊物编辑');
    await page.goto('/issues');
    await page.getByText('无权访问').waitFor();
    await shot(page, '00-reporter-refused');
  });

  test('编辑新建一期并从拟采用中添加三条信息 / the editor creates an issue and adds three items', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await page.goto('/issues');
    await page
      .getByRole('cell', { name: /\d{4}年第\d+期/ })
      .first()
      .waitFor();
    await shot(page, '01-issues-list');

    await page.getByRole('button', { name: /新建一期/ }).click();
    const modal = dialog(page);
    await settled(modal);
    await modal.getByText('汾阳政务信息').first().waitFor();
    await modal.getByRole('button', { name: '新建' }).click();
    await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/);
    issueId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const heading = await page.getByRole('heading', { level: 4, name: /汾阳政务信息/ }).textContent();
    issueLabel = /20\d\d年第\d+期/.exec(heading ?? '')?.[0] ?? '';
    expect(issueLabel).not.toBe('');
    await statusTag(page, '编辑中').waitFor();
    await page.getByText('本期还没有信息').waitFor();
    await shot(page, '02-new-issue');

    await page.getByRole('button', { name: /添加信息/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '添加信息到' });
    const candidates = drawer.locator('tr.ant-table-row');
    await settled(drawer);
    await candidates.first().waitFor();
    expect(await candidates.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 3; i++) await candidates.nth(i).locator('input[type="checkbox"]').check();
    await drawer.getByText('已选 3 条').waitFor();
    await shot(page, '03-candidates-drawer');
    await drawer.getByRole('button', { name: /添加所选/ }).click();
    await toast(page, '已添加 3 条信息');
    await expect.poll(() => rows(page).count()).toBe(3);
    titles = await rowTitles(page);
    await shot(page, '04-three-items');
  });

  test('拖动调整顺序，刷新后顺序不变 / drag to reorder; the order persists', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await issuePage(page);
    await expect.poll(() => rowTitles(page)).toEqual(titles);

    // Drag the third item by its handle onto the first.
    const handle = rows(page).nth(2).locator('.xb-drag-handle');
    const target = rows(page).nth(0);
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('rows not laid out');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/issues/${issueId}/items`) && r.request().method() === 'PUT',
    );
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 });
    await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
    await page.mouse.up();
    expect((await saved).status()).toBe(200);
    const expected = [titles[2], titles[0], titles[1]];
    await expect.poll(() => rowTitles(page)).toEqual(expected);

    await page.reload();
    await rows(page).first().waitFor();
    await expect.poll(() => rowTitles(page)).toEqual(expected);
    titles = expected;

    // The keyboard-friendly buttons move one place and save as well.
    await page.getByRole('button', { name: `下移“${titles[0]}”` }).click();
    await expect.poll(() => rowTitles(page)).toEqual([titles[1], titles[0], titles[2]]);
    await page.getByRole('button', { name: `上移“${titles[0]}”` }).click();
    await expect.poll(() => rowTitles(page)).toEqual(titles);
    // The first item goes to the government website once published.
    const portalSaved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/issues/${issueId}/items`) && r.request().method() === 'PUT',
    );
    await rows(page).nth(0).getByRole('checkbox').check();
    expect((await portalSaved).status()).toBe(200);
    await shot(page, '05-reordered');
  });

  test('编辑写编者按并定版 / the editor writes the 编者按 and locks', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await issuePage(page);
    const form = page.locator('form#issue-form');
    await form.getByLabel('编者按').fill(editorNote);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await toast(page, '已保存');
    await page.reload();
    await expect.poll(() => form.getByLabel('编者按').inputValue()).toBe(editorNote);

    await actionButton(page, '定版').click();
    await confirmDialog(page, '定版');
    await statusTag(page, '已定版').waitFor();
    // Locked: nothing to drag or remove, the form is read-only, and the editor may not sign.
    await expect.poll(() => rows(page).locator('.xb-drag-handle').count()).toBe(0);
    await expect.poll(() => form.count()).toBe(0);
    await page.getByText(editorNote).waitFor();
    await expect.poll(() => actionButton(page, '签发').count()).toBe(0);
    await shot(page, '06-locked');
  });

  test('主编/签发领导签发，不再提供第二次签发 / the chief signs; no second 签发 is offered', async () => {
    const { page } = ui;
    await loginAs(page, 'chief');
    await page.goto('/');
    await page.getByRole('link', { name: /刊物待签发/ }).waitFor();
    await shot(page, '07-chief-home');
    await issuePage(page);
    await actionButton(page, '签发').click();
    const confirm = page.locator('.ant-modal-confirm:visible').last();
    await confirm.getByText(/签发日期.*即为本期刊物的日期/).waitFor();
    await shot(page, '08-sign-confirm');
    await confirmDialog(page, '签发');
    await statusTag(page, '已签发').waitFor();
    await expect.poll(() => actionButton(page, '签发').count()).toBe(0);
    await expect.poll(() => actionButton(page, '解除定版').count()).toBe(1);
    await page.reload();
    await statusTag(page, '已签发').waitFor();
    await expect.poll(() => actionButton(page, '签发').count()).toBe(0);
    await shot(page, '09-signed');
  });

  test('编辑发布，下载定稿 Word 并通过格式检查，生成 PDF / the editor publishes, checks the DOCX, makes a PDF', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await issuePage(page);
    await actionButton(page, '发布').click();
    const confirm = page.locator('.ant-modal-confirm:visible').last();
    await confirm.getByText('生成正式 Word 文档（定稿）并归档').waitFor();
    await confirmDialog(page, '发布');
    await statusTag(page, '已发布').waitFor();

    await page.getByRole('tab', { name: /文档与归档/ }).click();
    const finalRow = page
      .locator('tr.ant-table-row')
      .filter({ has: page.locator('.ant-tag', { hasText: '定稿' }) });
    await finalRow.first().waitFor();
    const downloading = page.waitForEvent('download');
    await finalRow.first().getByRole('link', { name: /下载/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`汾阳政务信息${issueLabel}.docx`);
    const file = await download.path();
    const check = await checkBriefingDocx(fs.readFileSync(file));
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.facts.issueNumber).toContain(issueLabel);
    expect(check.facts.titles).toEqual(expect.arrayContaining(titles));

    await page.getByRole('button', { name: /生成 PDF/ }).click();
    await page.locator('tr.ant-table-row').filter({ hasText: '.pdf' }).first().waitFor({ timeout: 60_000 });
    await shot(page, '10-files');

    await page.getByRole('tab', { name: '预览' }).click();
    const frame = page.frameLocator('iframe[title*="预览"]');
    await frame.getByText(issueLabel).first().waitFor();
    await shot(page, '11-preview');
  });

  test('编辑传阅给领导 / the editor circulates the issue to the leader', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await issuePage(page, 'circulation');
    const form = page.locator('form#circulate');
    await form.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('郭振华').click();
    await page.keyboard.press('Escape');
    await form.getByLabel('附言').fill('请阅示');
    await form.getByRole('button', { name: /传\s*阅/ }).click();
    await toast(page, '已传阅给 1 位领导');
    const row = page.locator('tr.ant-table-row').filter({ hasText: '郭振华' });
    await row.getByText('未读').waitFor();
    await shot(page, '12-circulated');

    // The item chosen for the website is queued for the portal; its page names the issue.
    await page.goto('/portal-queue');
    const queued = page.locator('tr.ant-table-row').filter({ hasText: titles[0] });
    await queued.getByRole('button', { name: '撤回' }).waitFor();
    await shot(page, '12b-portal-queue');
    await queued.getByRole('link', { name: titles[0] }).click();
    await page.getByRole('link', { name: `《汾阳政务信息》${issueLabel}` }).waitFor();
    await page.getByRole('button', { name: /传\s*阅/ }).waitFor();
    await shot(page, '12c-item-in-issue');
  });

  test('领导在传阅件中阅读，编辑看到阅读时间 / the leader reads it; the editor sees when', async () => {
    const { page, browser } = ui;
    await loginAs(page, 'leader');
    expect(await menuLabels(page)).toContain('传阅件');
    await page.goto('/');
    await page.getByRole('link', { name: /未读传阅件/ }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/reading');
    const entry = page.locator('.xb-reading-row').filter({ hasText: issueLabel });
    await entry.waitFor();
    await entry.getByText('未读').waitFor();
    await shot(page, '13-reading-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
    await entry.click();
    await page.waitForURL(`**/issues/${issueId}`);
    await page.getByRole('heading', { level: 4, name: /汾阳政务信息/ }).waitFor();
    // A reader: the titles and the printed page, nothing to edit.
    for (const t of titles) await page.getByRole('link', { name: t }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /添加信息|定版|发布/ }).count()).toBe(0);
    await shot(page, '14-leader-reads');
    await page.goto('/reading');
    await entry.getByText(/已阅/).waitFor();

    const editor = await browser.newContext({
      baseURL: BASE_URL,
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    const editorPage = await editor.newPage();
    try {
      await loginAs(editorPage, 'editor');
      await editorPage.goto(`/issues/${issueId}?tab=circulation`);
      const row = editorPage.locator('tr.ant-table-row').filter({ hasText: '郭振华' });
      await row.getByText('已读').waitFor();
      await expect.poll(() => row.getByText('未读').count()).toBe(0);
      await row
        .getByText(/20\d\d-\d\d-\d\d \d\d:\d\d/)
        .first()
        .waitFor();
      await shot(editorPage, '15-editor-sees-read');
    } finally {
      await editor.close();
    }
  });
});
