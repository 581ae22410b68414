import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { apiSession, loginAs, menuLabels, pickOption, uniqueSuffix, useBrowser } from './support.ts';

type Item = { id: string; title: string; status: string; version: number };

const SHOTS = process.env.E2E_SHOTS_DIR ?? path.resolve(import.meta.dirname, '..', 'test-results', 'e2e');

/**
 * 领导批示 in the browser, one story: the office circulates 财政局's item to the leader; the leader
 * opens it from 传阅件 and writes an instruction; the editor finds it under 领导批示 and assigns it
 * to 财政局 with a deadline; 财政局's reporter, under 批示落实, reports how it was carried out with a
 * file; the editor asks for more once, the reporter adds a second round, the editor accepts and
 * the instruction is closed. The item page carries the instruction, the inbox row its 批 mark.
 */
describe('领导批示（浏览器）/ instruction, assignment and feedback', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const title = `市财政局加快惠企资金兑付${suffix}`;
  const instructionText = `请财政局抓紧兑付惠企资金，月底前报告进展。${suffix}`;
  let item: Item;
  let instructionPath = '';
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
    await page.screenshot({ path: path.join(SHOTS, `instructions-${name}.png`), fullPage: true });
  };
  const dialog = (page: Page) => page.locator('.ant-modal:visible').last();
  const sideOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  let editorApi: APIRequestContext;
  beforeAll(async () => {
    const reporter = await apiSession('fy_czj_xxy');
    const signer = await apiSession('fy_czj_qf');
    editorApi = await apiSession('editor');
    const leader = await apiSession('leader');
    try {
      const res = await reporter.post('/api/items', {
        data: {
          title,
          body: '市财政局开辟惠企资金兑付绿色通道，今年以来已向1260家企业兑付资金3.2亿元。',
          categoryCode: 'dynamic',
          priority: 'normal',
          secrecy: 'public',
          authorPhone: '13935800001',
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      item = (await res.json()) as Item;
      const act = async (who: APIRequestContext, action: string, extra: object = {}) => {
        const r = await who.post(`/api/items/${item.id}/actions/${action}`, {
          data: { version: item.version, ...extra },
        });
        expect(r.status(), await r.text()).toBe(200);
        item = (await r.json()) as Item;
      };
      await act(reporter, 'submit_for_signoff');
      await act(signer, 'sign');
      const pubs = (await (await editorApi.get('/api/publications?scope=own')).json()) as {
        id: string;
        name: string;
      }[];
      const pub = pubs.find((p) => p.name === '汾阳政务信息');
      expect(pub).toBeDefined();
      await act(editorApi, 'accept', { targetPublicationId: pub?.id });
      const me = (await (await leader.get('/api/auth/me')).json()) as { user: { id: string } };
      const sent = await editorApi.post('/api/circulations', {
        data: { itemId: item.id, recipientIds: [me.user.id] },
      });
      expect(sent.status(), await sent.text()).toBe(201);
    } finally {
      await Promise.all([reporter.dispose(), signer.dispose(), leader.dispose()]);
    }
  });
  afterAll(async () => {
    await editorApi?.dispose();
  });

  test('领导从传阅件打开信息并写批示 / the leader writes an instruction on the circulated item', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'leader');
    expect(await menuLabels(page)).toContain('我的批示');
    await page.goto('/reading');
    await page.getByText(title).first().click();
    await page.waitForURL((u) => u.pathname === `/items/${item.id}`);
    await page.getByRole('button', { name: '写批示' }).click();
    const modal = dialog(page);
    // An empty instruction is refused on the form, nothing is sent.
    await modal.getByRole('button', { name: '提交批示' }).click();
    await modal.getByText('请填写批示内容').waitFor();
    await modal.getByLabel('批示内容').fill(instructionText);
    await modal.getByLabel('职务').fill('市长');
    await modal.getByRole('button', { name: '提交批示' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/instructions/'));
    instructionPath = new URL(page.url()).pathname;
    await page.getByTestId('instruction-text').getByText(instructionText).waitFor();
    await page.getByText('待交办').first().waitFor();
    await shot(page, '1280-leader-written');
  });

  test('编辑在领导批示中交办财政局 / the editor assigns it to 财政局 with a deadline', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await page.getByRole('menuitem', { name: '领导批示' }).click();
    await page.waitForURL((u) => u.pathname === '/instructions');
    const row = page.locator('tr', { hasText: instructionText });
    await row.getByText('未交办').waitFor();
    await shot(page, '1280-office-list');
    await row.getByRole('link', { name: /市长/ }).click();
    await page.waitForURL((u) => u.pathname === instructionPath);
    // The button's name carries its icon's label ("send 交办").
    await page.getByRole('button', { name: /交办$/ }).first().click();
    const modal = dialog(page);
    await modal.getByRole('button', { name: '交办', exact: true }).click();
    await modal.getByText('请选择至少一个承办单位').waitFor();
    await pickOption(modal, '承办单位', '汾阳市财政局', '财政');
    await page.keyboard.press('Escape');
    await modal.getByLabel('办理要求').fill('请书面报送兑付进度和企业反映的问题。');
    await modal.getByRole('button', { name: '交办', exact: true }).click();
    const card = page.getByTestId('assignment-汾阳市财政局');
    await card.getByText('待反馈').waitFor();
    await page.getByText('交办与落实（办结 0 / 1 个单位）').waitFor();
    await shot(page, '1280-assigned');
  });

  test('财政局信息员报送落实反馈（带附件）/ the unit reports with a file', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    await page.getByRole('menuitem', { name: '批示落实' }).click();
    const row = page.locator('tr', { hasText: instructionText });
    await row.getByText('待反馈').waitFor();
    await row.getByRole('link', { name: /市长/ }).click();
    await page.waitForURL((u) => u.pathname === instructionPath);
    await page.getByRole('button', { name: '报送落实反馈' }).click();
    const modal = dialog(page);
    await modal.getByLabel('落实情况').fill('已开通兑付绿色通道，本月新增兑付企业 86 家、资金 4600 万元。');
    await modal.getByLabel('选择附件').setInputFiles({
      name: '兑付进度表.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    });
    await modal.getByRole('button', { name: '报送', exact: true }).click();
    const card = page.getByTestId('assignment-汾阳市财政局');
    await card.getByText('已反馈待审核').waitFor();
    await card.getByText('兑付进度表.pdf').waitFor();
    await shot(page, '1280-unit-feedback');
  });

  test('编辑要求补充，单位再次反馈，编辑同意办结 / more requested, second round, accepted and closed', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await page.goto(instructionPath);
    const card = page.getByTestId('assignment-汾阳市财政局');
    await card.getByRole('button', { name: '审核反馈' }).click();
    let modal = dialog(page);
    await modal.getByLabel('需补充反馈').check();
    await modal
      .getByRole('button', { name: '确 定' })
      .or(modal.getByRole('button', { name: '确定' }))
      .click();
    await modal.getByText('请写明需要补充的内容').waitFor();
    await modal.getByLabel('补充要求').fill('请补充企业反映问题的办理情况。');
    await modal.getByRole('button', { name: /确\s?定/ }).click();
    await card.getByText('需补充反馈').first().waitFor();

    // The unit adds a second round.
    const reporter = await apiSession('fy_czj_xxy');
    try {
      const ins = (await (await reporter.get(`/api/${instructionPath.slice(1)}`)).json()) as {
        assignments: { id: string; version: number }[];
      };
      const a = ins.assignments[0];
      const r = await reporter.post(`/api/instruction-assignments/${a?.id}/feedback`, {
        data: { text: '企业反映的 3 个问题已全部办结。', version: a?.version },
      });
      expect(r.status(), await r.text()).toBe(201);
    } finally {
      await reporter.dispose();
    }
    await page.reload();
    await card.getByText('第 2 次反馈').waitFor();
    await card.getByRole('button', { name: '审核反馈' }).click();
    modal = dialog(page);
    await modal.getByLabel('审核意见').fill('同意。');
    await modal.getByRole('button', { name: /确\s?定/ }).click();
    await page.getByText('交办与落实（办结 1 / 1 个单位）').waitFor();
    await page.getByText('已办结').first().waitFor();
    await shot(page, '1280-closed');
  });

  test('信息页显示批示，收稿箱有“批”标记；手机上不横向滚动 / markers on the item and in the inbox; fits a phone', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await page.goto(`/items/${item.id}`);
    const markers = page.getByTestId('instruction-markers');
    await markers.getByText(instructionText).waitFor();
    await markers.getByRole('link', { name: '查看办理情况' }).waitFor();
    await page.goto(`/inbox?q=${encodeURIComponent(suffix)}&status=accepted`);
    await page.locator('tr', { hasText: title }).getByTitle('有 1 条领导批示').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(instructionPath);
    await page.getByTestId('instruction-text').waitFor();
    expect(await sideOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '390-detail');
    await page.goto('/instructions');
    await page.locator('tr', { hasText: instructionText }).waitFor();
    await shot(page, '390-list');
  });
});
