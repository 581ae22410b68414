import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { forbiddenCharIn } from './control-chars.ts';
import { buildXlsx, unquoteXlsxText, xlsxText } from './xlsx.ts';

/** Excel exports: no XML-forbidden characters, no formula injection (issue 8 items 11b, 15). */

describe('xlsxText', () => {
  it('quotes text that Excel or WPS would take for a formula', () => {
    for (const text of ['=1+1', '+86 358', '-5', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("x")']) {
      expect(xlsxText(text)).toBe(`'${text}`);
      expect(unquoteXlsxText(xlsxText(text))).toBe(text);
    }
    for (const text of ['汾阳市财政局', '1+1=2', "'quoted", '0358-7221234', '']) {
      expect(xlsxText(text)).toBe(text);
      expect(unquoteXlsxText(text)).toBe(text);
    }
  });

  it('drops characters XML cannot carry, before deciding about the quote', () => {
    expect(xlsxText('张\u0000三\uFFFE')).toBe('张三');
    expect(xlsxText('\u0001=1+1')).toBe("'=1+1");
    expect(xlsxText('a\tb\nc')).toBe('a\tb\nc');
  });
});

describe('buildXlsx', () => {
  it('writes a well-formed sheet with quoted formulas and numbers left as numbers', async () => {
    const rows = [
      { name: '=HYPERLINK("http://evil.example","点我")', note: '正常\u0001\u001F\uFFFF文本', n: -5 },
      { name: '@cmd', note: '-1+1', n: 3 },
    ];
    const buffer = await buildXlsx(
      '测试',
      [
        { header: '名称', width: 20, value: (r: (typeof rows)[number]) => r.name },
        { header: '备注', width: 20, value: (r: (typeof rows)[number]) => r.note },
        { header: '数', width: 8, value: (r: (typeof rows)[number]) => r.n },
      ],
      rows,
    );
    const zip = await JSZip.loadAsync(buffer);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml')))
      expect(forbiddenCharIn(await zip.file(name)!.async('string')), name).toBeNull();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A2').value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(sheet.getCell('B2').value).toBe('正常文本');
    expect(sheet.getCell('C2').value).toBe(-5);
    expect(sheet.getCell('A3').value).toBe("'@cmd");
    expect(sheet.getCell('B3').value).toBe("'-1+1");
    expect(sheet.getCell('A2').formula).toBeUndefined();
  });
});
