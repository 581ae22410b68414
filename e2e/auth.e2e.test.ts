import { describe, expect, test } from 'vitest';
import { loginAs, menuLabels, useBrowser } from './support.ts';

describe('登录与角色菜单 / login and role menus', () => {
  const ui = useBrowser();

  test('编辑登录后看到首页和本单位，看不到单位管理 / editor signs in', async () => {
    const { page } = ui;
    await loginAs(page, 'editor');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: /张文秀/ }).waitFor();
    await page.getByText('汾阳市人民政府办公室 信息科').first().waitFor();
    const menu = await menuLabels(page);
    expect(menu).toContain('首页');
    expect(menu).toContain('本单位');
    expect(menu).not.toContain('单位管理');
    expect(menu).not.toContain('操作日志');
  });

  for (const username of ['leader', 'admin'])
    test(`${username} 不显示为信息科成员 / a leader or an administrator is not shown as 信息科 staff`, async () => {
      const { page } = ui;
      await loginAs(page, username);
      await page.getByText('汾阳市人民政府办公室').first().waitFor();
      expect(await page.getByText(/信息科/).count()).toBe(0);
    });

  test('密码错误显示中文提示，停留在登录页 / wrong password', async () => {
    const { page } = ui;
    await page.goto('/login');
    await page.getByPlaceholder('用户名').fill('editor2');
    await page.getByPlaceholder('密码').fill('Not-the-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await alert.waitFor();
    // No count of attempts left: the answer must not tell a known username from an unknown one.
    expect(await alert.textContent()).not.toMatch(/再错/);
    expect(new URL(page.url()).pathname).toBe('/login');
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
  });

  test('未登录访问内页被带到登录页 / signed-out visitors are sent to the login page', async () => {
    const { page } = ui;
    await page.goto('/admin/orgs');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByPlaceholder('用户名').waitFor();
  });

  test('系统管理员：单位管理、用户管理、字典管理，没有操作日志 / sysadmin menu', async () => {
    const { page } = ui;
    await loginAs(page, 'admin');
    const menu = await menuLabels(page);
    expect(menu).toEqual(expect.arrayContaining(['单位管理', '用户管理', '字典管理']));
    expect(menu).not.toContain('操作日志');
    expect(menu).not.toContain('安全策略');
    // The menu is a convenience; typing the address does not open the auditor's screen either.
    await page.goto('/admin/audit');
    await page.getByText('无权访问').waitFor();
  });

  test('审计员只有操作日志 / auditor menu', async () => {
    const { page } = ui;
    await loginAs(page, 'auditor');
    const menu = await menuLabels(page);
    expect(menu).toEqual(['首页', '操作日志']);
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/audit');
    await page.getByRole('table').getByText('登录').first().waitFor();
  });

  test('安全管理员有安全策略，没有操作日志和单位管理 / secadmin menu', async () => {
    const { page } = ui;
    await loginAs(page, 'secadmin');
    const menu = await menuLabels(page);
    expect(menu).toContain('安全策略');
    expect(menu).not.toContain('操作日志');
    expect(menu).not.toContain('单位管理');
  });

  test('退出登录后回到登录页 / logout', async () => {
    const { page } = ui;
    await loginAs(page, 'fy_czj_xxy');
    await page.getByRole('button', { name: '用户菜单' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  });
});
