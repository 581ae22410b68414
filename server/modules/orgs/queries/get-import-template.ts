import ExcelJS from 'exceljs';
import type { AppContext } from '../../../context.ts';
import { xlsxText } from '../../../lib/xlsx.ts';
import { addOrgSheet, MAX_IMPORT_ROWS, ORG_COLUMNS, toBuffer } from '../excel.ts';
import { LEVEL_RANK, todayInChina } from '../fields.ts';
import { loadDictionaries, loadTree } from '../registry.ts';

/**
 * The import template: the export's columns with one example row, and a 填写说明 sheet that
 * explains every column and lists the dictionary names currently allowed.
 */
export async function getImportTemplate(ctx: AppContext): Promise<{ buffer: Buffer; filename: string }> {
  const dictionaries = (await loadDictionaries(ctx.db)).filter((d) => d.active);
  // The example hangs under a real office: the lowest-level active one (a county's 政府办).
  const offices = [...(await loadTree(ctx.db)).values()].filter(
    (o) => o.kind === 'office' && o.active && o.level,
  );
  const exampleParent = offices.sort(
    (a, b) => LEVEL_RANK[a.level!] - LEVEL_RANK[b.level!] || a.code.localeCompare(b.code),
  )[0];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '信报 Xinbao';
  const sheet = addOrgSheet(workbook, [
    {
      code: 'fy_example',
      name: '汾阳市示例局',
      shortName: '示例局',
      kind: '单位',
      level: null,
      parentCode: exampleParent?.code ?? null,
      sectionName: null,
      category:
        dictionaries.find((d) => d.dictionary === 'unit_category' && d.code !== 'office')?.label ?? null,
      group: dictionaries.find((d) => d.dictionary === 'assessment_group')?.label ?? null,
      sortOrder: 10,
      contactPerson: '张三',
      contactPhone: '0358-7221234',
      contactEmail: 'shili@example.gov.cn',
      address: '汾阳市示例路 1 号',
      netAccessDate: '2024-03-05',
      netAccessMethod: '光纤专线',
      netIpRange: '10.72.99.0/24',
      netFilingNo: '汾政网备〔2024〕1号',
      status: '启用',
      validFrom: todayInChina(),
      validTo: null,
      note: '示例行：导入前请删除本行',
    },
  ]);
  sheet.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 16 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'hint', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of ORG_COLUMNS)
    help.addRow({ header: c.header, required: c.required ? '必填' : '', hint: c.hint });
  help.addRow({});
  const notes = [
    '导入规则：按【单位编码】匹配，已存在的单位被更新，新编码新建单位；未出现在表中的单位保持不变。',
    '任何一行有错误时整个文件都不会导入，系统会逐行列出错误，修改后重新上传即可。',
    '可选列若整列不存在则保持原值；列存在但单元格为空，表示清空该项（必填项和注明“留空保持不变”的列除外）。',
    `每次最多导入 ${MAX_IMPORT_ROWS} 行。导出的单位名录可直接修改后导入。`,
  ];
  for (const note of notes) help.addRow({ header: note });
  help.addRow({});
  for (const [dictionary, title] of [
    ['unit_category', '单位类别可选值'],
    ['assessment_group', '考核分组可选值'],
  ] as const) {
    help.addRow({ header: title }).font = { bold: true };
    for (const d of dictionaries.filter((x) => x.dictionary === dictionary))
      help.addRow({ header: xlsxText(d.label) });
  }
  return { buffer: await toBuffer(workbook), filename: '单位导入模板.xlsx' };
}
