import { describe, expect, it } from 'vitest';
import { renderOfficialLayoutHtml } from './official-html.ts';
import {
  BODY_LINE_TW,
  BODY_METRICS,
  BODY_WIDTH_EM,
  DOCUMENT_NUMBER,
  type FlowBlock,
  type FlowPara,
  type FlowTable,
  formatDocumentNumber,
  headingOf,
  layoutOfficial,
  type OfficialDocumentInput,
  type OfficialLayout,
  paginateOfficial,
  signatureRightIndent,
  TABLE_METRICS,
  TITLE_CHARS,
  TITLE_METRICS,
  TITLE_WIDTH_EM,
  TYPE_HEIGHT_TW,
  TYPE_WIDTH_TW,
  textEm,
  tidySpacing,
  titleLines,
} from './official-layout.ts';
import { sampleOfficialNotice } from './official-sample.ts';

const base = (over: Partial<OfficialDocumentInput> = {}): OfficialDocumentInput => ({
  issuerMark: '汾阳市人民政府办公室文件',
  documentNumber: '汾政办发〔2026〕3号',
  title: '关于做好2027年度政务信息报送工作的通知',
  addressee: '各乡镇人民政府、街道办事处，市直各有关单位',
  body: ['现将有关事项通知如下。'],
  signature: '汾阳市人民政府办公室',
  date: new Date(2026, 11, 3),
  colophon: { cc: ['市委办公室'], printer: '汾阳市人民政府办公室', printDate: new Date(2026, 11, 3) },
  ...over,
});

/** A paragraph of n lines as the layout makes them (first line 26 characters, the others 28). */
const para = (n: number, over: Partial<FlowPara> = {}): FlowPara => ({
  kind: 'para',
  role: 'body',
  lines: Array.from({ length: n }, (_, k) => ({
    segments: [{ text: '测', font: 'body' }],
    last: k === n - 1,
  })),
  size: 16,
  pitch: BODY_LINE_TW,
  align: 'justify',
  firstIndent: 2,
  leftIndent: 0,
  rightIndent: 0,
  before: 0,
  keepNext: false,
  widow: true,
  pageBreakBefore: false,
  level: 0,
  manualBreaks: false,
  ...over,
});

const tableOf = (rows: number, height = 580): FlowTable => ({
  kind: 'table',
  widths: [TYPE_WIDTH_TW],
  header: { cells: [{ lines: ['表头'], align: 'center' }], height, header: true },
  rows: Array.from({ length: rows }, (_, k) => ({
    cells: [{ lines: [String(k + 1)], align: 'center' as const }],
    height,
    header: false,
  })),
});

/** Lines of a block placed on each page. */
function placedLines(pages: ReturnType<typeof paginateOfficial>, block: FlowBlock): number[] {
  return pages.map((p) =>
    p.placed.reduce((n, x) => n + (x.kind !== 'head' && x.block === block ? x.to - x.from : 0), 0),
  );
}

/** The text of an HTML fragment, tags removed. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '');

const lineText = (l: { segments: { text: string }[] }) => l.segments.map((s) => s.text).join('');

function allParaLines(layout: OfficialLayout): { p: FlowPara; text: string; k: number }[] {
  return layout.blocks.flatMap((b) =>
    b.kind === 'para' ? b.lines.map((l, k) => ({ p: b, text: lineText(l), k })) : [],
  );
}

describe('公文 text rules', () => {
  it('formats the 发文字号: 〔〕 brackets, no 第, no leading zeros', () => {
    expect(formatDocumentNumber('汾政办发〔2026〕12号')).toBe('汾政办发〔2026〕12号');
    expect(formatDocumentNumber('汾政办发[2026]012号')).toBe('汾政办发〔2026〕12号');
    expect(formatDocumentNumber('汾政办发（2026）第12号')).toBe('汾政办发〔2026〕12号');
    expect(formatDocumentNumber('汾政办函 (2026) 7号')).toBe('汾政办函〔2026〕7号');
    expect(formatDocumentNumber('第12号')).toBeNull();
    expect(formatDocumentNumber('汾政办发〔2026〕0号')).toBeNull();
    expect(DOCUMENT_NUMBER.test('汾政办发〔2026〕12号')).toBe(true);
    const fixed = layoutOfficial(base({ documentNumber: '汾政办发[2026]第03号' }));
    expect(fixed.head.number).toBe('汾政办发〔2026〕3号');
    expect(fixed.warnings.join()).toMatch(/已改为“汾政办发〔2026〕3号”/);
    const bad = layoutOfficial(base({ documentNumber: '无字号' }));
    expect(bad.head.number).toBe('无字号');
    expect(bad.warnings.join()).toMatch(/不符合/);
  });

  it('recognises heading levels from the paragraph start, half-width brackets too', () => {
    expect(headingOf('一、总体情况').level).toBe(1);
    expect(headingOf('（二）质量有待提高。').level).toBe(2);
    expect(headingOf('(三)半角括号').text).toBe('（三）半角括号');
    expect(headingOf('1.报送数量').level).toBe(3);
    expect(headingOf('（1）采用数量').level).toBe(4);
    expect(headingOf('2026年全年').level).toBe(0);
    expect(headingOf('1.5倍').level).toBe(0);
  });

  it('balances title lines: never a one-character last line, none wider than the type area', () => {
    for (let n = TITLE_CHARS + 1; n <= 90; n++) {
      const title = '关于进一步加强和改进全市政务信息报送采用工作的若干意见和实施细则补充通知'
        .repeat(3)
        .slice(0, n);
      const lines = titleLines(title);
      expect(lines.join('')).toBe(title);
      expect([...lines.at(-1)!].length, title).toBeGreaterThan(1);
      for (const l of lines)
        expect(textEm(l, TITLE_METRICS, 'serifBold')).toBeLessThanOrEqual(TITLE_WIDTH_EM + 1e-9);
      // Balanced: the lines differ by a few characters at most.
      const lengths = lines.map((l) => [...l].length);
      expect(Math.max(...lengths) - Math.min(...lengths), title).toBeLessThanOrEqual(4);
    }
  });
});

describe('公文 line breaking (the 简报 rules, LibreOffice spacing counted)', () => {
  it('counts the space LibreOffice puts between Chinese and figures', () => {
    // Measured: LibreOffice ends this first line before 被, not after it.
    const text =
      '全年共收到各单位报送信息2046条，采用1021条，其中被吕梁市政府办公室采用186条，被省政府办公厅采用23条。';
    const layout = layoutOfficial(base({ body: [text] }));
    const body = layout.blocks.find((b): b is FlowPara => b.kind === 'para' && b.role === 'body')!;
    expect(lineText(body.lines[0]!)).toBe('全年共收到各单位报送信息2046条，采用1021条，其中');
    expect(textEm('信息2046条')).toBeGreaterThan(
      textEm('信息') + textEm('2046', BODY_METRICS) + textEm('条'),
    );
  });

  it('drops typed spaces between Chinese and figures, brackets around Chinese text made full-width', () => {
    expect(tidySpacing('全市GDP 增长6.5%，Word 和 Excel')).toBe('全市GDP增长6.5%，Word和Excel');
    expect(tidySpacing('增加值(按可比价格计算)同比')).toBe('增加值（按可比价格计算）同比');
    expect(tidySpacing('(GDP)与(2)，A B')).toBe('(GDP)与(2)，A B');
    const layout = layoutOfficial(base({ body: ['投资(含基建)增长 6.5%。'] }));
    expect(layout.input.body[0]).toBe('投资（含基建）增长6.5%。');
  });

  it('keeps a heading of one or two lines with the next paragraph, not a longer one', () => {
    const layout = layoutOfficial(
      base({ body: ['一、总体情况', `二、${'存在的问题'.repeat(20)}。`, '正文。'] }),
    );
    const [short, long] = layout.blocks.filter((b): b is FlowPara => b.kind === 'para' && b.level === 1);
    expect(short!.keepNext).toBe(true);
    expect(long!.lines.length).toBeGreaterThan(2);
    expect(long!.keepNext).toBe(false);
  });

  it('writes the third-level marker with the full-width dot', () => {
    expect(headingOf('1.工业生产。').text).toBe('1．工业生产。');
  });

  it('right-indents the date four characters and starts the signature two characters left of it', () => {
    const layout = layoutOfficial(base());
    const sig = layout.blocks.find((b): b is FlowPara => b.kind === 'para' && b.role === 'signature')!;
    const date = layout.blocks.find((b): b is FlowPara => b.kind === 'para' && b.role === 'date')!;
    expect(lineText(date.lines[0]!)).toBe('2026年12月3日');
    expect(date.rightIndent).toBe(4);
    expect(date.align).toBe('right');
    const dateLeft = BODY_WIDTH_EM - 4 - textEm('2026年12月3日');
    const sigLeft = BODY_WIDTH_EM - sig.rightIndent - textEm('汾阳市人民政府办公室');
    expect(dateLeft - sigLeft).toBeCloseTo(2, 6);
    // A signature too long for that ends at the right edge.
    expect(signatureRightIndent('汾阳市人民政府办公室汾阳市人民政府办公室', '2026年1月5日')).toBe(0);
  });
});

describe('paginateOfficial (crafted flows)', () => {
  const full = 22 * BODY_LINE_TW;

  it('fills a page with 22 body lines', () => {
    const p = para(50);
    const pages = paginateOfficial(0, [p]);
    expect(placedLines(pages, p)).toEqual([22, 22, 6]);
    expect(full).toBeLessThanOrEqual(TYPE_HEIGHT_TW);
  });

  it('never leaves one line of a paragraph alone at the foot or head of a page', () => {
    // One line free: a five-line paragraph moves whole.
    let p = para(5);
    expect(placedLines(paginateOfficial(TYPE_HEIGHT_TW - BODY_LINE_TW, [p]), p)).toEqual([0, 5]);
    // Four lines free: three stay, two go (not four and one).
    p = para(5);
    expect(placedLines(paginateOfficial(TYPE_HEIGHT_TW - 4 * BODY_LINE_TW, [p]), p)).toEqual([3, 2]);
    // A three-line paragraph with two lines free cannot split without a widow: it moves.
    p = para(3);
    expect(placedLines(paginateOfficial(TYPE_HEIGHT_TW - 2 * BODY_LINE_TW, [p]), p)).toEqual([0, 3]);
    // A paragraph longer than a page runs on over pages.
    p = para(70);
    expect(placedLines(paginateOfficial(0, [p]), p)).toEqual([22, 22, 22, 4]);
  });

  it('keeps a heading with the start of the next paragraph', () => {
    const heading = para(1, { keepNext: true, level: 1 });
    const next = para(4);
    const pages = paginateOfficial(TYPE_HEIGHT_TW - 2 * BODY_LINE_TW, [heading, next]);
    expect(placedLines(pages, heading)).toEqual([0, 1]);
    expect(placedLines(pages, next)).toEqual([0, 4]);
  });

  it('repeats the table header on every page the table continues on, rows never split', () => {
    const t = tableOf(50);
    const pages = paginateOfficial(0, [para(3), t]);
    const parts = pages.flatMap((p) => p.placed.filter((x) => x.kind === 'rows'));
    expect(parts.length).toBe(3);
    expect(parts.map((x) => x.kind === 'rows' && x.repeatHeader)).toEqual([false, true, true]);
    // Every page: header + rows within the type area.
    for (const p of pages) expect(p.used).toBeLessThanOrEqual(TYPE_HEIGHT_TW);
    const rowsPlaced = parts.reduce((n, x) => n + (x.kind === 'rows' ? x.to - x.from : 0), 0);
    expect(rowsPlaced).toBe(50);
  });
});

describe('layoutOfficial', () => {
  it('puts the 版记 on an even last page, inserting an unnumbered blank page when needed', () => {
    const modes = new Set<string>();
    for (let n = 1; n <= 70; n++) {
      const layout = layoutOfficial(base({ body: Array.from({ length: n }, () => '测'.repeat(26)) }));
      const last = layout.pages.at(-1)!;
      expect(last.number % 2, `n=${n}`).toBe(0);
      expect(layout.colophonPlacement.page).toBe(last.number);
      modes.add(layout.colophonPlacement.mode);
      if (layout.colophonPlacement.mode === 'afterBlank') {
        const blank = layout.pages.at(-2)!;
        expect(blank.blank && !blank.numbered && !last.numbered).toBe(true);
      } else {
        expect(layout.pages.every((p) => p.numbered)).toBe(true);
      }
      expect(layout.colophonPlacement.spacerTw).toBeGreaterThanOrEqual(0);
    }
    expect([...modes].sort()).toEqual(['afterBlank', 'own', 'same']);
  });

  it('prints the 版记 on the last page when printed on one side', () => {
    const layout = layoutOfficial(base({ duplex: false }));
    expect(layout.pages.length).toBe(1);
    expect(layout.colophonPlacement.mode).toBe('same');
  });

  it('lays the sample 通报 out with a 3-page score-table annex', () => {
    const layout = layoutOfficial(sampleOfficialNotice());
    const tablePages = layout.pages.filter((p) => p.placed.some((x) => x.kind === 'rows'));
    expect(tablePages.length).toBe(3);
    expect(layout.head.number).toBe('汾政办发〔2026〕12号');
    expect(layout.pages.at(-1)!.number % 2).toBe(0);
    // The annex starts on a page of its own.
    expect(tablePages[0]!.placed[0]).toMatchObject({ kind: 'lines', block: { role: 'annexLabel' } });
  });

  it('gives a clean layout for bad input', () => {
    const wide = {
      columns: Array.from({ length: 14 }, (_, k) => ({ title: `第${k + 1}列很长的列标题` })),
      rows: Array.from({ length: 30 }, (_, r) =>
        Array.from({ length: 14 }, (_, c) => `单元格${r}-${c}的内容比较长`),
      ),
    };
    const tall = { columns: [{ title: '序号' }, { title: '说明' }], rows: [['1', '很长的说明'.repeat(400)]] };
    const layout = layoutOfficial(
      base({
        title: `${'关于'.padEnd(70, '进一步加强政务信息工作')}的通知`,
        body: [
          '超长段落'.repeat(400),
          '生僻字𠮷䶮与表情😀🎉，半角(括号)与英文Word和网址https://example.gov.cn/a/very/long/path/that/does/not/fit/on/one/line/at/all/really',
          '(一)半角括号的小标题',
          '',
        ],
        attachments: [
          { title: '过宽的表格', blocks: [{ kind: 'table', table: wide }] },
          { title: '过高的单元格', blocks: [{ kind: 'table', table: tall }] },
          { title: '', blocks: [] },
        ],
        colophon: {
          cc: Array.from({ length: 80 }, (_, k) => `市直第${k + 1}单位`),
          printer: '汾阳市人民政府办公室',
          printDate: new Date(2026, 11, 3),
        },
      }),
    );
    for (const { p, text, k } of allParaLines(layout)) {
      const [width, w] =
        p.size === 16
          ? [BODY_WIDTH_EM, textEm(text)]
          : [TITLE_WIDTH_EM, textEm(text, TITLE_METRICS, 'serifBold')];
      const indent = k === 0 ? p.firstIndent : p.leftIndent;
      expect(w + indent + p.rightIndent, text).toBeLessThanOrEqual(width + 1e-9);
    }
    for (const b of layout.blocks) {
      if (b.kind !== 'table') continue;
      expect(b.widths.reduce((a, c) => a + c, 0)).toBe(TYPE_WIDTH_TW);
      for (const r of [b.header, ...b.rows]) {
        expect(r.height).toBeLessThan(TYPE_HEIGHT_TW - b.header.height);
        r.cells.forEach((c, i) => {
          for (const l of c.lines)
            expect(textEm(l, TABLE_METRICS) * 14 * 20).toBeLessThanOrEqual(b.widths[i]! - 160 + 1e-6);
        });
      }
    }
    for (const p of layout.pages) expect(p.used).toBeLessThanOrEqual(TYPE_HEIGHT_TW);
    expect(layout.pages.at(-1)!.number % 2).toBe(0);
    // Rare characters and emoji are kept, not dropped.
    const text = allParaLines(layout)
      .map((l) => l.text)
      .join('');
    for (const ch of ['𠮷', '䶮', '😀']) expect(text).toContain(ch);
    // The very long 抄送 list wraps inside the 版记.
    expect(layout.colophon.cc.length).toBeGreaterThan(5);
  });

  it('lays out an empty body and no 主送机关', () => {
    const layout = layoutOfficial(base({ body: [], addressee: undefined, title: '' }));
    expect(layout.pages.length).toBe(2);
    expect(layout.blocks.some((b) => b.kind === 'para' && b.role === 'signature')).toBe(true);
  });
});

describe('renderOfficialHtml (preview)', () => {
  it('draws the computed pages, each computed line its own block', () => {
    const layout = layoutOfficial(sampleOfficialNotice());
    const html = renderOfficialLayoutHtml(layout);
    const pages = html.split('<section class="page ').slice(1);
    expect(pages.length).toBe(layout.pages.length);
    layout.pages.forEach((page, k) => {
      const lines = page.placed.reduce((n, x) => n + (x.kind === 'lines' ? x.to - x.from : 0), 0);
      expect((pages[k]!.match(/<div class="ln (?!mark|number)/g) ?? []).length).toBe(lines);
      const tableParts = page.placed.filter((x) => x.kind === 'rows').length;
      // The header row is drawn again on every page the table is on.
      expect((pages[k]!.match(/class="cell th"/g) ?? []).length).toBe(tableParts * 7);
      expect(pages[k]!.includes('class="pn"')).toBe(page.numbered);
    });
    expect(pages.at(-1)).toContain('抄送：');
    expect(textOf(pages.at(-1)!)).toMatch(/2026年12月3日印发/);
    expect(textOf(html)).toContain('汾政办发〔2026〕12号');
    // The CJK/Latin space LibreOffice prints is drawn in the preview too.
    expect(html).toMatch(/2026<span class="as" style="margin-left:0\.2\d*em"><\/span>年/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
  });

  it('escapes text and leaves the blank page and the 版记 page after it unnumbered', () => {
    let n = 1;
    let layout = layoutOfficial(base());
    while (layout.colophonPlacement.mode !== 'afterBlank' && n < 80) {
      n++;
      layout = layoutOfficial(
        base({ body: ['<b>&"\'</b>', ...Array.from({ length: n }, () => '测'.repeat(26))] }),
      );
    }
    expect(layout.colophonPlacement.mode).toBe('afterBlank');
    const html = renderOfficialLayoutHtml(layout);
    expect(html).toContain('&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;');
    const pages = html.split('<section class="page ').slice(1);
    expect(pages.at(-2)).toMatch(/^even blank|^odd blank/);
    expect(pages.at(-2)).not.toContain('class="pn"');
    expect(pages.at(-1)).not.toContain('class="pn"');
    expect(pages.at(-1)).toContain('class="colophon"');
  });
});
