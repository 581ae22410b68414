import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, pickOption, uniqueSuffix, useBrowser } from './support.ts';

/**
 * One item all the way up through the real screens, each test one person at their desk:
 * reporter drafts → signer signs → editor returns with a reason → reporter revises and resubmits →
 * signer signs → editor edits and accepts → forwards to 吕梁 → 吕梁's editor accepts → 汾阳's
 * editor records an upper adoption → the reporter reads the whole timeline. The tests share the
 * item and run in order.
 */
describe('信息全程流转（浏览器）/ an item all the way up, through the UI', () => {
  const ui = useBrowser();
  const suffix = uniqueSuffix();
  const firstTitle = `市财政局推进预算绩效管理改革${suffix}`;
  const finalTitle = `市财政局预算绩效管理改革见实效${suffix}`;
  const returnReason = `请补充纳入绩效评价的项目数量和资金规模。${suffix}`;
  const firstBody = [
    '今年以来，市财政局全面推进预算绩效管理改革，将绩效目标审核嵌入预算编制环节。',
    '下一步，市财政局将扩大重点评价范围，推动评价结果与预算安排挂钩。',
  ].join('\n');
  const revisedBody = [
    '今年以来，市财政局全面推进预算绩效管理改革，将绩效目标审核嵌入预算编制环节，已对128个项目、资金4.6亿元开展绩效评价。',
    '下一步，市财政局将扩大重点评价范围，推动评价结果与预算安排挂钩。',
  ].join('\n');
  const editedBody = [
    '市财政局将绩效目标审核嵌入预算编制环节，今年已对128个项目、资金4.6亿元开展绩效评价。',
    '下一步，该局将推动评价结果与预算安排挂钩。',
  ].join('\n');
  let itemId = '';
  // The tests are one story: once a step fails, the later ones are skipped rather than timing out.
  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') failed = true;
  });

  const itemPage = async (page: Page) => {
    await page.goto(`/items/${itemId}`);
    await page.getByRole('heading', { level: 4 }).first().waitFor();
  };
  /** The action bar's button (its icon adds an accessible name before the label). */
  const actionButton = (page: Page, label: string) =>
    page.locator('button').filter({ hasText: new RegExp(`^${label}$`) });
  /** The 写信息 form (its labels, unlike the item page's tab of the same name, label fields). */
  const compose = (page: Page): Locator => page.locator('form#compose');
  const dialog = (page: Page): Locator => page.locator('.ant-modal:visible').last();
  const statusTag = (page: Page, label: string) =>
    page
      .locator('.ant-tag')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .first();
  const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text).first().waitFor();

  /** Signs in the item page: 签发报送, then the confirmation. */
  const sign = async (page: Page) => {
    await itemPage(page);
    await actionButton(page, '签发报送').click();
    await dialog(page).getByRole('button', { name: '签发报送' }).click();
    await toast(page, '已签发');
    await statusTag(page, '已报送').waitFor();
  };

  test('信息员写信息并提交签发 / the reporter drafts and submits for sign-off', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    await page.goto('/items/new');
    await compose(page).getByLabel('标题', { exact: true }).fill(firstTitle);
    await pickOption(compose(page), '信息类别', '动态');
    await compose(page).getByLabel('正文', { exact: true }).fill(firstBody);
    await compose(page).getByLabel('作者电话', { exact: true }).fill('13935800002');
    await page.getByRole('button', { name: /提交签发/ }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    itemId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await statusTag(page, '待签发').waitFor();
    await page.getByRole('heading', { level: 4, name: firstTitle }).first().waitFor();
  });

  test('签发人在待签发中签发 / the signer signs from the sign-off queue', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_qf');
    await page.goto('/items/signoff');
    const row = page.locator('tr.ant-table-row').filter({ hasText: firstTitle });
    await row.getByRole('button', { name: /签发/ }).click();
    await dialog(page).getByRole('button', { name: '签发报送' }).click();
    await toast(page, '已签发');
    await row.waitFor({ state: 'detached' });
  });

  test('编辑在收稿箱中打开并退回（填写理由）/ the editor returns it with a reason', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await page.goto(`/inbox?q=${suffix}`);
    await page.getByRole('link', { name: firstTitle }).click();
    await page.waitForURL(`**/items/${itemId}`);
    await actionButton(page, '退回').click();
    const modal = dialog(page);
    // The reason is required: OK without one keeps the dialog open with a prompt. A click during
    // the dialog's opening animation can go unnoticed on a loaded machine, so it is repeated until
    // the prompt shows (an empty reason is refused every time).
    await modal.getByLabel('退回原因').waitFor();
    await expect
      .poll(
        async () => {
          await modal.getByRole('button', { name: '退回', exact: true }).click();
          return modal.getByText('请填写退回原因').isVisible();
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await modal.getByLabel('退回原因').fill(returnReason);
    await modal.getByRole('button', { name: '退回', exact: true }).click();
    await statusTag(page, '退回修改').waitFor();
  });

  test('信息员看到退回理由，修改后重新提交 / the reporter revises and resubmits', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    await itemPage(page);
    await page.getByText(`退回原因：${returnReason}`).waitFor();
    await actionButton(page, '编辑').click();
    await page.waitForURL(`**/items/${itemId}/edit`);
    await compose(page).getByLabel('正文', { exact: true }).fill(revisedBody);
    await page.getByRole('button', { name: /提交签发/ }).click();
    const modal = dialog(page);
    await modal.getByLabel('修改说明').fill('按退回意见补充了项目数量和资金规模');
    await modal.getByRole('button', { name: '保存并提交' }).click();
    await page.waitForURL(`**/items/${itemId}`);
    await statusTag(page, '待签发').waitFor();
  });

  test('签发人再次签发 / the signer signs the revision', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_qf');
    await sign(page);
  });

  test('编辑修改正文、拟采用并转报吕梁 / the editor edits, accepts and forwards to 吕梁', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await itemPage(page);
    await actionButton(page, '编辑').click();
    await page.waitForURL(`**/items/${itemId}/edit`);
    await compose(page).getByLabel('标题', { exact: true }).fill(finalTitle);
    await compose(page).getByLabel('正文', { exact: true }).fill(editedBody);
    await page.getByRole('button', { name: /保存修改/ }).click();
    const reason = dialog(page);
    await reason.getByLabel('修改说明').fill('精简标题和正文');
    await reason.getByRole('button', { name: '保存', exact: true }).click();
    await toast(page, '修改已保存');

    await itemPage(page);
    await page.getByRole('heading', { level: 4, name: finalTitle }).first().waitFor();
    await actionButton(page, '拟采用').click();
    const accept = dialog(page);
    await pickOption(accept, '拟采用刊物', '汾阳政务信息');
    await accept.getByRole('button', { name: '拟采用', exact: true }).click();
    await statusTag(page, '拟采用').waitFor();

    await actionButton(page, '转报').click();
    const forward = dialog(page);
    await forward.getByText('转报吕梁市人民政府办公室？').filter({ visible: true }).waitFor();
    await forward.getByRole('button', { name: '转报', exact: true }).click();
    await toast(page, '已转报吕梁市人民政府办公室');
    await actionButton(page, '转报').waitFor({ state: 'detached' });
  });

  test('吕梁编辑在收稿箱中拟采用 / 吕梁’s editor accepts it from the inbox', async () => {
    const { page } = ui;
    await loginAs(page, 'll_editor');
    await page.goto(`/inbox?q=${suffix}`);
    const row = page.locator('tr.ant-table-row').filter({ hasText: finalTitle });
    await row.getByText('汾阳市人民政府办公室').waitFor();
    await row.getByRole('link', { name: finalTitle }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toContain(itemId);
    await actionButton(page, '拟采用').click();
    const accept = dialog(page);
    await pickOption(accept, '拟采用刊物', '吕梁政务信息●普刊');
    await accept.getByRole('button', { name: '拟采用', exact: true }).click();
    await statusTag(page, '拟采用').waitFor();
  });

  test('汾阳编辑登记上级采用 / 汾阳’s editor records an upper adoption', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await itemPage(page);
    await actionButton(page, '登记上级采用').click();
    const modal = dialog(page);
    await pickOption(modal, '采用刊物', '晋政信息●普刊');
    await modal.getByLabel('期号').fill('第12期');
    await modal.getByRole('button', { name: '登记', exact: true }).click();
    await toast(page, '已登记《晋政信息●普刊》采用');
    await page.getByRole('tab', { name: /采用情况/ }).click();
    await page.getByRole('tabpanel').getByText('晋政信息●普刊').waitFor();
  });

  test('信息员的时间线显示每一步 / the reporter’s timeline shows every step', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    await page.goto(`/items/${itemId}?tab=timeline`);
    // The unit sees the editor's final text and the upper office's decision.
    await page.getByRole('heading', { level: 4, name: finalTitle }).first().waitFor();
    const items = page.getByRole('tabpanel').locator('.ant-timeline-item');
    await items.filter({ hasText: '登记上级采用' }).waitFor();
    const events = await items.evaluateAll((nodes) =>
      nodes.map((n) => ({
        label: n.querySelector('strong')?.textContent?.trim() ?? '',
        text: (n.textContent ?? '').replace(/\s+/g, ' '),
      })),
    );
    const labelled = (label: string) => events.filter((e) => e.label === label);

    expect(labelled('提交签发')).toHaveLength(2);
    expect(labelled('签发报送')).toHaveLength(2);
    const returns = labelled('退回');
    expect(returns).toHaveLength(1);
    expect(returns[0]?.text).toContain(returnReason);
    const accepts = labelled('拟采用');
    expect(accepts).toHaveLength(2);
    expect(accepts.filter((e) => e.text.includes('吕梁市人民政府办公室'))).toHaveLength(1);
    expect(labelled('转报')).toHaveLength(1);
    expect(labelled('登记上级采用')).toHaveLength(1);
    // Oldest first: the first report, the return, 汾阳's acceptance, the forward, 吕梁's acceptance, the adoption.
    const at = (label: string, nth = 0) => {
      const event = labelled(label)[nth];
      return event ? events.indexOf(event) : -1;
    };
    const order = [at('提交签发'), at('退回'), at('拟采用'), at('转报'), at('拟采用', 1), at('登记上级采用')];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(accepts[1]?.text).toContain('吕梁市人民政府办公室');
    const texts = events.map((e) => e.text);
    expect(texts.every((t) => /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(t))).toBe(true);
  });
});
