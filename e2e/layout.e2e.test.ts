import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, loginAs, useBrowser } from './support.ts';

type Circulation = {
  kind: 'issue' | 'item';
  issueId: string | null;
  itemId: string | null;
  readAt: string | null;
};
type IssueDetail = { publicationName: string; label: string; items: { title: string }[] };

/** How far the page is wider than the window (0 when there is no side scrolling). */
const sideOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Layout on a phone (390 px) and on wide screens: the leader reads a circulated issue as text
 * that fits the screen and can switch to the A4 pages; the reporter writes with the quality check
 * in sight; an item page puts the text before its metadata; 我的信息 fits 1280 and 1440 px with
 * the 操作 column clear of the 上级处理 cell.
 */
describe('手机与宽屏布局 / phone and wide-screen layout', () => {
  const ui = useBrowser();
  let issueId = '';
  let issue: IssueDetail;
  let itemId = '';

  beforeAll(async () => {
    const leader = await apiSession('leader');
    try {
      const mine = (await (await leader.get('/api/circulations/mine?pageSize=200')).json()) as {
        items: Circulation[];
      };
      // Already-read ones where there are some: opening them changes nothing another spec counts.
      const pick = (kind: Circulation['kind']) =>
        mine.items.find((c) => c.kind === kind && c.readAt) ?? mine.items.find((c) => c.kind === kind);
      issueId = pick('issue')?.issueId ?? '';
      itemId = pick('item')?.itemId ?? '';
      expect(issueId, 'the demo leader has a circulated issue').not.toBe('');
      expect(itemId, 'the demo leader has a circulated item').not.toBe('');
      issue = (await (await leader.get(`/api/issues/${issueId}`)).json()) as IssueDetail;
      expect(issue.items.length).toBeGreaterThan(1);
    } finally {
      await leader.dispose();
    }
  });

  test('390 px：领导看刊物为文字版，无横向滚动，可切换版式预览 / the leader reads the issue as text and can switch to A4', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'leader');
    await page.goto(`/issues/${issueId}`);
    const text = page.getByRole('article', { name: '文字版' });
    await text.waitFor();
    await expect(text.getByText(issue.publicationName, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(text.getByText(issue.label, { exact: true }).isVisible()).resolves.toBe(true);
    // Every item's title, in print order.
    expect(await text.locator('h3').allTextContents()).toEqual(issue.items.map((i) => i.title));
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    const box = await text.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);

    await page.getByText('版式预览', { exact: true }).click();
    const frame = page.locator('iframe[title$="预览"]');
    await frame.waitFor();
    await expect(text.count()).resolves.toBe(0);
    // The A4 pages are scaled to the width, not cropped by it.
    await page.waitForFunction(() => {
      const f = document.querySelector<HTMLIFrameElement>('iframe[title$="预览"]');
      return !!f?.contentDocument?.querySelector('.page');
    });
    const a4 = await frame.boundingBox();
    expect(a4).not.toBeNull();
    expect(a4!.x).toBeGreaterThanOrEqual(0);
    expect(a4!.x + a4!.width).toBeLessThanOrEqual(390);
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByText('文字版', { exact: true }).click();
    await text.waitFor();
  });

  test('390 px：信息详情先显示标题与正文，详细信息折叠 / an item page shows the text first, the metadata folded', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'leader');
    await page.goto(`/items/${itemId}`);
    const details = page.getByRole('button', { name: '详细信息' });
    await details.waitFor();
    await expect(page.getByText('原报单位').isVisible()).resolves.toBe(false);
    // The first paragraph of the text starts within the first screen.
    const paragraph = page.locator('article p').first();
    const top = (await paragraph.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    expect(top).toBeLessThan(844);
    await details.click();
    await page.getByText('原报单位').waitFor();
  });

  test('390 px：写信息时质量检查在视野内，点开看全部提示 / the quality check stays in sight while writing', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'fy_czj_xxy');
    await page.goto('/items/new');
    const form = page.locator('form#compose');
    await form.getByLabel('标题').fill('关于XX工作的情况');
    await form.locator('textarea').fill('今年以来，我局扎实推进各项工作。\n第二段内容XXX。');
    const summary = page.getByRole('button', { name: /质量检查：.*必须修改/ });
    await summary.waitFor();
    const box = await summary.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await summary.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(/第2段有未填写的占位符/).click();
    await drawer.waitFor({ state: 'hidden' });
    // The finding's paragraph is selected in the editor.
    await page.waitForFunction(() => {
      const ta = document.querySelector('form#compose textarea') as HTMLTextAreaElement | null;
      return (
        !!ta &&
        document.activeElement === ta &&
        ta.value.slice(ta.selectionStart, ta.selectionEnd) === '第二段内容XXX。'
      );
    });
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1280, height: 800 },
  ])
    test(`${viewport.width} px：我的信息无横向溢出，操作列不遮挡上级处理 / my items fit and the 操作 column covers nothing`, async () => {
      const { page } = ui;
      await page.setViewportSize(viewport);
      await loginAs(page, 'fy_czj_xxy');
      await page.goto('/items/mine');
      const table = page.locator('.ant-table');
      // Rows forwarded upward carry the 上级处理 tags this is about.
      await table.getByText('转报').first().waitFor();
      expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
      const scroll = await table
        .locator('.ant-table-content')
        .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(scroll.scroll).toBeLessThanOrEqual(scroll.client);

      const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
      const upper = headers.indexOf('上级处理');
      const actions = headers.indexOf('操作');
      expect(upper).toBeGreaterThanOrEqual(0);
      expect(actions).toBeGreaterThan(upper);
      const overlaps = await table.locator('tbody tr.ant-table-row').evaluateAll(
        (rows, [u, a]) =>
          rows.flatMap((row) => {
            const cells = row.children;
            const cell = cells[u as number] as HTMLElement;
            const left = (cells[a as number] as HTMLElement).getBoundingClientRect().left;
            // The cell and everything drawn in it (office name, status tag) end before 操作 starts.
            const rights = [cell, ...cell.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right);
            const over = Math.max(...rights) - left;
            return over > 0.5 ? [`${row.textContent?.slice(0, 20)}… +${over.toFixed(0)}px`] : [];
          }),
        [upper, actions],
      );
      expect(overlaps).toEqual([]);
    });
});
