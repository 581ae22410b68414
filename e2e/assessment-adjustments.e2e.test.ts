import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { apiSession, loginAs, menuLabels, pickOption, uniqueSuffix, useBrowser } from './support.ts';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp';

type Adjustment = { id: string; unitName: string; points: string; reason: string; version: number };
type AdjustmentList = { officeId: string; canManage: boolean; rows: Adjustment[]; total: string };

/** Today in China, as the server dates a registration. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** As the page writes points: "+2", "−1.5" (a true minus sign). */
const signed = (p: string) => (Number(p) > 0 ? `+${p}` : Number(p) < 0 ? `−${p.slice(1)}` : '0');

/**
 * 加减分登记 in the browser, one story: the editor opens it from the menu, registers +2 for
 * 汾阳市财政局 (an empty reason is refused on the form first), sees the row and the 合计, revokes
 * it with a reason (已撤销, greyed, the reason in the tag's tooltip); a registration revoked
 * elsewhere meanwhile answers 撤销 with the server's message; 财政局's reporter sees 财政局's
 * registrations only (not 水务局's), with no 登记 button and no 撤销.
 */
describe('加减分登记（浏览器）/ assessment adjustments: register, revoke, a unit reads its own', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const reason = `信息工作获市政府通报表扬（${suffix}）`;
  const otherReason = `迟报紧急信息（${suffix}）`;
  const staleReason = `重复登记（${suffix}）`;
  const ownReason = `约稿未按期报送（${suffix}）`;
  let editor: APIRequestContext;
  let units: { czj: string; swj: string };
  const created: Adjustment[] = [];
  let failed = false;

  beforeAll(async () => {
    editor = await apiSession('editor');
    const res = await editor.get('/api/orgs');
    expect(res.status()).toBe(200);
    const orgs = ((await res.json()) as { items: { id: string; name: string }[] }).items;
    const id = (name: string) => {
      const org = orgs.find((o) => o.name === name);
      if (!org) throw new Error(`no org ${name}`);
      return org.id;
    };
    units = { czj: id('汾阳市财政局'), swj: id('汾阳市水务局') };
  });
  afterAll(async () => {
    // What the story left in force is revoked again, so the ranking other specs read is as seeded.
    for (const a of created) {
      const list = (await (
        await editor.get('/api/assessment/adjustments?status=active')
      ).json()) as AdjustmentList;
      const row = list.rows.find((r) => r.id === a.id);
      if (row)
        await editor.post(`/api/assessment/adjustments/${a.id}/revoke`, {
          data: { reason: 'e2e 清理', version: row.version },
        });
    }
    await editor?.dispose();
  });
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') failed = true;
  });

  const register = async (unitId: string, points: string, why: string, basis?: string) => {
    const res = await editor.post('/api/assessment/adjustments', {
      data: { unitId, on: today(), points, reason: why, basis },
    });
    expect(res.status()).toBe(201);
    const a = (await res.json()) as Adjustment;
    created.push(a);
    return a;
  };
  const listed = async (session: APIRequestContext) => {
    const res = await session.get('/api/assessment/adjustments');
    expect(res.status()).toBe(200);
    return (await res.json()) as AdjustmentList;
  };
  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
    );
    await page.screenshot({ path: path.join(SHOTS, `adjustments-${name}.png`), fullPage: true });
  };
  const dialog = (page: Page) => page.locator('.ant-modal:visible').last();
  const rowOf = (page: Page, text: string) => page.locator('.ant-table-tbody tr', { hasText: text });
  /** Clicks until `shown` is visible: a click during a dialog's opening animation can go unnoticed. */
  const clickUntil = async (button: Locator, shown: Locator) =>
    expect
      .poll(
        async () => {
          await button.click();
          return shown.isVisible();
        },
        { timeout: 10_000 },
      )
      .toBe(true);

  test('编辑登记加分并撤销 / the editor registers +2 for 财政局 and revokes it', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    expect(await menuLabels(page)).toContain('加减分登记');
    await page.getByRole('menuitem', { name: '加减分登记' }).click();
    await page.waitForURL((u) => u.pathname === '/assessment/adjustments');
    await page.getByRole('heading', { name: '加减分登记' }).waitFor();

    await page.getByRole('button', { name: '登记加减分' }).first().click();
    const modal = dialog(page);
    await modal.getByLabel('事由').waitFor();
    // Today by default; 加分 chosen.
    await expect.poll(() => modal.getByLabel('计分日期').inputValue()).toBe(today());
    await pickOption(modal, '单位', '汾阳市财政局', '财政');
    await modal.getByLabel('分值').fill('2');
    // No reason: refused on the form in Chinese, nothing sent.
    await clickUntil(
      modal.getByRole('button', { name: '登记', exact: true }),
      modal.getByText('请填写加减分事由'),
    );
    await shot(page, 'register');
    await modal.getByLabel('事由').fill(reason);
    await modal.getByLabel('依据').fill('汾政办发〔2026〕3号');
    await modal.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已登记：汾阳市财政局 +2 分').waitFor();
    await modal.waitFor({ state: 'hidden' });

    const row = rowOf(page, reason);
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('汾阳市财政局');
    expect(await row.locator('td').nth(2).textContent()).toBe('+2');
    await row.getByText('汾政办发〔2026〕3号').waitFor();
    await row.getByText('有效', { exact: true }).waitFor();
    const mine = (await listed(editor)).rows.find((r) => r.reason === reason);
    if (mine) created.push(mine);
    const total = page.getByTestId('adjustments-total');
    await expect.poll(() => total.textContent()).toBe(signed((await listed(editor)).total));

    // Another unit's deduction (registered behind the page), shown with the list reloaded.
    await register(units.swj, '-1.5', otherReason, '汾政办函〔2026〕12号');
    await page.reload();
    await rowOf(page, otherReason).getByText('−1.5', { exact: true }).waitFor();
    await expect.poll(() => total.textContent()).toBe(signed((await listed(editor)).total));

    // 撤销 asks why; the row stays, greyed, with who revoked it and why in the tag's tooltip.
    await row.getByRole('button', { name: '撤销' }).click();
    const revoke = dialog(page);
    await revoke.getByLabel('撤销理由').waitFor();
    await clickUntil(
      revoke.getByRole('button', { name: '撤销', exact: true }),
      revoke.getByText('请填写撤销理由'),
    );
    await revoke.getByLabel('撤销理由').fill('表扬文件尚未印发，暂不计分');
    await revoke.getByRole('button', { name: '撤销', exact: true }).click();
    await page.getByText('已撤销，不再计入考评得分').waitFor();
    await row.getByText('已撤销', { exact: true }).waitFor();
    expect(await row.getAttribute('class')).toContain('xb-adj-revoked');
    expect(await row.getByRole('button', { name: '撤销' }).count()).toBe(0);
    await expect.poll(() => total.textContent()).toBe(signed((await listed(editor)).total));
    await row.getByText('已撤销', { exact: true }).hover();
    await page.locator('.ant-tooltip:visible').getByText('理由：表扬文件尚未印发，暂不计分').waitFor();
    await page.mouse.move(0, 0);

    // Revoked elsewhere after the page read it: 撤销 shows the server's message.
    const stale = await register(units.czj, '1', staleReason);
    await page.reload();
    const staleRow = rowOf(page, staleReason);
    await staleRow.waitFor();
    const gone = await editor.post(`/api/assessment/adjustments/${stale.id}/revoke`, {
      data: { reason: '重复登记', version: stale.version },
    });
    expect(gone.status()).toBe(200);
    await staleRow.getByRole('button', { name: '撤销' }).click();
    await dialog(page).getByLabel('撤销理由').waitFor();
    await dialog(page).getByLabel('撤销理由').fill('重复登记');
    await dialog(page).getByRole('button', { name: '撤销', exact: true }).click();
    await page.locator('.ant-message').getByText('该加减分登记已撤销').waitFor();
    await staleRow.getByText('已撤销', { exact: true }).waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await shot(page, 'office');
  });

  test('财政局信息员只看本单位 / 财政局’s reporter sees its own registrations only', async () => {
    const { page } = ui;
    await register(units.czj, '-0.5', ownReason, '汾政办发〔2026〕5号');
    const reporter = await apiSession('fy_czj_xxy');
    try {
      const own = await listed(reporter);
      expect(own.canManage).toBe(false);
      expect(own.rows.every((r) => r.unitName === '汾阳市财政局')).toBe(true);
    } finally {
      await reporter.dispose();
    }

    await loginAs(page, 'fy_czj_xxy');
    expect(await menuLabels(page)).toContain('加减分登记');
    await page.getByRole('menuitem', { name: '加减分登记' }).click();
    await page.waitForURL((u) => u.pathname === '/assessment/adjustments');
    await rowOf(page, ownReason).getByText('−0.5', { exact: true }).waitFor();
    await rowOf(page, reason).getByText('已撤销', { exact: true }).waitFor();
    expect(await rowOf(page, otherReason).count()).toBe(0);
    expect(await page.getByText('汾阳市水务局').count()).toBe(0);
    // It reads; it registers and revokes nothing, and has no unit to choose.
    expect(await page.getByRole('button', { name: '登记加减分' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '撤销' }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    expect(await page.locator('label[title="单位"]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('adjustments-total').textContent()).toBe('−0.5');
    await shot(page, 'unit');
  });
});
