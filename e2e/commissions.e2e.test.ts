import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, menuLabels, pickOption, uniqueSuffix, useBrowser } from './support.ts';

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');

/**
 * 约稿 in the browser, one story: the editor drafts a commission to 财政局 and 水务局 (an empty
 * topic is refused on the form first), issues it and sees 已读 0 / 2; 财政局's reporter opens it
 * from 约稿通知 (its read receipt), and the editor then sees 已读 1 / 2 with the reader's name;
 * 水务局's reporter declines with a reason, which the office sees with 已婉拒; the Word notice
 * downloads; the pages fit a phone.
 */
describe('约稿（浏览器）/ commission, read receipts and answers', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const topic = `一季度项目建设进展${suffix}`;
  const reason = `本单位一季度无新开工项目，暂无可报送的信息。${suffix}`;
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
    await page.screenshot({ path: path.join(SHOTS, `commissions-${name}.png`), fullPage: true });
  };
  const dialog = (page: Page) => page.locator('.ant-modal:visible').last();
  const sideOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  test('编辑新建约稿草稿并签发下发 / the editor drafts and issues a commission', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    expect(await menuLabels(page)).toContain('约稿');
    await page.getByRole('menuitem', { name: '约稿' }).click();
    await page.waitForURL((u) => u.pathname === '/commissions');
    await page.getByRole('button', { name: /新建约稿$/ }).click();
    const modal = dialog(page);
    // The contact defaults to the caller.
    await expect.poll(() => modal.getByLabel('联系人').inputValue()).toBe('张文秀');
    // Nothing filled in: refused on the form in Chinese, nothing sent.
    await modal.getByRole('button', { name: '保存草稿' }).click();
    await modal.getByText('请填写约稿主题').waitFor();
    await modal.getByText('请选择至少一个约稿单位').waitFor();
    await modal.getByLabel('约稿主题').fill(topic);
    await modal
      .getByLabel('约稿要求')
      .fill('请围绕一季度重点项目开工、投资完成和要素保障情况报送信息1至2篇，每篇不超过1500字。');
    await pickOption(modal, '约稿单位', '汾阳市财政局', '财政');
    await pickOption(modal, '约稿单位', '汾阳市水务局', '水务');
    await page.keyboard.press('Escape');
    await modal.getByLabel('联系电话').fill('0358-7221000');
    await expect.poll(() => modal.getByLabel('报送截止时间').inputValue()).toMatch(/ 17:00$/);
    await modal.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL((u) => /^\/commissions\/[0-9a-f-]{36}$/.test(u.pathname));
    detailPath = new URL(page.url()).pathname;
    await page.getByTestId('commission-number').getByText('未编号').waitFor();
    await page.getByRole('heading', { name: `关于报送${topic}有关信息的约稿通知` }).waitFor();
    const targets = page.getByTestId('commission-targets');
    await targets.getByText('汾阳市财政局').waitFor();
    await targets.getByText('汾阳市水务局').waitFor();

    // The draft is edited in the same form, filled with what was saved (the version goes along).
    await page.getByRole('button', { name: /编辑$/ }).click();
    const edit = dialog(page);
    await expect.poll(() => edit.getByLabel('约稿主题').inputValue()).toBe(topic);
    expect(await edit.getByLabel('报送截止时间').inputValue()).toMatch(/ 17:00$/);
    await edit
      .getByLabel('约稿要求')
      .fill('请围绕一季度重点项目开工、投资完成和要素保障情况报送信息1至2篇，附典型做法。');
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    await page
      .getByTestId('commission-notice')
      .getByText(/附典型做法/)
      .waitFor();

    await page.getByRole('button', { name: /签发下发$/ }).click();
    await dialog(page).getByText('2 个约稿单位将收到通知').waitFor();
    await dialog(page).getByRole('button', { name: '签发下发' }).click();
    await page
      .getByTestId('commission-number')
      .getByText(/约〔\d{4}〕\d+号/)
      .waitFor();
    await page.getByText('已下发').first().waitFor();
    await targets.getByTestId('read-count').getByText('已读 0 / 2').waitFor();
    await expect.poll(() => targets.getByText('未读').count()).toBe(2);
    await shot(page, '1280-issued');
  });

  test('财政局信息员从约稿通知打开（记已读）/ 财政局 opens it from 约稿通知', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'fy_czj_xxy');
    expect(await menuLabels(page)).toContain('约稿通知');
    await page.getByRole('menuitem', { name: '约稿通知' }).click();
    await page.waitForURL((u) => u.pathname === '/commissions');
    const row = page.locator('tr', { hasText: topic });
    // Unread: bold with its dot.
    await row.getByTitle('未读').waitFor();
    await row.getByText('待报送').waitFor();
    await shot(page, '1280-unit-list');
    await row.getByRole('link', { name: topic }).click();
    await page.waitForURL((u) => u.pathname === detailPath);
    await page.getByTestId('commission-notice').getByText('各有关单位：').waitFor();
    const answer = page.getByRole('link', { name: /报送信息$/ });
    expect(await answer.getAttribute('href')).toBe(`/items/new?commissionId=${detailPath.split('/').pop()}`);
    await page.getByRole('button', { name: /无法报送$/ }).waitFor();
    await page.getByTestId('own-answer').getByText('待报送').waitFor();
    // The unit sees only its own target, never the office's receipts table.
    expect(await page.getByTestId('commission-targets').count()).toBe(0);
    await shot(page, '1280-unit-detail');
    // Back in the list the notice is read.
    await page.getByRole('button', { name: /返回$/ }).click();
    await row.getByText(/^已读 /).waitFor();
    expect(await row.getByTitle('未读').count()).toBe(0);
  });

  test('编辑看到已读 1 / 2 和读者姓名 / the editor sees the read receipt', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    await page.goto(detailPath);
    const targets = page.getByTestId('commission-targets');
    await targets.getByTestId('read-count').getByText('已读 1 / 2').waitFor();
    const czj = targets.locator('tr', { hasText: '汾阳市财政局' });
    await czj.getByText('杨晓东').waitFor();
    const swj = targets.locator('tr', { hasText: '汾阳市水务局' });
    await swj.getByText('未读').waitFor();
  });

  test('水务局说明原因婉拒 / 水务局 declines with a reason', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'fy_swj_xxy');
    await page.goto('/commissions');
    await page.locator('tr', { hasText: topic }).getByRole('link', { name: topic }).click();
    await page.waitForURL((u) => u.pathname === detailPath);
    await page.getByRole('button', { name: /无法报送$/ }).click();
    const modal = dialog(page);
    await modal.getByRole('button', { name: '提交' }).click();
    await modal.getByText('请填写婉拒原因').waitFor();
    await modal.getByLabel('婉拒原因').fill(reason);
    await modal.getByRole('button', { name: '提交' }).click();
    const own = page.getByTestId('own-answer');
    await own.getByText('已婉拒').waitFor();
    await own.getByText(`婉拒原因：${reason}`).waitFor();
    // Declined, it may still answer with an item, but not decline twice.
    await page.getByRole('link', { name: /报送信息$/ }).waitFor();
    expect(await page.getByRole('button', { name: /无法报送$/ }).count()).toBe(0);
  });

  test('办公室看到婉拒原因并下载通知单；手机上不横向滚动 / the office sees it, downloads, fits a phone', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    await page.goto(`/commissions?q=${encodeURIComponent(suffix)}`);
    const row = page.locator('tr', { hasText: topic });
    await row.getByText('2/2').waitFor();
    await shot(page, '1280-office-list');
    await row.getByRole('link', { name: topic }).click();
    await page.waitForURL((u) => u.pathname === detailPath);
    const targets = page.getByTestId('commission-targets');
    const swj = targets.locator('tr', { hasText: '汾阳市水务局' });
    await swj.getByText('已婉拒').waitFor();
    await swj.getByText(`婉拒原因：${reason}`).waitFor();
    await targets.getByTestId('answer-counts').getByText('已婉拒 1').waitFor();
    await targets.getByTestId('answer-counts').getByText('未答复 1').waitFor();
    await shot(page, '1280-office-detail');

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载 Word$/ }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/约〔\d{4}〕\d+号.*约稿通知\.docx$/);
    expect(
      fs
        .readFileSync(await file.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await targets.getByTestId('read-count').waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-office-detail');
    await page.goto('/commissions');
    await page.locator('tr', { hasText: topic }).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-office-list');
    await page.getByRole('button', { name: /新建约稿$/ }).click();
    await dialog(page).getByLabel('约稿主题').waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-new');
  });

  test('单位在手机上查看约稿通知 / a unit on a phone', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'fy_czj_xxy');
    await page.goto('/commissions');
    await page.locator('tr', { hasText: topic }).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-unit-list');
    await page.goto(detailPath);
    await page.getByTestId('own-answer').waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-unit-detail');
  });
});
