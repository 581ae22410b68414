import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors.ts';
import { unquoteXlsxText, xlsxText } from '../../lib/xlsx.ts';

/**
 * The registry's spreadsheet layout, shared by export, template and import so a file exported
 * here imports back unchanged.
 */
export const ORG_COLUMNS = [
  {
    key: 'code',
    header: '单位编码',
    width: 16,
    required: true,
    hint: '必填。2–32 位字母、数字、下划线或连字符；已存在的编码将更新该单位，新编码将新建单位',
  },
  { key: 'name', header: '单位全称', width: 36, required: true, hint: '必填。最多 100 字' },
  {
    key: 'shortName',
    header: '简称',
    width: 18,
    required: false,
    hint: '最多 50 字；新建时留空则与全称相同，更新时留空则保持不变',
  },
  { key: 'kind', header: '类型', width: 10, required: true, hint: '必填。办公室 或 单位' },
  {
    key: 'level',
    header: '层级',
    width: 10,
    required: false,
    hint: '办公室必填：县级、市级 或 省级；单位须留空',
  },
  {
    key: 'parentCode',
    header: '上级单位编码',
    width: 16,
    required: false,
    hint: '单位必填，须为办公室的编码；办公室的上级须为更高层级的办公室。可引用本表中其他行',
  },
  { key: 'sectionName', header: '信息科室', width: 12, required: false, hint: '如 信息科' },
  { key: 'category', header: '单位类别', width: 14, required: false, hint: '填写字典中的名称（见下方列表）' },
  { key: 'group', header: '考核分组', width: 12, required: false, hint: '填写字典中的名称（见下方列表）' },
  {
    key: 'sortOrder',
    header: '排序',
    width: 8,
    required: false,
    hint: '非负整数，越小越靠前；新建时留空为 0，更新时留空则保持不变',
  },
  { key: 'contactPerson', header: '联系人', width: 12, required: false, hint: '' },
  { key: 'contactPhone', header: '联系电话', width: 16, required: false, hint: '' },
  { key: 'contactEmail', header: '电子邮箱', width: 24, required: false, hint: '' },
  { key: 'address', header: '地址', width: 30, required: false, hint: '' },
  {
    key: 'netAccessDate',
    header: '接入日期',
    width: 12,
    required: false,
    hint: '电子政务外网接入日期，格式 2024-03-05',
  },
  { key: 'netAccessMethod', header: '接入方式', width: 12, required: false, hint: '如 光纤专线、VPN 接入' },
  {
    key: 'netIpRange',
    header: 'IP段',
    width: 22,
    required: false,
    hint: 'IPv4 网段，如 10.72.11.0/24，多个以逗号分隔',
  },
  { key: 'netFilingNo', header: '备案表编号', width: 22, required: false, hint: '' },
  {
    key: 'status',
    header: '状态',
    width: 8,
    required: false,
    hint: '启用 或 停用；新建时留空为启用，更新时留空则保持不变。停用须填写失效日期',
  },
  {
    key: 'validFrom',
    header: '生效日期',
    width: 12,
    required: false,
    hint: '格式 2024-03-05；新建时留空为当天，更新时留空则保持不变',
  },
  {
    key: 'validTo',
    header: '失效日期',
    width: 12,
    required: false,
    hint: '仅停用的单位填写，格式 2024-03-05',
  },
  { key: 'note', header: '备注', width: 30, required: false, hint: '最多 1000 字' },
] as const;

export type ColumnKey = (typeof ORG_COLUMNS)[number]['key'];
export type SheetRow = Partial<Record<ColumnKey, string | number | null>>;
/** One data row as read: its Excel row number and the trimmed text of each present column. */
export type RawRow = { row: number; cells: Partial<Record<ColumnKey, string>> };

export const SHEET_NAME = '单位名录';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_ROWS = 20_000;
export const headerOf = (key: ColumnKey) => ORG_COLUMNS.find((c) => c.key === key)!.header;

/** Adds the registry sheet with a bold, frozen header row and sensible widths. */
export function addOrgSheet(workbook: ExcelJS.Workbook, rows: SheetRow[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ORG_COLUMNS.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    // Text format keeps codes and phone numbers as typed (no lost leading zeros, no dates).
    style: c.key === 'sortOrder' ? {} : { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  for (const row of rows) {
    sheet.addRow(
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? xlsxText(value) : value]),
      ),
    );
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ORG_COLUMNS.length } };
  return sheet;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback and the real (Chinese) name per RFC 5987. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

const unreadable = () => new AppError(400, 'IMPORT_UNREADABLE', '文件无法读取，请上传 Excel（.xlsx）文件');

/**
 * Reads the registry sheet of an uploaded workbook. Columns are found by their header, in any
 * order; a column that is absent leaves that field of existing units unchanged.
 */
export async function readOrgSheet(buffer: Buffer): Promise<{ rows: RawRow[]; columns: Set<ColumnKey> }> {
  // An .xlsx file is a zip archive; anything else (old .xls, CSV, images) is refused up front.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw unreadable();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable();
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) throw unreadable();

  const columnAt = new Map<number, ColumnKey>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = normalizeHeader(cellText(cell.value));
    const column = ORG_COLUMNS.find((c) => c.header === header);
    if (column) columnAt.set(col, column.key);
  });
  const columns = new Set(columnAt.values());
  const missing = ORG_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => `【${c.header}】`);
  if (missing.length) {
    throw new AppError(400, 'IMPORT_BAD_HEADER', `表头缺少${missing.join('')}列，请使用导入模板`);
  }

  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: RawRow['cells'] = {};
    for (const [col, key] of columnAt) {
      // A cell the export quoted against formula injection reads back as it was stored.
      const text = unquoteXlsxText(cellText(row.getCell(col).value).trim());
      if (text) cells[key] = text;
    }
    if (Object.keys(cells).length) rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0)
    throw new AppError(400, 'IMPORT_EMPTY', '表格中没有数据行，请在表头下方逐行填写单位');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(400, 'IMPORT_TOO_MANY_ROWS', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`);
  }
  return { rows, columns };
}

/** '单位编码*' and '类型（办公室/单位）' both name the 单位编码 and 类型 columns. */
function normalizeHeader(text: string): string {
  return text
    .replace(/[（(].*?[）)]/g, '')
    .replace(/[*＊\s]/g, '')
    .trim();
}

/** The text a person sees in a cell, whatever exceljs made of it. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // Excel dates carry no zone; exceljs hands them over as UTC midnight.
    return value.toISOString().slice(0, 10);
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText(((value as ExcelJS.CellFormulaValue).result ?? null) as ExcelJS.CellValue);
  }
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}
