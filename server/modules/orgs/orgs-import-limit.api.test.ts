import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { countOrgs, orgByCode, xlsx } from './orgs.test-support.ts';

/**
 * The registry import shares the upload helper's limit: anything over UPLOAD_LIMIT_BYTES is 413
 * and imports nothing, even when the network delivers the file in pieces that end exactly at the
 * limit (where the multipart parser cuts it silently); a file of exactly the limit is imported.
 */

const PIECE = 1024;

/** A multipart body streamed in 1 KiB pieces aligned to the start of the file. */
function streamedUpload(session: Session, file: Buffer) {
  const boundary = `----xinbao${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="单位.xlsx"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const pieces: Buffer[] = [head];
  for (let at = 0; at < file.length; at += PIECE) pieces.push(file.subarray(at, at + PIECE));
  pieces.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return session.request('POST', '/api/orgs/import', Readable.from(pieces), {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': String(pieces.reduce((n, p) => n + p.length, 0)),
  });
}

let t: TestApp;
let admin: Session;
let file: Buffer;
let limit: number;

beforeAll(async () => {
  const header = ['单位编码', '单位全称', '简称', '类型', '层级', '上级单位编码', '单位类别', '考核分组'];
  file = await xlsx(header, [['imp_limit', '上限测试局', null, '单位', null, 'fy', '市直部门', '二类部门']]);
  // The limit is the workbook's own size, rounded to a whole piece so a piece ends exactly there.
  limit = Math.ceil(file.length / PIECE) * PIECE;
  file = Buffer.concat([file, Buffer.alloc(limit - file.length)]);
  t = await createTestApp({ env: { UPLOAD_LIMIT_BYTES: String(limit) } });
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

describe('POST /api/orgs/import — over the upload limit', () => {
  it('refuses limit+1 … limit+200 KB with 413 and imports nothing', async () => {
    const before = await countOrgs(t);
    const limitText = `${Math.ceil(limit / 1024)} KB`;
    for (const over of [1, 2, 100, 1000, 1023, 1024, 1025, 5000, 50_000, 200 * 1024]) {
      const res = await streamedUpload(admin, Buffer.concat([file, randomBytes(over)]));
      expect(res.statusCode, `+${over} B: ${res.body}`).toBe(413);
      expect(res.json()).toEqual({
        code: 'FILE_TOO_LARGE',
        message: `文件超过 ${limitText} 的上限，未导入`,
      });
    }
    expect(await countOrgs(t)).toBe(before);
  });

  it('imports a workbook of exactly the limit', async () => {
    expect(file.length).toBe(limit);
    const res = await streamedUpload(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    expect((await orgByCode(t, 'imp_limit')).name).toBe('上限测试局');
  });
});
