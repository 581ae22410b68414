import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, csrfTokenOf, loginAs, uniqueSuffix, useBrowser } from './support.ts';

type Item = { id: string; title: string; status: string; version: number };

const NOT_FOUND = '信息不存在或您无权查看';

describe('不能打开其他单位的信息 / cannot open another unit’s item', () => {
  const ui = useBrowser();
  let reporter: APIRequestContext;
  let signer: APIRequestContext;
  let draft: Item;
  let submitted: Item;
  const suffix = uniqueSuffix();

  const create = async (title: string): Promise<Item> => {
    const res = await reporter.post('/api/items', {
      data: {
        title,
        body: '市财政局进一步规范政府采购流程，全面推行电子化交易，采购周期平均缩短五个工作日。',
        categoryCode: 'dynamic',
        priority: 'normal',
        secrecy: 'public',
        authorPhone: '13935800001',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as Item;
  };
  const act = async (who: APIRequestContext, item: Item, action: string): Promise<Item> => {
    const res = await who.post(`/api/items/${item.id}/actions/${action}`, {
      data: { version: item.version },
    });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as Item;
  };

  beforeAll(async () => {
    reporter = await apiSession('fy_czj_xxy');
    signer = await apiSession('fy_czj_qf');
    draft = await create(`财政局草稿不外泄${suffix}`);
    const pending = await act(
      reporter,
      await create(`财政局已报送信息不外泄${suffix}`),
      'submit_for_signoff',
    );
    submitted = await act(signer, pending, 'sign');
    expect(submitted.status).toBe('submitted');
  });
  afterAll(async () => {
    await reporter?.dispose();
    await signer?.dispose();
  });

  test('水务局信息员打开财政局的信息：提示不存在，不显示标题 / the page says not found, no title', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_swj_xxy');
    for (const item of [draft, submitted]) {
      await page.goto(`/items/${item.id}`);
      await page.getByText(NOT_FOUND).first().waitFor();
      expect(await page.getByText(item.title).count()).toBe(0);
      expect(await page.content()).not.toContain(item.title);
    }
  });

  test('通过页面的会话调用接口：404，不泄露标题，也改不了 / the API answers 404 and changes nothing', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_swj_xxy');
    const csrf = await csrfTokenOf(page.request);
    for (const item of [draft, submitted]) {
      const read = await page.request.get(`/api/items/${item.id}`);
      expect(read.status()).toBe(404);
      const text = await read.text();
      expect(text).toContain(NOT_FOUND);
      expect(text).not.toContain(item.title);

      const versions = await page.request.get(`/api/items/${item.id}/versions/1`);
      expect(versions.status()).toBe(404);
      expect(await versions.text()).not.toContain(item.title);

      const edit = await page.request.patch(`/api/items/${item.id}`, {
        headers: { 'x-csrf-token': csrf },
        data: { title: '越权修改的标题', version: item.version },
      });
      expect(edit.status()).toBe(404);
      const withdraw = await page.request.post(`/api/items/${item.id}/actions/withdraw`, {
        headers: { 'x-csrf-token': csrf },
        data: { version: item.version },
      });
      expect(withdraw.status()).toBe(404);

      const after = await reporter.get(`/api/items/${item.id}`);
      const row = (await after.json()) as Item;
      expect(row.title).toBe(item.title);
      expect(row.version).toBe(item.version);
    }

    const mine = await page.request.get(`/api/items?box=mine&q=${encodeURIComponent(suffix)}`);
    expect(mine.status()).toBe(200);
    expect(((await mine.json()) as { total: number }).total).toBe(0);
  });
});
