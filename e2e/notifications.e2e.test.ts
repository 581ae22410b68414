import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { apiSession, BASE_URL, loginAs, menuLabels, uniqueSuffix, useBrowser } from './support.ts';

type Item = { id: string; title: string; status: string; version: number };

/** Screenshots of each step, for a person to look at (not compared automatically). */
const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');

/** How far the page is wider than the window (0 when there is no side scrolling). */
const sideOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The bell and 消息中心, live: the reporter has a page open in one browser while the editor, in
 * another, returns the reporter's item. The bell's count goes up without a reload (server-sent
 * events), the home page's 被退回待修改 with it; the popover shows the message, opening it leads to
 * the item and the count goes down; 消息中心 lists it as read. The system administrator sees the
 * four channels of 消息通道. Screenshots at 1280 and 390 px go to test-results/e2e/.
 */
describe('消息提醒（浏览器）/ the bell and 消息中心, live', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const title = `市财政局规范政府采购流程${suffix}`;
  const reason = `请补充电子化交易的覆盖比例。${suffix}`;
  const messageTitle = `信息被退回修改《${title}》`;
  let item: Item;
  let reporter: APIRequestContext;
  // The tests are one story: once a step fails, the later ones are skipped rather than timing out.
  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') failed = true;
  });

  /** The window as the user sees it, once popovers have finished fading in. */
  const shot = async (page: Page, name: string, fullPage = false) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
    );
    await page.screenshot({ path: path.join(SHOTS, `notifications-${name}.png`), fullPage });
  };
  /** The bell of the top bar; its data-unread is the badge's figure. */
  const bell = (page: Page) => page.locator('header button[data-unread]');
  const unreadOf = async (page: Page) => Number(await bell(page).getAttribute('data-unread'));
  const waitForUnread = (page: Page, n: number) =>
    page.waitForFunction(
      (want) =>
        document.querySelector('header button[data-unread]')?.getAttribute('data-unread') === String(want),
      n,
    );
  const popover = (page: Page) => page.locator('.ant-popover:not(.ant-popover-hidden)');
  const returnedTodo = (page: Page) => page.getByRole('link', { name: /^被退回待修改 \d+$/ });
  const todoCount = async (page: Page) =>
    Number((await returnedTodo(page).getAttribute('aria-label'))?.split(' ').at(-1));

  beforeAll(async () => {
    reporter = await apiSession('fy_czj_xxy');
    const signer = await apiSession('fy_czj_qf');
    try {
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
      item = (await res.json()) as Item;
      const act = async (who: APIRequestContext, action: string) => {
        const r = await who.post(`/api/items/${item.id}/actions/${action}`, {
          data: { version: item.version },
        });
        expect(r.status(), await r.text()).toBe(200);
        item = (await r.json()) as Item;
      };
      await act(reporter, 'submit_for_signoff');
      await act(signer, 'sign');
      expect(item.status).toBe('submitted');
    } finally {
      await signer.dispose();
    }
  });
  afterAll(async () => {
    await reporter?.dispose();
  });

  test('编辑退回后信息员的铃铛即时加一，点开消息进入信息页 / the bell goes up live and leads to the item', async () => {
    const { page, browser } = ui;
    await page.setViewportSize({ width: 1280, height: 800 });
    await loginAs(page, 'fy_czj_xxy');
    await page.goto('/');
    await returnedTodo(page).waitFor();
    await bell(page).waitFor();
    const before = (
      (await (await reporter.get('/api/notifications/unread-count')).json()) as { unread: number }
    ).unread;
    await waitForUnread(page, before);
    const returnedBefore = await todoCount(page);

    // The editor, at another desk, returns the item with a reason.
    const editor: BrowserContext = await browser.newContext({
      baseURL: BASE_URL,
      locale: 'zh-CN',
      viewport: { width: 1280, height: 800 },
    });
    try {
      const editorPage = await editor.newPage();
      await loginAs(editorPage, 'editor');
      await editorPage.goto(`/items/${item.id}`);
      await editorPage
        .locator('button')
        .filter({ hasText: /^退回$/ })
        .click();
      const modal = editorPage.locator('.ant-modal:visible').last();
      await modal.getByLabel('退回原因').fill(reason);
      await modal.getByRole('button', { name: '退回', exact: true }).click();
      await editorPage
        .locator('.ant-tag')
        .filter({ hasText: /^退回修改$/ })
        .first()
        .waitFor();
    } finally {
      await editor.close();
    }

    // No reload: the stream brings the new count and the home page's figure.
    const navigations: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    await waitForUnread(page, before + 1);
    await page.waitForFunction(
      (n) =>
        document.querySelector('a[aria-label^="被退回待修改"]')?.getAttribute('aria-label') ===
        `被退回待修改 ${n}`,
      returnedBefore + 1,
    );
    expect(navigations).toEqual([]);
    await expect(bell(page).locator('.ant-badge-count').count()).resolves.toBe(1);

    await bell(page).click();
    const entry = popover(page).getByRole('button', { name: new RegExp(messageTitle) });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain(reason);
    await expect(entry.textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await popover(page).getByText('查看全部').waitFor();
    await shot(page, '1280-bell-open');

    await entry.click();
    await page.waitForURL(`**/items/${item.id}`);
    await page.getByText(`退回原因：${reason}`).waitFor();
    await waitForUnread(page, before);
    expect(await unreadOf(page)).toBe(before);
  });

  test('消息中心列出这条消息（已读），手机上铃铛弹层不超出屏幕 / 消息中心 lists it; the popover fits a phone', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 800 });
    await loginAs(page, 'fy_czj_xxy');
    await page.goto('/notifications?tab=all');
    const row = page.locator('.ant-list-item').filter({ hasText: messageTitle });
    await row.waitFor();
    await row.getByText('已读', { exact: true }).waitFor();
    await row.getByText('信息被退回', { exact: true }).waitFor();
    await page.getByText('接收设置').waitFor();
    await page.getByText('短信提醒：仅重要事项').waitFor();
    await shot(page, '1280-center');

    // The unread tab no longer has it.
    await page.getByRole('tab', { name: /未读/ }).click();
    await page.waitForURL((url) => !url.search.includes('tab=all'));
    await page.locator('.ant-list-item').filter({ hasText: messageTitle }).waitFor({ state: 'detached' });
    await expect(page.locator('.ant-list-item').filter({ hasText: messageTitle }).count()).resolves.toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/notifications?tab=all');
    await page.locator('.ant-list-item').filter({ hasText: messageTitle }).waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-center');

    await bell(page).click();
    await popover(page)
      .getByRole('button', { name: new RegExp(messageTitle) })
      .waitFor();
    const box = await popover(page).locator('.ant-popover-container').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await shot(page, '390-bell-open');
  });

  test('系统管理员打开消息通道：四个通道、测试、发送记录与重新发送 / the sysadmin’s channels, tests and delivery log', async () => {
    const { page } = ui;
    // A stand-in SMS gateway that refuses every message (a permanent failure) and a WeCom robot that takes them.
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      received.push(req.url ?? '');
      req.resume();
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/sms')) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发业务流控' }));
      } else res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const admin = await apiSession('admin');
    const editor = await apiSession('editor');
    type View = { office: { id: string }; config: unknown; robotKinds: string[]; version: number };
    const original = (await (await admin.get('/api/notification-channels')).json()) as View;
    try {
      const put = await admin.put('/api/notification-channels', {
        data: {
          officeId: original.office.id,
          config: {
            sms: {
              enabled: true,
              url: `${origin}/sms?key=secret-${suffix}`,
              bodyTemplate: '{"phone":"{{phone}}","sign":"{{sign}}","content":"{{content}}"}',
              signName: '信报',
              templateCode: 'SMS_0',
            },
            wecom: { enabled: true, webhookUrl: `${origin}/wecom?key=secret-${suffix}` },
          },
          robotKinds: [...new Set([...original.robotKinds, 'item_returned'])],
          version: original.version,
        },
      });
      expect(put.status(), await put.text()).toBe(200);

      // Another of the reporter's items is returned: an SMS to the reporter (refused) and a robot post (sent).
      const created = await reporter.post('/api/items', {
        data: {
          title: `市财政局优化国库集中支付${suffix}`,
          body: '市财政局优化国库集中支付流程，资金拨付时间平均缩短两个工作日。',
          categoryCode: 'dynamic',
          priority: 'normal',
          secrecy: 'public',
          authorPhone: '13935800001',
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      let second = (await created.json()) as Item;
      const signer = await apiSession('fy_czj_qf');
      try {
        for (const [who, action, data] of [
          [reporter, 'submit_for_signoff', {}],
          [signer, 'sign', {}],
          [editor, 'return', { reason: `请核实拨付时间。${suffix}` }],
        ] as const) {
          const r = await who.post(`/api/items/${second.id}/actions/${action}`, {
            data: { version: second.version, ...data },
          });
          expect(r.status(), await r.text()).toBe(200);
          second = (await r.json()) as Item;
        }
      } finally {
        await signer.dispose();
      }
      type Deliveries = { items: { channel: string; status: string; title: string }[] };
      const settled = async () => {
        const res = await admin.get('/api/notification-deliveries?pageSize=50');
        const mine = ((await res.json()) as Deliveries).items.filter((d) => d.title.includes(suffix));
        return mine.some((d) => d.channel === 'sms' && d.status === 'failed') &&
          mine.some((d) => d.channel === 'wecom' && d.status === 'sent')
          ? mine
          : null;
      };
      for (let i = 0; i < 60 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 250));
      expect(await settled(), 'the SMS fails and the robot post goes out').not.toBeNull();

      await page.setViewportSize({ width: 1280, height: 900 });
      await loginAs(page, 'admin');
      expect(await menuLabels(page)).toContain('消息通道');
      await page.getByRole('menuitem', { name: '消息通道' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/notifications');
      for (const card of ['短信网关', '邮件服务器（SMTP）', '企业微信群机器人', '钉钉群机器人']) {
        await page.locator('.ant-card-head-title').getByText(card, { exact: true }).waitFor();
      }
      await page.getByText('群机器人推送的消息类型').waitFor();
      // The gateway's key never comes back; the address shows ****** in its place.
      await expect(page.getByPlaceholder('https://sms.example.gov.cn/api/send').inputValue()).resolves.toBe(
        `${origin}/sms?key=******`,
      );
      expect(await page.content()).not.toContain(`secret-${suffix}`);

      // 发送测试: the robot answers, the gateway refuses — each answer shown on its card.
      const card = (title: string) =>
        page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });
      await card('企业微信群机器人')
        .getByRole('button', { name: /发送测试/ })
        .click();
      await card('企业微信群机器人').getByText('测试消息已发出').waitFor();
      await card('短信网关')
        .getByRole('button', { name: /发送测试/ })
        .click();
      const modal = page.locator('.ant-modal:visible').last();
      await modal.getByLabel('接收手机号').fill('13800000000');
      await modal.getByRole('button', { name: '发送', exact: true }).click();
      await card('短信网关').getByText('测试发送失败').waitFor();

      const log = card('发送记录');
      const failedRow = log
        .locator('tr.ant-table-row')
        .filter({ hasText: suffix })
        .filter({ hasText: '发送失败' });
      await failedRow.first().waitFor();
      await log
        .locator('tr.ant-table-row')
        .filter({ hasText: suffix })
        .filter({ hasText: '已发送' })
        .first()
        .waitFor();
      await shot(page, '1280-channels');
      await shot(page, '1280-channels-full', true);

      // A channel switched on must have its fields: the form says so before anything is sent.
      await page.getByRole('switch', { name: '启用邮件服务器（SMTP）' }).click();
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('启用时必须填写服务器地址').waitFor();
      await page.getByRole('button', { name: '恢复', exact: true }).click();
      await expect(
        page.getByRole('switch', { name: '启用邮件服务器（SMTP）' }).getAttribute('aria-checked'),
      ).resolves.toBe('false');

      await failedRow.first().getByRole('button', { name: '重新发送' }).click();
      await page.locator('.ant-message').getByText('已重新加入发送队列').waitFor();

      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await page.locator('.ant-card-head-title').getByText('钉钉群机器人', { exact: true }).waitFor();
      expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '390-channels');
      await shot(page, '390-channels-full', true);
    } finally {
      // Leave the office's channels as the demo had them, for the specs that follow.
      const now = (await (await admin.get('/api/notification-channels')).json()) as View;
      await admin.put('/api/notification-channels', {
        data: {
          officeId: original.office.id,
          config: original.config,
          robotKinds: original.robotKinds,
          version: now.version,
        },
      });
      await admin.dispose();
      await editor.dispose();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
