import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, itemAttachments, items, orgs, publicationIssues, users } from '../db/schema/index.ts';
import { createIssue, setItems } from '../modules/issues/issues.test-support.ts';
import { itemInput } from '../modules/items/items.test-support.ts';
import { makeItem, publicationByName } from '../modules/items/test-factory.ts';
import { createTestApp, DEMO_PASSWORD, login, type Session, type TestApp } from '../test/helpers.ts';
import { forbiddenCharIn } from './control-chars.ts';

/**
 * Control characters, U+FFFE/U+FFFF and lone surrogates (issue 8 item 11): refused with one
 * Chinese 400 at the API boundary for every text field, query string and route param, before
 * anything is written; and never written into a DOCX, the preview, a PDF or an Excel export even
 * when stored rows hold them (PostgreSQL stores all but NUL and lone surrogates).
 */

let t: TestApp;
let admin: Session;
let editor: Session;
let reporter: Session;

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  [admin, editor, reporter] = await Promise.all(
    ['admin', 'editor', 'fy_czj_xxy'].map((u) => login(t.app, u)),
  );
});
afterAll(async () => {
  await t.close();
  fs.rmSync(t.config.filesDir, { recursive: true, force: true });
});

const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditEvents))[0].n;

const NUL = '\u0000';
const BAD = [
  { char: NUL, message: '输入中含有不可见的控制字符（U+0000），请删除后重试' },
  { char: '\u001B', message: '输入中含有不可见的控制字符（U+001B），请删除后重试' },
  { char: '\uFFFE', message: '输入中含有无效字符（U+FFFE），请删除后重试' },
  { char: '\uFFFF', message: '输入中含有无效字符（U+FFFF），请删除后重试' },
  { char: '\uD800', message: '输入中含有无效字符（U+D800），请删除后重试' },
];

function expectRefused(res: { statusCode: number; json(): unknown; body: string }, message: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json()).toMatchObject({ code: 'INVALID_CHARACTER', message });
}

describe('refused at the API boundary with 400, changing nothing', () => {
  it('login username and password (no 500, no audit row, no session)', async () => {
    for (const { char, message } of BAD) {
      const before = await auditCount();
      const user = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `admin${char}`, password: DEMO_PASSWORD },
      });
      expectRefused(user, message);
      expect(user.cookies).toEqual([]);
      const pw = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: `x${char}` },
      });
      expectRefused(pw, message);
      expect(await auditCount()).toBe(before);
    }
    // Tab, newline and carriage return are ordinary text: a wrong password, not a refusal.
    const tab = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'a\tb\r\nc' },
    });
    expect(tab.statusCode).toBe(401);
  });

  it('item create: title, body, keywords', async () => {
    const [{ n: before }] = await t.database.db.select({ n: count() }).from(items);
    for (const { char, message } of BAD) {
      for (const field of [
        { title: `市财政局${char}推进预算绩效管理` },
        { body: `正文第一段。${char}\n正文第二段。` },
        { keywords: ['预算', `绩效${char}`] },
      ]) {
        expectRefused(await reporter.request('POST', '/api/items', itemInput(field)), message);
      }
    }
    const [{ n: after }] = await t.database.db.select({ n: count() }).from(items);
    expect(after).toBe(before);
    // The same input without the character is fine.
    expect((await reporter.request('POST', '/api/items', itemInput())).statusCode).toBe(201);
    // Word's manual line break and page break are line breaks, not refused.
    const pasted = await reporter.request(
      'POST',
      '/api/items',
      itemInput({ title: '市财政局\v推进预算绩效管理', body: '正文第一段。\v正文第二段。\f正文第三段。' }),
    );
    expect(pasted.statusCode, pasted.body).toBe(201);
    const [row] = await t.database.db.select().from(items).where(eq(items.id, pasted.json().id));
    expect(row.body).toBe('正文第一段。\n正文第二段。\n正文第三段。');
    expect(row.title).toBe('市财政局 推进预算绩效管理');
  });

  it('search boxes (query string) and route params', async () => {
    for (const q of ['%00', '%1B', '%EF%BF%BE', `${encodeURIComponent('财政')}%00`]) {
      const res = await editor.request('GET', `/api/items?box=inbox&q=${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('INVALID_CHARACTER');
    }
    expectRefused(await admin.request('GET', '/api/orgs?q=%00'), BAD[0].message);
    expectRefused(
      await admin.request('GET', '/api/users?q=a%07'),
      '输入中含有不可见的控制字符（U+0007），请删除后重试',
    );
    expectRefused(await editor.request('GET', '/api/items/%00'), BAD[0].message);
    const clean = await editor.request('GET', `/api/items?box=inbox&q=${encodeURIComponent('财政')}`);
    expect(clean.statusCode, clean.body).toBe(200);
  });

  it('编者按 on an issue', async () => {
    const pub = await publicationByName(t, '汾阳政务信息');
    const issue = await createIssue(editor, pub.id, '控制字符专题');
    const before = await auditCount();
    for (const { char, message } of BAD) {
      const res = await editor.request('PATCH', `/api/issues/${issue.id}`, {
        version: issue.version,
        editorNote: `各地要认真学习借鉴${char}。`,
      });
      expectRefused(res, message);
    }
    const [row] = await t.database.db
      .select()
      .from(publicationIssues)
      .where(eq(publicationIssues.id, issue.id));
    expect(row.editorNote ?? null).toBe(issue.editorNote ?? null);
    expect(row.version).toBe(issue.version);
    expect(await auditCount()).toBe(before);
  });

  it('org name (create and rename), and a key of a JSON body', async () => {
    const [fy] = await t.database.db.select().from(orgs).where(eq(orgs.code, 'fy'));
    const [czj] = await t.database.db.select().from(orgs).where(eq(orgs.code, 'fy_czj'));
    for (const { char, message } of BAD) {
      const code = `cc_${randomBytes(3).toString('hex')}`;
      const created = await admin.request('POST', '/api/orgs', {
        code,
        name: `汾阳市${char}测试局`,
        shortName: '测试局',
        kind: 'unit',
        parentId: fy.id,
        categoryCode: 'city_dept',
        groupCode: 'dept_2',
      });
      expectRefused(created, message);
      expect(await t.database.db.select().from(orgs).where(eq(orgs.code, code))).toEqual([]);
      const renamed = await admin.request('PATCH', `/api/orgs/${czj.id}`, {
        name: `汾阳市财政局${char}`,
        version: czj.version,
      });
      expectRefused(renamed, message);
    }
    const [after] = await t.database.db.select().from(orgs).where(eq(orgs.id, czj.id));
    expect(after.name).toBe(czj.name);
    expect(after.version).toBe(czj.version);
    const key = await admin.request('PATCH', `/api/orgs/${czj.id}`, { [`name${NUL}`]: 'x', version: 1 });
    expectRefused(key, BAD[0].message);
  });

  it('a user’s display name (the insert that once logged a password hash)', async () => {
    const before = await t.database.db.select({ n: count() }).from(users);
    const res = await admin.request('POST', '/api/users', {
      username: 'nul_user',
      displayName: `张${NUL}三`,
      primaryUnitId: (await t.database.db.select().from(orgs).where(eq(orgs.code, 'fy_czj')))[0].id,
      roles: ['reporter'],
    });
    expectRefused(res, BAD[0].message);
    expect(await t.database.db.select({ n: count() }).from(users)).toEqual(before);
  });

  it('a multipart upload’s file name', async () => {
    const item = await makeItem(t, { unit: 'fy_czj' });
    const boundary = `----xinbao${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="报告\u0001.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n',
      ),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await reporter.request('POST', `/api/items/${item.id}/attachments`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expectRefused(res, '输入中含有不可见的控制字符（U+0001），请删除后重试');
    expect(
      await t.database.db.select().from(itemAttachments).where(eq(itemAttachments.itemId, item.id)),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Output: stored rows with such characters (inserted directly) still give well-formed files.

/** Characters PostgreSQL stores but XML 1.0 cannot carry. */
const STORED_BAD = '\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF';

/** Every XML part of a zip package (DOCX, XLSX), checked for raw or referenced forbidden chars. */
async function assertWellFormedPackage(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const parts = Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n));
  expect(parts.length).toBeGreaterThan(0);
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    expect(forbiddenCharIn(xml), name).toBeNull();
    for (const ref of xml.matchAll(/&#x?([0-9a-fA-F]+);/g)) {
      const code = ref[0].startsWith('&#x') ? Number.parseInt(ref[1], 16) : Number(ref[1]);
      expect(code === 9 || code === 10 || code === 13 || code >= 0x20, `${name}: ${ref[0]}`).toBe(true);
    }
    // Every opened element is closed: a cheap structural check on top of the character check.
    const opened = (xml.match(/<[A-Za-z][^>]*(?<!\/)>/g) ?? []).length;
    const closed = (xml.match(/<\/[A-Za-z][^>]*>/g) ?? []).length;
    expect(opened, name).toBe(closed);
  }
  return zip;
}

describe('documents from stored text with control characters', () => {
  let issueId: string;
  beforeAll(async () => {
    const pub = await publicationByName(t, '汾阳政务信息');
    const item = await makeItem(t, {
      status: 'accepted',
      title: `市财政局${STORED_BAD}推进预算绩效管理`,
      body: `今年以来${STORED_BAD}，市财政局持续优化支出结构。\n一、强化资金统筹。\u0002整合各类专项资金。`,
    });
    let issue = await createIssue(editor, pub.id, '控制字符输出');
    issue = await setItems(editor, issue, [item.id]);
    await t.database.db
      .update(publicationIssues)
      .set({ editorNote: `编者按正文${STORED_BAD}请各地借鉴。` })
      .where(eq(publicationIssues.id, issue.id));
    issueId = issue.id;
  });

  it('the DOCX is well-formed, passes the format checker and keeps the visible text', async () => {
    const res = await editor.request('POST', `/api/issues/${issueId}/files`, { kind: 'docx' });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file.checkProblems ?? []).toEqual([]);
    const download = await editor.request('GET', file.downloadUrl);
    expect(download.statusCode).toBe(200);
    const zip = await assertWellFormedPackage(download.rawPayload);
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('市财政局推进预算绩效管理');
    expect(text).toContain('编者按正文请各地借鉴。');
  });

  it('the print preview holds none of the characters', async () => {
    const res = await editor.request('GET', `/api/issues/${issueId}/preview`);
    expect(res.statusCode).toBe(200);
    expect(forbiddenCharIn(res.body)).toBeNull();
    expect(res.body).toContain('推进预算绩效管理');
  });

  it('the PDF is produced (was a 500)', async () => {
    const res = await editor.request('POST', `/api/issues/${issueId}/files`, { kind: 'pdf' });
    expect(res.statusCode, res.body).toBe(201);
    const pdf = await editor.request('GET', res.json().downloadUrl);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});

describe('Excel exports from stored text with control characters and formulas', () => {
  async function sheetText(buffer: Buffer): Promise<string[]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const out: string[] = [];
    book.worksheets[0].eachRow((row) =>
      row.eachCell((cell) => {
        out.push(String(cell.value));
      }),
    );
    return out;
  }

  it('users export: well-formed, control characters dropped, formulas neutralised', async () => {
    await t.database.db
      .update(users)
      .set({ displayName: `=HYPERLINK("http://evil.example","点我")${STORED_BAD}` })
      .where(eq(users.username, 'fy_swj_xxy'));
    await t.database.db
      .update(users)
      .set({ displayName: '@SUM(A1:A9)' })
      .where(eq(users.username, 'fy_swj_qf'));
    const res = await admin.request('GET', '/api/users/export.xlsx');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    await assertWellFormedPackage(res.rawPayload);
    const cells = await sheetText(res.rawPayload);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    expect(cells).toContain(`'@SUM(A1:A9)`);
    expect(cells.some((c) => c.startsWith('=') || c.startsWith('@'))).toBe(false);
  });

  it('audit export: well-formed with such characters in a stored audit row', async () => {
    const auditor = await login(t.app, 'auditor');
    // A failed login audits the typed username: store one with the characters (as older data may).
    await t.database.db.insert(auditEvents).values({
      action: 'auth.login_failed',
      actorName: `+cmd${STORED_BAD}`,
      targetType: 'user',
      targetLabel: '-1+1',
    });
    const res = await auditor.request('GET', '/api/audit/export.xlsx');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    await assertWellFormedPackage(res.rawPayload);
    const cells = await sheetText(res.rawPayload);
    expect(cells.some((c) => /^[=+\-@\t\r]/.test(c))).toBe(false);
  });

  it('orgs export: well-formed, quoted formulas, and it imports back unchanged', async () => {
    await t.database.db
      .update(orgs)
      .set({ note: `=1+1${STORED_BAD}`, contactPerson: '-王五' })
      .where(eq(orgs.code, 'fy_jyj'));
    const res = await admin.request('GET', '/api/orgs/export.xlsx');
    expect(res.statusCode).toBe(200);
    await assertWellFormedPackage(res.rawPayload);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    book.worksheets[0].eachRow((row) => row.eachCell((c) => void cells.push(String(c.value))));
    expect(cells).toContain("'=1+1");
    expect(cells).toContain("'-王五");
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false);

    // Round trip: importing the export restores the text without the quote.
    await t.database.db.update(orgs).set({ note: '=1+1' }).where(eq(orgs.code, 'fy_jyj'));
    const boundary = `----xinbao${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="orgs.xlsx"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      res.rawPayload,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const imported = await admin.request('POST', '/api/orgs/import', body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const [jyj] = await t.database.db.select().from(orgs).where(eq(orgs.code, 'fy_jyj'));
    expect(jyj.note).toBe('=1+1');
    expect(jyj.contactPerson).toBe('-王五');
  });
});
