import { describe, expect, it } from 'vitest';
import { agreementProblems, compareLayouts, compareRows, percent } from './agreement.ts';
import type { PdfLayout, TextLine } from './pdf-layout.ts';

const line = (text: string, y: number, x = 28): TextLine => ({
  text,
  words: [{ text, x0: x, y0: y, x1: x + 5 * text.length, y1: y + 5 }],
  x0: x,
  y0: y,
  x1: x + 5 * text.length,
  y1: y + 5,
  heightMm: 5,
  sizePt: 16,
});
const layout = (pages: TextLine[][]): PdfLayout => ({
  pages: pages.map((lines, i) => ({ number: i + 1, widthMm: 210, heightMm: 297, lines, rules: [] })),
});

describe('agreement of the printed DOCX and the preview', () => {
  it('counts identical rows per page as a multiset and finds no problem when all agree', () => {
    const a = compareRows([['甲', '乙', '乙'], ['丙']], [['甲', '乙', '乙'], ['丙']]);
    expect(a).toMatchObject({ lines: 4, identical: 4, ratio: 1, pageStarts: [] });
    expect(agreementProblems(a)).toEqual([]);
  });

  it('a row on another page does not count, and the page starts that differ are named', () => {
    const a = compareRows(
      [
        ['甲', '乙'],
        ['丙', '丁'],
      ],
      [['甲'], ['乙', '丙', '丁']],
    );
    expect(a.lines).toBe(5);
    expect(a.identical).toBe(3);
    expect(a.pageStarts).toEqual([{ page: 2, docx: '丙', preview: '乙' }]);
    const problems = agreementProblems(a);
    expect(problems.join('\n')).toMatch(/分行一致率 60\.00%（3\/5 行）/);
    expect(problems.join('\n')).toMatch(/第2页起始行不同：打印文档为“丙”，预览为“乙”/);
  });

  it('a missing page is a page-count problem', () => {
    const a = compareRows([['甲'], ['乙']], [['甲']]);
    expect(a.pagesDocx).toBe(2);
    expect(agreementProblems(a)[0]).toBe('页数不一致：打印文档 2 页，预览 1 页');
  });

  it('page numbers and the 样稿 mark are not page starts', () => {
    const a = compareRows([['样稿', '甲', '—1—']], [['—1—', '样稿', '甲']]);
    expect(a.pageStarts).toEqual([]);
  });

  it('joins the words of one visual row and ignores spaces, so tools that split rows differently agree', () => {
    const docx = layout([
      [line('责任编辑：王丽', 250), line('签发：李明', 250.5, 100), line('正文 第一行', 60)],
    ]);
    const preview = layout([[line('正文第一行', 60.2), line('责任编辑：王丽签发：李明', 250.2)]]);
    expect(compareLayouts(docx, preview)).toMatchObject({ lines: 2, identical: 2 });
  });

  it('rounds the ratio down, so 99.995 % is not reported as 100 %', () => {
    expect(percent(0.99995)).toBe('99.99%');
  });
});
