import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditEvents, orgs } from '../../db/schema/index.ts';
import type { Session, TestApp } from '../../test/helpers.ts';

/** Fixtures and probes shared by the registry's API tests. */

export async function orgByCode(t: TestApp, code: string) {
  const [row] = await t.database.db.select().from(orgs).where(eq(orgs.code, code));
  if (!row) throw new Error(`no org ${code}`);
  return row;
}

export async function auditRows(t: TestApp, action: string, targetId?: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(
      targetId
        ? and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId))
        : eq(auditEvents.action, action),
    )
    .orderBy(desc(auditEvents.id));
}

export async function countOrgs(t: TestApp): Promise<number> {
  return (await t.database.db.select({ id: orgs.id }).from(orgs)).length;
}

/** A workbook with one sheet: a header row and the given rows, as Excel would save it. */
export async function xlsx(
  header: string[],
  rows: (string | number | Date | null)[][],
  sheetName = '单位名录',
) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readXlsx(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

/** A multipart/form-data body with one file part, built by hand as a browser would send it. */
export function multipart(file: Buffer, filename = '单位.xlsx', field = 'file') {
  const boundary = `----xinbao${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, file, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export function upload(session: Session, file: Buffer, filename?: string, field?: string) {
  const { body, contentType } = multipart(file, filename, field);
  return session.request('POST', '/api/orgs/import', body, { 'content-type': contentType });
}
