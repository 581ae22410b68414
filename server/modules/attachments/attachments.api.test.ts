import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  type ItemStatus,
  itemAttachments,
  itemEvents,
  items,
  orgs,
  users,
} from '../../db/schema/index.ts';
import { blobPath, sha256Of } from '../../lib/files.ts';
import { anonymous, createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';

// ---------------------------------------------------------------------------------------------
// Small valid files of every allowed type, built here so the tests need no fixtures on disk.

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
  Buffer.from([0xff, 0xd9]),
]);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
/** An OLE compound document header (Word/Excel/WPS 97-2003), padded to one sector. */
const OLE = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(504, 0),
]);
const TXT = Buffer.from('关于做好防汛工作的情况报告\r\n一、基本情况\r\n', 'utf8');
/** “信息报送” in GBK, as Windows Notepad saves it by default on Chinese systems. */
const TXT_GBK = Buffer.from([0xd0, 0xc5, 0xcf, 0xa2, 0xb1, 0xa8, 0xcb, 0xcd, 0x0d, 0x0a]);
const EXE = Buffer.concat([
  Buffer.from('MZ', 'latin1'),
  Buffer.alloc(256, 0),
  Buffer.from('PE\0\0', 'latin1'),
]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1"/></svg>');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid zip archive with stored (uncompressed) entries. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const DOCX = zip({
  '[Content_Types].xml': CONTENT_TYPES,
  'word/document.xml': '<w:document><w:body><w:p><w:r><w:t>信息</w:t></w:r></w:p></w:body></w:document>',
});
const OFD = zip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' });
const ZIP = zip({ '说明.txt': '附件说明' });

async function xlsxFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('统计').addRow(['单位', '条数']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------

let t: TestApp;
let reporter: Session; // 财政局 reporter
let signer: Session; // 财政局 signer
let otherReporter: Session; // 水务局 reporter
let editor: Session; // 汾阳 office editor
let llEditor: Session; // 吕梁 office editor
let admin: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const row of await t.database.db.select({ id: orgs.id, code: orgs.code }).from(orgs))
    ids[row.code] = row.id;
  [reporter, signer, otherReporter, editor, llEditor, admin] = await Promise.all(
    ['fy_czj_xxy', 'fy_czj_qf', 'fy_swj_xxy', 'editor', 'll_editor', 'admin'].map((u) => login(t.app, u)),
  );
});

afterAll(async () => {
  await t?.close();
  if (t) fs.rmSync(t.config.filesDir, { recursive: true, force: true });
});

/** An item of a unit at the 汾阳 office, inserted directly in the given state. */
async function makeItem(status: ItemStatus = 'draft', unit = 'fy_czj'): Promise<string> {
  const [author] = await t.database.db
    .select()
    .from(users)
    .where(eq(users.username, `${unit}_xxy`));
  const submitted = !['draft', 'pending_signoff'].includes(status);
  const [row] = await t.database.db
    .insert(items)
    .values({
      officeId: ids.fy,
      submittingUnitId: ids[unit],
      originUnitId: ids[unit],
      title: `附件测试信息 ${randomBytes(3).toString('hex')}`,
      body: '正文第一段。\n正文第二段。',
      categoryCode: 'dynamic',
      authorId: author.id,
      authorName: author.displayName,
      authorPhone: '13800000000',
      status,
      submittedAt: submitted ? new Date() : null,
    })
    .returning({ id: items.id });
  return row.id;
}

function multipart(
  content: Buffer,
  fileName: string,
  contentType = 'application/octet-stream',
  field = 'file',
) {
  const boundary = `----xinbao${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function upload(
  session: Session,
  itemId: string,
  content: Buffer,
  fileName: string,
  opts: { contentType?: string; field?: string } = {},
) {
  const { body, contentType } = multipart(content, fileName, opts.contentType, opts.field);
  return session.request('POST', `/api/items/${itemId}/attachments`, body, { 'content-type': contentType });
}

async function attachmentRows(itemId: string) {
  return t.database.db.select().from(itemAttachments).where(eq(itemAttachments.itemId, itemId));
}

async function auditCount(action: string, itemId: string) {
  const rows = await t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, itemId)));
  return rows.length;
}

const blobFile = (content: Buffer) => blobPath(t.config.filesDir, sha256Of(content));
const unique = (content: Buffer) =>
  Buffer.concat([content, Buffer.from(`\n${randomBytes(4).toString('hex')}`)]);

describe('POST /api/items/:id/attachments', () => {
  it('accepts an image, stores it by hash, audits it and puts it on the timeline', async () => {
    const itemId = await makeItem();
    const res = await upload(reporter, itemId, PNG, '现场照片.png', { contentType: 'image/png' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'image',
      fileName: '现场照片.png',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      url: `/api/attachments/${body.id}`,
    });
    const [row] = await attachmentRows(itemId);
    expect(row.sha256).toBe(sha256Of(PNG));
    expect(fs.readFileSync(blobFile(PNG))).toEqual(PNG);
    expect(path.relative(t.config.filesDir, blobFile(PNG))).toBe(`${row.sha256.slice(0, 2)}/${row.sha256}`);
    expect(await auditCount('attachment.uploaded', itemId)).toBe(1);
    const [event] = await t.database.db
      .select()
      .from(itemEvents)
      .where(eq(itemEvents.itemId, itemId))
      .orderBy(desc(itemEvents.id));
    expect(event).toMatchObject({ action: 'attachment_uploaded', actorName: expect.any(String) });
    expect(event.data).toMatchObject({ attachmentId: body.id, fileName: '现场照片.png', kind: 'image' });
  });

  it('accepts every allowed type, judged by its content', async () => {
    const itemId = await makeItem();
    const cases: [Buffer, string, 'image' | 'file', string][] = [
      [JPEG, '照片.jpg', 'image', 'image/jpeg'],
      [JPEG, '照片2.JPEG', 'image', 'image/jpeg'],
      [GIF, '动图.gif', 'image', 'image/gif'],
      [WEBP, '截图.webp', 'image', 'image/webp'],
      // A PNG saved under .jpg is still an image, typed by its bytes.
      [PNG, '改名的截图.jpg', 'image', 'image/png'],
      [PDF, '情况报告.pdf', 'file', 'application/pdf'],
      [OLE, '旧版文档.doc', 'file', 'application/msword'],
      [OLE, '旧版表格.xls', 'file', 'application/vnd.ms-excel'],
      [OLE, 'WPS文字.wps', 'file', 'application/kswps'],
      [OLE, 'WPS表格.et', 'file', 'application/kset'],
      [DOCX, '材料.docx', 'file', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [
        await xlsxFile(),
        '统计表.xlsx',
        'file',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      [OFD, '电子公文.ofd', 'file', 'application/ofd'],
      [ZIP, '附件包.zip', 'file', 'application/zip'],
      [TXT, '说明.txt', 'file', 'text/plain'],
      [TXT_GBK, 'GBK说明.txt', 'file', 'text/plain'],
    ];
    for (const [content, name, kind, mimeType] of cases) {
      const res = await upload(reporter, itemId, unique(content), name, { contentType: 'text/html' });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json(), name).toMatchObject({ kind, mimeType, fileName: name });
    }
    expect(await attachmentRows(itemId)).toHaveLength(cases.length);
  });

  it.each([
    ['an .exe renamed to .pdf', EXE, '通知.pdf', 'application/pdf', '不支持的文件类型'],
    ['an .exe as such', EXE, 'setup.exe', 'application/x-msdownload', '不支持 .exe 文件'],
    ['HTML renamed to .txt', HTML, '说明.txt', 'text/plain', '不支持的文件类型'],
    ['HTML as such', HTML, 'page.html', 'text/html', '不支持 .html 文件'],
    ['SVG renamed to .png', SVG, '图片.png', 'image/png', '不支持的文件类型'],
    ['SVG as such', SVG, 'logo.svg', 'image/svg+xml', '不支持 .svg 文件'],
    ['a script', Buffer.from('alert(1);\n'), 'x.js', 'text/javascript', '不支持 .js 文件'],
    ['an image named .docx', PNG, '材料.docx', 'application/msword', '与扩展名 .docx 不符'],
    ['a PDF named .png', PDF, '图.png', 'image/png', '与扩展名 .png 不符'],
    ['a spreadsheet named .docx', null, '材料.docx', 'application/msword', '与扩展名 .docx 不符'],
    ['a plain zip named .ofd', ZIP, '公文.ofd', 'application/ofd', '与扩展名 .ofd 不符'],
    ['a file with no extension', PDF, '情况报告', 'application/pdf', '缺少扩展名'],
  ])('refuses %s with 400 and changes nothing', async (_what, content, name, contentType, message) => {
    const itemId = await makeItem();
    const bytes = unique(content ?? (await xlsxFile()));
    const res = await upload(reporter, itemId, bytes, name, { contentType });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
    expect(res.json().message).toContain('允许上传：图片 JPG、PNG、GIF、WEBP');
    expect(await attachmentRows(itemId)).toHaveLength(0);
    expect(await auditCount('attachment.uploaded', itemId)).toBe(0);
    expect(fs.existsSync(blobFile(bytes))).toBe(false);
  });

  it('refuses an empty file and a broken zip with 400', async () => {
    const itemId = await makeItem();
    const empty = await upload(reporter, itemId, Buffer.alloc(0), '空文件.pdf');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('文件为空，请重新选择');
    const broken = await upload(reporter, itemId, DOCX.subarray(0, 40), '材料.docx');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toContain('压缩文件已损坏');
    expect(await attachmentRows(itemId)).toHaveLength(0);
  });

  it('refuses a request that is not multipart or has no `file` part with 400', async () => {
    const itemId = await makeItem();
    const json = await reporter.request('POST', `/api/items/${itemId}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toContain('multipart/form-data');
    const wrongField = await upload(reporter, itemId, PDF, 'a.pdf', { field: 'attachment' });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().message).toContain('字段名 file');
  });

  it('refuses a malformed item id with 400', async () => {
    const res = await upload(reporter, 'not-a-uuid', PDF, 'a.pdf');
    expect(res.statusCode).toBe(400);
  });

  it('refuses images over 5 MB and files over the upload limit with 413', async () => {
    const itemId = await makeItem();
    const bigImage = Buffer.concat([PNG, Buffer.alloc(5 * 1_048_576)]);
    const image = await upload(reporter, itemId, bigImage, '大图.png');
    expect(image.statusCode).toBe(413);
    expect(image.json().message).toBe('图片超过 5 MB 的上限，未保存');
    const bigFile = Buffer.concat([PDF, Buffer.alloc(t.config.uploadLimit)]);
    const file = await upload(reporter, itemId, bigFile, '大文件.pdf');
    expect(file.statusCode).toBe(413);
    expect(file.json().message).toBe('附件超过 10 MB 的上限，未保存');
    // A file just under the limit passes: the limit is the file's, not the request's.
    const fits = Buffer.concat([PDF, Buffer.alloc(6 * 1_048_576)]);
    expect((await upload(reporter, itemId, fits, '较大文件.pdf')).statusCode).toBe(201);
    expect(await attachmentRows(itemId)).toHaveLength(1);
    expect(fs.existsSync(blobFile(bigImage))).toBe(false);
  });

  it('keeps the original Chinese name without paths or control characters, at most 120 characters', async () => {
    const itemId = await makeItem();
    const pathName = await upload(reporter, itemId, unique(TXT), 'C:\\Users\\张三\\桌面\\汇报材料.txt');
    expect(pathName.json().fileName).toBe('汇报材料.txt');
    const unixPath = await upload(reporter, itemId, unique(TXT), '../../etc/情况.txt');
    expect(unixPath.json().fileName).toBe('情况.txt');
    // U+202E (right-to-left override) would show "txt.exe" as "exe.txt".
    const spoof = await upload(reporter, itemId, unique(TXT), '报告\u202Eexe.txt');
    expect(spoof.json().fileName).toBe('报告exe.txt');
    const long = await upload(reporter, itemId, unique(TXT), `${'很长的名字'.repeat(40)}.txt`);
    expect(long.statusCode).toBe(201);
    expect([...long.json().fileName]).toHaveLength(120);
    expect(long.json().fileName.endsWith('.txt')).toBe(true);
  });

  it('stores the same bytes once however many items attach them (two rows, one blob)', async () => {
    const a = await makeItem();
    const b = await makeItem();
    const content = unique(PDF);
    const first = await upload(reporter, a, content, '同一文件.pdf');
    const second = await upload(reporter, b, content, '同一文件-副本.pdf');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().id).not.toBe(second.json().id);
    const rows = await t.database.db
      .select()
      .from(itemAttachments)
      .where(eq(itemAttachments.sha256, sha256Of(content)));
    expect(rows).toHaveLength(2);
    const dir = path.dirname(blobFile(content));
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(sha256Of(content)))).toEqual([sha256Of(content)]);
  });

  it('refuses the same content twice on one item with 409', async () => {
    const itemId = await makeItem();
    const content = unique(PDF);
    expect((await upload(reporter, itemId, content, '第一次.pdf')).statusCode).toBe(201);
    const again = await upload(reporter, itemId, content, '第二次.pdf');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该信息已有内容相同的附件“第一次.pdf”');
    expect(await attachmentRows(itemId)).toHaveLength(1);
  });

  it('allows at most 20 attachments per item (409)', async () => {
    const itemId = await makeItem();
    for (let i = 0; i < 20; i++) {
      expect((await upload(reporter, itemId, unique(TXT), `第${i + 1}份.txt`)).statusCode).toBe(201);
    }
    const res = await upload(reporter, itemId, unique(TXT), '第21份.txt');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('最多 20 个附件');
    expect(await attachmentRows(itemId)).toHaveLength(20);
  });

  it('holds the limits under concurrent uploads', async () => {
    const itemId = await makeItem();
    for (let i = 0; i < 18; i++) await upload(reporter, itemId, unique(TXT), `已有${i}.txt`);
    const three = await Promise.all(
      [1, 2, 3].map((i) => upload(reporter, itemId, unique(TXT), `并发${i}.txt`)),
    );
    expect(three.map((r) => r.statusCode).sort()).toEqual([201, 201, 409]);
    expect(await attachmentRows(itemId)).toHaveLength(20);

    const other = await makeItem();
    const content = unique(PDF);
    const twice = await Promise.all([
      upload(reporter, other, content, '甲.pdf'),
      upload(reporter, other, content, '乙.pdf'),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await attachmentRows(other)).toHaveLength(1);
  });

  it('needs a session (401) and the CSRF token (403)', async () => {
    const itemId = await makeItem();
    const { body, contentType } = multipart(PDF, 'a.pdf');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/items/${itemId}/attachments`,
      payload: body,
      headers: { 'content-type': contentType },
    });
    expect(res.statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/items/${itemId}/attachments`,
      payload: body,
      headers: { 'content-type': contentType, cookie: reporter.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await attachmentRows(itemId)).toHaveLength(0);
  });

  it('is refused to roles that never edit items (403), before looking at the body', async () => {
    const itemId = await makeItem('submitted');
    const res = await upload(admin, itemId, PDF, 'a.pdf');
    expect(res.statusCode).toBe(403);
    const bad = await admin.request('POST', '/api/items/not-a-uuid/attachments', {});
    expect(bad.statusCode).toBe(403);
  });

  it('is refused when the item is past the caller’s editing stage (403, state named)', async () => {
    const submitted = await makeItem('submitted');
    const res = await upload(reporter, submitted, PDF, 'a.pdf');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('当前状态下不能添加附件');
    // The signer edits while the item waits for sign-off, not in the reporter's draft.
    const draft = await makeItem('draft');
    const bySigner = await upload(signer, draft, PDF, 'a.pdf');
    expect(bySigner.statusCode).toBe(403);
    expect(bySigner.json().message).toBe('当前状态下不能添加附件');
    const pending = await makeItem('pending_signoff');
    expect((await upload(signer, pending, unique(PDF), 'a.pdf')).statusCode).toBe(201);
    const rejected = await makeItem('rejected');
    expect((await upload(editor, rejected, PDF, 'a.pdf')).statusCode).toBe(403);
    expect(await attachmentRows(submitted)).toHaveLength(0);
    expect(await attachmentRows(draft)).toHaveLength(0);
  });

  it('lets the office editor attach to a submitted item, and refuses an upper office editor who only reads it', async () => {
    const itemId = await makeItem('submitted');
    expect((await upload(editor, itemId, unique(PDF), '编辑补充.pdf')).statusCode).toBe(201);
    // 吕梁's editors do not see an item submitted to 汾阳.
    expect((await upload(llEditor, itemId, unique(PDF), 'x.pdf')).statusCode).toBe(404);
  });

  it('answers 404 for another unit’s item, a draft the office cannot see, or no item, without a leak', async () => {
    const itemId = await makeItem('draft');
    const other = await upload(otherReporter, itemId, PDF, 'a.pdf');
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('附件测试信息');
    // Drafts are not the office's business yet.
    expect((await upload(editor, itemId, PDF, 'a.pdf')).statusCode).toBe(404);
    const missing = await upload(reporter, '00000000-0000-4000-8000-000000000000', PDF, 'a.pdf');
    expect(missing.statusCode).toBe(404);
    expect(await attachmentRows(itemId)).toHaveLength(0);
  });
});

describe('GET /api/attachments/:id', () => {
  let imageId: string;
  let pdfId: string;
  let pdfContent: Buffer;
  let itemId: string;

  beforeAll(async () => {
    itemId = await makeItem('submitted');
    pdfContent = unique(PDF);
    const [image, pdf] = await Promise.all([
      upload(editor, itemId, unique(PNG), '现场照片.png'),
      upload(editor, itemId, pdfContent, '汾阳市财政局关于资金的报告|终稿.pdf'),
    ]);
    imageId = image.json().id;
    pdfId = pdf.json().id;
  });

  it('serves an image inline with its type and safe headers', async () => {
    const res = await reporter.request('GET', `/api/attachments/${imageId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="attachment-${imageId.slice(0, 8)}.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.rawPayload.subarray(0, PNG.length)).toEqual(PNG);
  });

  it('serves any other file as an opaque download with the Chinese name (RFC 5987)', async () => {
    const res = await editor.request('GET', `/api/attachments/${pdfId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="attachment-[0-9a-f]{8}\.pdf"; /,
    );
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('汾阳市财政局关于资金的报告_终稿.pdf')}`,
    );
    expect(res.headers['content-length']).toBe(String(pdfContent.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.rawPayload).toEqual(pdfContent);
  });

  it('answers a repeat request with 304 when the browser already has the bytes', async () => {
    const first = await reporter.request('GET', `/api/attachments/${pdfId}`);
    expect(first.headers.etag).toBe(`"${sha256Of(pdfContent)}"`);
    const again = await reporter.request('GET', `/api/attachments/${pdfId}`, undefined, {
      'if-none-match': String(first.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload).toHaveLength(0);
  });

  it('never serves text as HTML', async () => {
    const draft = await makeItem();
    const text = Buffer.from('这是说明文字 <b>加粗</b> <script>alert(1)</script>');
    const up = await upload(reporter, draft, text, '说明.txt', { contentType: 'text/html' });
    expect(up.statusCode).toBe(201);
    const res = await reporter.request('GET', `/api/attachments/${up.json().id}`);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('needs a session (401), a well-formed id (400), and hides other units’ files (404)', async () => {
    expect((await anonymous(t.app, 'GET', `/api/attachments/${imageId}`)).statusCode).toBe(401);
    expect((await reporter.request('GET', '/api/attachments/abc')).statusCode).toBe(400);
    const other = await otherReporter.request('GET', `/api/attachments/${imageId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe('附件不存在或您无权查看');
    expect((await llEditor.request('GET', `/api/attachments/${pdfId}`)).statusCode).toBe(404);
    const missing = await reporter.request('GET', '/api/attachments/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('follows the item’s read scope: the unit’s signer reads it, a leader it was not circulated to does not', async () => {
    expect((await signer.request('GET', `/api/attachments/${imageId}`)).statusCode).toBe(200);
    const leader = await login(t.app, 'leader');
    expect((await leader.request('GET', `/api/attachments/${imageId}`)).statusCode).toBe(404);
  });
});

describe('DELETE /api/attachments/:id', () => {
  it('removes the attachment, audits it, records it on the timeline, and removes the unreferenced blob', async () => {
    const itemId = await makeItem();
    const content = unique(PDF);
    const { id } = (await upload(reporter, itemId, content, '误传.pdf')).json();
    const res = await reporter.request('DELETE', `/api/attachments/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await attachmentRows(itemId)).toHaveLength(0);
    expect(await auditCount('attachment.deleted', itemId)).toBe(1);
    const events = await t.database.db.select().from(itemEvents).where(eq(itemEvents.itemId, itemId));
    expect(events.map((e) => e.action)).toEqual(['attachment_uploaded', 'attachment_deleted']);
    expect(fs.existsSync(blobFile(content))).toBe(false);
    expect((await reporter.request('GET', `/api/attachments/${id}`)).statusCode).toBe(404);
  });

  it('keeps the blob while another item still points at the same bytes', async () => {
    const a = await makeItem();
    const b = await makeItem();
    const content = unique(PDF);
    const first = (await upload(reporter, a, content, 'a.pdf')).json();
    const second = (await upload(reporter, b, content, 'b.pdf')).json();
    expect((await reporter.request('DELETE', `/api/attachments/${first.id}`)).statusCode).toBe(200);
    expect(fs.existsSync(blobFile(content))).toBe(true);
    const still = await reporter.request('GET', `/api/attachments/${second.id}`);
    expect(still.statusCode).toBe(200);
    expect(still.rawPayload).toEqual(content);
    // Uploading the same bytes again after the last reference went away writes the blob anew.
    expect((await reporter.request('DELETE', `/api/attachments/${second.id}`)).statusCode).toBe(200);
    expect(fs.existsSync(blobFile(content))).toBe(false);
    const again = (await upload(reporter, a, content, 'a.pdf')).json();
    expect((await reporter.request('GET', `/api/attachments/${again.id}`)).rawPayload).toEqual(content);
  });

  it('answers 404 to a reporter of another unit and changes nothing', async () => {
    const itemId = await makeItem();
    const { id } = (await upload(reporter, itemId, unique(PDF), 'a.pdf')).json();
    const res = await otherReporter.request('DELETE', `/api/attachments/${id}`);
    expect(res.statusCode).toBe(404);
    expect(await attachmentRows(itemId)).toHaveLength(1);
    expect(await auditCount('attachment.deleted', itemId)).toBe(0);
  });

  it('is refused once the item has left the caller’s hands (403) and to roles that never edit (403)', async () => {
    const itemId = await makeItem('submitted');
    const { id } = (await upload(editor, itemId, unique(PDF), 'a.pdf')).json();
    const res = await reporter.request('DELETE', `/api/attachments/${id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('当前状态下不能删除附件');
    expect((await admin.request('DELETE', `/api/attachments/${id}`)).statusCode).toBe(403);
    expect(await attachmentRows(itemId)).toHaveLength(1);
    expect((await editor.request('DELETE', `/api/attachments/${id}`)).statusCode).toBe(200);
  });

  it('needs a session (401) and a well-formed id (400)', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await anonymous(t.app, 'DELETE', `/api/attachments/${id}`)).statusCode).toBe(401);
    expect((await reporter.request('DELETE', '/api/attachments/abc')).statusCode).toBe(400);
    expect((await reporter.request('DELETE', `/api/attachments/${id}`)).statusCode).toBe(404);
  });
});
