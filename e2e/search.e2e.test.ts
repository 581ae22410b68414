import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiSession, BASE_URL, loginAs, useBrowser } from './support.ts';

type Group = { kind: string; label: string; count: number; capped: boolean; hits: { title: unknown[] }[] };

/** Words the demo city's items are written with; the test takes the first the editor finds often. */
const CANDIDATES = ['农家书屋', '乡村振兴', '财政', '汾阳'];

/** The item group of GET /api/search as `username` sees it. */
async function itemGroup(username: string, q: string): Promise<Group> {
  const api = await apiSession(username);
  try {
    const res = await api.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { groups: Group[] };
    const group = body.groups.find((g) => g.kind === 'item');
    if (!group) throw new Error('no item group in the answer');
    return group;
  } finally {
    await api.dispose();
  }
}

/** Waits for running animations (a card fading in, a dropdown) so a screenshot shows the settled page. */
const settle = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

/**
 * 全局检索 in the browser, one story: the editor focuses the top bar's box with `/`, searches a word
 * several demo items contain, lands on /search with the 信息 section and the word marked, opens
 * 查看全部 and pages through it, and opens a hit; 财政局's reporter finds only 财政局's items; the
 * administrator has no search box and the page refuses him; on a phone the bar has an icon.
 */
describe('全局检索（浏览器）/ global search: top bar, grouped results, paging, scope', () => {
  const ui = useBrowser();
  let word = '';
  let editorCount = 0;
  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') failed = true;
  });

  // The items' hits: other kinds (刊物, 批示 …) may have sections of their own on the page.
  const hits = (page: Page) => page.locator('.xb-hit[data-kind="item"]');
  const firstTitle = async (page: Page) =>
    (await hits(page).first().locator('.xb-hit-title').textContent()) ?? '';

  test('the editor searches from the top bar, sees grouped and marked results, pages and opens one', async () => {
    for (const candidate of CANDIDATES) {
      const group = await itemGroup('editor', candidate);
      if (group.count > 20) {
        word = candidate;
        editorCount = group.count;
        break;
      }
    }
    expect(word, 'a word found in more than one page of demo items').not.toBe('');

    const { page } = ui;
    await loginAs(page, 'editor');
    const box = page.getByRole('searchbox', { name: '全局检索' });
    await box.waitFor({ state: 'visible' });
    await expect.poll(() => box.getAttribute('placeholder')).toContain('检索信息');

    // `/` from the page (not from a field) focuses the box.
    await page
      .locator('main, .ant-layout-content')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: '/tmp/search-topbar.png', clip: { x: 0, y: 0, width: 1366, height: 320 } });
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === word);

    // One section per kind: 信息 with its count and its first hits.
    const section = page.locator('.ant-card').filter({ hasText: `信息（共 ${editorCount} 条）` });
    await section.waitFor({ state: 'visible' });
    await expect.poll(() => hits(page).count()).toBe(5);
    // The page's own box carries the text; the top bar's too.
    expect(await page.getByRole('searchbox', { name: '检索内容' }).inputValue()).toBe(word);
    expect(await box.inputValue()).toBe(word);

    // The marks are on the word: every title has one, and each mark is (part of) the word.
    const titleMarks = await hits(page).first().locator('.xb-hit-title mark').allTextContents();
    expect(
      titleMarks.length + (await hits(page).first().locator('.xb-hit-snippet mark').count()),
    ).toBeGreaterThan(0);
    const marks = await page.locator('.xb-hit mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(5);
    for (const m of marks) expect(word.includes(m.trim()), `mark “${m}” is part of “${word}”`).toBe(true);
    // The facts line: the day as 2026-03-05 and the item's number.
    const meta = (await hits(page).first().locator('.xb-hit-meta').textContent()) ?? '';
    expect(meta).toMatch(/^\d{4}-\d{2}-\d{2} · 信息编号 \d+/);
    await settle(page);
    await page.screenshot({ path: '/tmp/search-results.png', fullPage: true });

    // 查看全部 N 条: the one kind, paged.
    await section.getByRole('button', { name: `查看全部 ${editorCount} 条` }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'item');
    const pager = page.locator('.ant-pagination');
    await pager.waitFor({ state: 'visible' });
    await expect.poll(() => hits(page).count()).toBe(20);
    const pageOneFirst = await firstTitle(page);
    await pager.getByTitle('2', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expect.poll(() => firstTitle(page)).not.toBe(pageOneFirst);
    expect(await hits(page).count()).toBe(Math.min(20, editorCount - 20));
    await settle(page);
    await page.screenshot({ path: '/tmp/search-kind.png', fullPage: true });

    // A click on a hit opens the item.
    const link = hits(page).first().locator('.xb-hit-title a');
    const title = ((await link.textContent()) ?? '').trim();
    await link.click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    await page.getByText(title, { exact: true }).first().waitFor({ state: 'visible' });

    // 全部类别 from the paged view returns to the grouped one.
    await page.goBack();
    await page.getByRole('button', { name: '全部类别' }).click();
    await page.waitForURL((url) => !url.searchParams.has('kind') && !url.searchParams.has('page'));
    await section.waitFor({ state: 'visible' });
  });

  test('the reporter of 汾阳市财政局 finds only its own unit’s items', async () => {
    const q = '财政';
    const own = await itemGroup('fy_czj_xxy', q);
    expect(own.count).toBeGreaterThan(0);

    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    const box = page.getByRole('searchbox', { name: '全局检索' });
    await box.waitFor({ state: 'visible' });
    await box.click();
    await box.fill(q);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search');
    await page.getByText(`信息（共 ${own.count} 条）`).waitFor({ state: 'visible' });
    await expect.poll(() => hits(page).count()).toBe(Math.min(5, own.count));
    for (const meta of await hits(page).locator('.xb-hit-meta').allTextContents())
      expect(meta).toContain('汾阳市财政局');
    // Not an office's staff: no 报送单位 filter.
    expect(await page.getByText('报送单位', { exact: true }).count()).toBe(0);

    // The whole list, too.
    if (own.count > 5) {
      await page.getByRole('button', { name: `查看全部 ${own.count} 条` }).click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'item');
      await expect.poll(() => hits(page).count()).toBe(Math.min(20, own.count));
      for (const meta of await hits(page).locator('.xb-hit-meta').allTextContents())
        expect(meta).toContain('汾阳市财政局');
    }

    // Nothing found: the tips on the syntax.
    await page.goto(`/search?q=${encodeURIComponent(`${q} -${q}`)}`);
    await page.getByText('没有找到', { exact: false }).first().waitFor({ state: 'visible' });
    await page.getByText('减号排除某词', { exact: false }).first().waitFor({ state: 'visible' });
  });

  test('the administrator has no search box, and the page refuses him', async () => {
    const { page } = ui;
    await loginAs(page, 'admin');
    await page.getByRole('button', { name: '用户菜单' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('searchbox', { name: '全局检索' }).count()).toBe(0);
    await page.goto('/search?q=%E8%B4%A2%E6%94%BF');
    await page.getByText('无权访问').waitFor({ state: 'visible' });
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.locator('.xb-hit').count()).toBe(0);
  });

  test('on a phone (390 px) the top bar has a search icon that opens the page', async () => {
    const context = await ui.browser.newContext({
      baseURL: BASE_URL,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await loginAs(page, 'editor');
      const icon = page.getByRole('button', { name: '检索', exact: true });
      await icon.waitFor({ state: 'visible' });
      await icon.click();
      await page.waitForURL((url) => url.pathname === '/search');
      const box = page.getByRole('searchbox', { name: '检索内容' });
      await box.waitFor({ state: 'visible' });
      await box.fill(word);
      await box.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === word);
      await page.getByText(`信息（共 ${editorCount} 条）`).waitFor({ state: 'visible' });
      await expect.poll(() => page.locator('.xb-hit[data-kind="item"]').count()).toBe(5);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await settle(page);
      await page.screenshot({ path: '/tmp/search-phone.png', fullPage: true });
    } finally {
      await context.close();
    }
  });
});
