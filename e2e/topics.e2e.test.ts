import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiSession, loginAs, menuLabels, uniqueSuffix, useBrowser } from './support.ts';

type Item = { id: string; title: string; status: string; version: number; topic?: { id: string } | null };

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');

/**
 * 报送要点 in the browser, one story: the office editor creates a topic for this month (an empty
 * title is refused on the form first) and publishes it; 财政局's reporter finds it under 报送要点 as
 * 进行中 with its 报送要求, and 按此要点写信息 opens the compose form with the topic chosen; an
 * item of 财政局 tagged to it is signed and sent; the editor's page of the topic lists it with the
 * figures; a withdrawal at a stale version (another editor saved first) is refused and the page
 * reloads; the editor withdraws the topic with a reason (required), after which the unit no
 * longer sees it. Both screens fit a phone.
 */
describe('报送要点（浏览器）/ priority topics', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const title = `优化营商环境典型做法${suffix}`;
  const requirement = `重点反映简化审批、降低成本的新举措、新成效。${suffix}`;
  const itemTitle = `市财政局推行惠企政策免申即享${suffix}`;
  let topicPath = '';
  let topicId = '';
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
    await page.screenshot({ path: path.join(SHOTS, `topics-${name}.png`), fullPage: true });
  };
  const dialog = (page: Page) => page.locator('.ant-modal:visible').last();
  const sideOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  test('编辑新建本月要点并发布 / the editor creates a topic for this month and publishes it', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    expect(await menuLabels(page)).toContain('报送要点');
    await page.getByRole('menuitem', { name: '报送要点' }).click();
    await page.waitForURL((u) => u.pathname === '/topics');
    await page.getByTestId('topic-stats').getByText('上级采用').waitFor();

    await page.getByRole('button', { name: /新建要点$/ }).click();
    const modal = dialog(page);
    // Nothing filled in: refused on the form, in Chinese, nothing sent.
    await modal.getByRole('button', { name: /保\s?存/ }).click();
    await modal.getByText('请填写要点标题').waitFor();
    await modal.getByText('请选择起止日期').waitFor();
    await modal.getByLabel('要点标题').fill(title);
    await modal.getByLabel('报送要求').fill(requirement);
    await modal.getByLabel('起止日期').first().click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-presets li', { hasText: '本月' }).click();
    await expect.poll(() => modal.getByText('请选择起止日期').count()).toBe(0);
    await shot(page, '1280-create');
    await modal.getByRole('button', { name: /保\s?存/ }).click();
    await page.waitForURL((u) => /^\/topics\/[0-9a-f-]{36}$/.test(u.pathname));
    topicPath = new URL(page.url()).pathname;
    topicId = topicPath.split('/').pop() ?? '';
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText('草稿', { exact: true }).first().waitFor();
    await page.getByTestId('topic-description').getByText(requirement).waitFor();

    await page.getByRole('button', { name: /发布$/ }).click();
    const confirm = page.locator('.ant-modal-confirm:visible');
    await confirm.getByText(/发布后各单位将收到通知/).waitFor();
    await confirm.getByRole('button', { name: /发\s?布/ }).click();
    await page.getByText('已发布', { exact: true }).first().waitFor();
    await page.getByText('进行中', { exact: true }).first().waitFor();
    // Published: 发布 is done, 编辑 and 撤回 remain.
    await expect.poll(() => page.getByRole('button', { name: /发布$/ }).count()).toBe(0);
    await page.getByRole('button', { name: /撤回$/ }).waitFor();

    await page.goto('/topics?period=current');
    const row = page.locator('tr', { hasText: title });
    await row.getByText('进行中').waitFor();
    await row.getByRole('button', { name: '编辑' }).waitFor();
    await shot(page, '1280-office-list');
  });

  test('财政局信息员在报送要点中看到进行中的要点 / the unit sees it as 进行中', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'fy_czj_xxy');
    expect(await menuLabels(page)).toContain('报送要点');
    await page.getByRole('menuitem', { name: '报送要点' }).click();
    await page.waitForURL((u) => u.pathname === '/topics');
    const current = page.getByRole('region', { name: '进行中' });
    const card = current.getByTestId(`topic-${topicId}`);
    await card.getByRole('link', { name: title }).waitFor();
    await card.getByText('进行中', { exact: true }).waitFor();
    await card.getByText(requirement).waitFor();
    const write = card.getByRole('link', { name: /按此要点写信息/ });
    expect(await write.getAttribute('href')).toBe(`/items/new?topicId=${topicId}`);
    await shot(page, '1280-unit-list');
    await page.setViewportSize({ width: 390, height: 844 });
    await card.getByText(requirement).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-unit-list');
    // The compose form opens with the topic chosen (TopicSelect lists the topics in force).
    await write.click();
    await page.waitForURL((u) => u.pathname === '/items/new');
    const field = page.locator('.ant-form-item').filter({ has: page.locator('label[title="报送要点"]') });
    await field.getByText(title).first().waitFor();
  });

  test('按要点报送的信息经签发后列在要点页 / a tagged item, once signed, is listed on the topic', async () => {
    const reporter = await apiSession('fy_czj_xxy');
    const signer = await apiSession('fy_czj_qf');
    try {
      const data = {
        title: itemTitle,
        body: '市财政局梳理惠企政策28项，推行免申即享，今年以来已向860家企业直接兑付资金1.2亿元。',
        categoryCode: 'dynamic',
        priority: 'normal',
        secrecy: 'public',
        authorPhone: '13935800001',
      };
      const res = await reporter.post('/api/items', { data: { ...data, topicId } });
      expect(res.status(), await res.text()).toBe(201);
      let item = (await res.json()) as Item;
      const act = async (who: APIRequestContext, action: string) => {
        const r = await who.post(`/api/items/${item.id}/actions/${action}`, {
          data: { version: item.version },
        });
        expect(r.status(), await r.text()).toBe(200);
        item = (await r.json()) as Item;
      };
      await act(reporter, 'submit_for_signoff');
      await act(signer, 'sign');
    } finally {
      await Promise.all([reporter.dispose(), signer.dispose()]);
    }

    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    await page.goto(topicPath);
    await page.getByRole('heading', { name: title }).waitFor();
    const row = page.locator('tr', { hasText: itemTitle });
    await row.getByRole('link', { name: itemTitle }).waitFor();
    await row.getByText('汾阳市财政局').waitFor();
    await page.getByText('已报送的信息（1 条）').waitFor();
    const figures = page.getByTestId('topic-figures');
    await figures.getByText('报送单位').waitFor();
    await shot(page, '1280-detail');
    await page.goto('/topics?period=current');
    const listRow = page.locator('tr', { hasText: title });
    // 报送 1 … 单位数 1 in the row's figures.
    await expect
      .poll(async () => (await listRow.locator('td').allTextContents()).slice(3, 8))
      .toEqual(['1', '0', '0', '0', '1']);
  });

  test('编辑撤回要点（须填原因），单位不再看到 / the editor withdraws it with a reason', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'editor');
    await page.goto(topicPath);
    await page.getByRole('heading', { name: title }).waitFor();

    // Someone else saves first: the withdrawal at the old version is refused, the page reloads.
    const other = await apiSession('editor');
    const amended = `${requirement}请于每周五前报送。`;
    try {
      const t = (await (await other.get(`/api/topics/${topicId}`)).json()) as {
        title: string;
        periodStart: string;
        periodEnd: string;
        sortOrder: number;
        version: number;
      };
      const put = await other.put(`/api/topics/${topicId}`, {
        data: {
          title: t.title,
          description: amended,
          periodStart: t.periodStart,
          periodEnd: t.periodEnd,
          sortOrder: t.sortOrder,
          version: t.version,
        },
      });
      expect(put.status(), await put.text()).toBe(200);
    } finally {
      await other.dispose();
    }
    await page.getByRole('button', { name: /撤回$/ }).click();
    let modal = dialog(page);
    await modal.getByLabel('撤回原因').fill('与本月重点工作安排调整不符');
    await modal.getByRole('button', { name: /撤\s?回/ }).click();
    await page.getByText('该记录已被他人修改，请刷新后重试').waitFor();
    await page.getByTestId('topic-description').getByText(amended).waitFor();
    await page.getByText('已发布', { exact: true }).first().waitFor();
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0);

    await page.getByRole('button', { name: /撤回$/ }).click();
    modal = dialog(page);
    await modal.getByRole('button', { name: /撤\s?回/ }).click();
    await modal.getByText('请填写撤回原因').waitFor();
    await modal.getByLabel('撤回原因').fill('与本月重点工作安排调整不符');
    await modal.getByRole('button', { name: /撤\s?回/ }).click();
    await page.getByText('已撤回', { exact: true }).first().waitFor();
    await page.getByText('撤回原因：与本月重点工作安排调整不符').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /编辑$/ }).count()).toBe(0);
    await shot(page, '1280-withdrawn');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-detail');
    await page.goto('/topics');
    await page.locator('tr', { hasText: title }).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-office-list');

    // The unit sees withdrawn topics no more: the page says so in Chinese.
    const unit = await ui.browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'zh-CN' });
    try {
      const unitPage = await unit.newPage();
      await loginAs(unitPage, 'fy_czj_xxy');
      await unitPage.goto(topicPath);
      await unitPage.getByText('报送要点不存在或您无权查看').waitFor();
    } finally {
      await unit.close();
    }
  });
});
