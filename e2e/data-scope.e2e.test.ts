import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, csrfTokenOf, loginAs, useBrowser } from './support.ts';

type Org = {
  id: string;
  code: string;
  version: number;
  contactPerson: string | null;
  contactPhone: string | null;
};

describe('不能触及其他单位的数据 / cannot reach another unit’s data', () => {
  const ui = useBrowser();
  let admin: APIRequestContext;
  const orgByCode = async (code: string): Promise<Org> => {
    const res = await admin.get('/api/orgs?includeInactive=true');
    expect(res.status()).toBe(200);
    const org = ((await res.json()) as { items: Org[] }).items.find((o) => o.code === code);
    if (!org) throw new Error(`no org ${code}`);
    return org;
  };

  beforeAll(async () => {
    admin = await apiSession('admin');
  });
  afterAll(async () => {
    await admin?.dispose();
  });

  test('财政局签发人不能修改水务局联系方式（403），本单位可以 / signer of 财政局 vs 水务局', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_qf');
    const csrf = await csrfTokenOf(page.request);
    const swj = await orgByCode('fy_swj');

    const res = await page.request.patch(`/api/orgs/${swj.id}/contacts`, {
      headers: { 'x-csrf-token': csrf },
      data: { contactPerson: '冒名顶替', contactPhone: '13800000000', version: swj.version },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    const after = await orgByCode('fy_swj');
    expect(after.contactPerson).toBe(swj.contactPerson);
    expect(after.version).toBe(swj.version);

    // The same request on the signer's own unit works, so the 403 above is the data scope at work.
    const czj = await orgByCode('fy_czj');
    const own = await page.request.patch(`/api/orgs/${czj.id}/contacts`, {
      headers: { 'x-csrf-token': csrf },
      data: { contactPerson: czj.contactPerson, contactPhone: '0358-7226666', version: czj.version },
    });
    expect(own.status()).toBe(200);
    expect((await orgByCode('fy_czj')).contactPhone).toBe('0358-7226666');
  });

  test('没有 CSRF 令牌的修改被拒绝 / a write without the CSRF token is refused', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    const czj = await orgByCode('fy_czj');
    const res = await page.request.patch(`/api/orgs/${czj.id}/contacts`, {
      data: { contactPerson: '无令牌', version: czj.version },
    });
    expect(res.status()).toBe(403);
    expect((await orgByCode('fy_czj')).contactPerson).toBe(czj.contactPerson);
  });

  test('信息员打不开单位管理页面，接口也拒绝 / a reporter cannot open the registry admin', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_swj_xxy');
    await page.goto('/admin/orgs');
    await page.getByText('无权访问').waitFor();
    const csrf = await csrfTokenOf(page.request);
    const res = await page.request.post('/api/orgs', {
      headers: { 'x-csrf-token': csrf },
      data: { code: 'fy_sneaky', name: '越权新建的单位', shortName: '越权', kind: 'unit' },
    });
    expect(res.status()).toBe(403);
  });
});
