import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { stripForbiddenChars } from './control-chars.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of an export: its Chinese header, its width in characters and how a row fills it. */
export type XlsxColumn<T> = { header: string; width: number; value: (row: T) => string | number | null };

/** Excel refuses cells longer than this. */
const MAX_CELL = 32_000;

/** Builds a one-sheet workbook with a bold, frozen header row, ready for the offices' Excel/WPS. */
export async function buildXlsx<T>(
  sheetName: string,
  columns: XlsxColumn<T>[],
  rows: readonly T[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '信报 Xinbao';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        return typeof v === 'string' ? xlsxText(v.length > MAX_CELL ? `${v.slice(0, MAX_CELL)}…` : v) : v;
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A leading =, +, -, @, tab or CR makes Excel and WPS read a typed-over cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text as every export writes it into a cell: without the characters XML cannot carry (data stored
 * before the input check may hold them), and with a leading apostrophe when it could start a
 * formula, so `=HYPERLINK(…)` typed into an item shows as text instead of running (CSV/formula
 * injection). The registry import removes that apostrophe again (`unquoteXlsxText`).
 */
export function xlsxText(text: string): string {
  const clean = stripForbiddenChars(text);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

/** The text of an exported cell as it was before `xlsxText` quoted it. */
export function unquoteXlsxText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** Sends a workbook as a download; the Chinese file name travels in `filename*` (RFC 5987). */
export function sendXlsx(reply: FastifyReply, filename: string, body: Buffer): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header(
      'content-disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .send(body);
}

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Table style `2024-03-05 14:30` in China Standard Time, whatever the server's time zone (ISO strings too). */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  return dateTime.format(typeof value === 'string' ? new Date(value) : value);
}

/** `2024-03-05` in China Standard Time, for file names. */
export function formatDate(value: Date): string {
  return formatDateTime(value).slice(0, 10);
}

/**
 * A business list as a workbook: one sheet named after the list, the file named after it and the
 * day (`收稿箱-2026-03-05.xlsx`), so an export says what it holds and when it was taken.
 */
export async function listWorkbook<T>(
  listName: string,
  columns: XlsxColumn<T>[],
  rows: readonly T[],
  now: Date,
): Promise<{ filename: string; body: Buffer }> {
  return { filename: `${listName}-${formatDate(now)}.xlsx`, body: await buildXlsx(listName, columns, rows) };
}
