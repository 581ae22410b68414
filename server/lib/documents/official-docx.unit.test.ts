import JSZip from 'jszip';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { forbiddenCharIn } from '../control-chars.ts';
import {
  OFFICIAL_FONTS,
  OFFICIAL_STYLES,
  renderOfficialDocx,
  renderOfficialLayoutDocx,
} from './official-docx.ts';
import { renderOfficialLayoutHtml } from './official-html.ts';
import { layoutOfficial, type OfficialDocumentInput, type OfficialLayout } from './official-layout.ts';
import { sampleOfficialNotice } from './official-sample.ts';
import { chromiumPdfs, findChromium, findSoffice, libreOfficePdfs } from './pdf.ts';
import { type Agreement, compareLayouts, pageRows } from './rendered/agreement.ts';
import { type PdfLayout, readPdfLayout } from './rendered/pdf-layout.ts';

/**
 * The 公文 DOCX (GB/T 9704-2012 §7, docs/domain.md §6): its XML structure, its bytes, bad input,
 * and one LibreOffice print of several documents measured against the computed layout and the
 * Chromium print of the preview (docs/domain.md, 版式一致: ≥ 99 % identical lines, identical
 * page starts).
 */

async function xmlParts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n)))
    out[name] = await zip.file(name)!.async('string');
  return out;
}

/**
 * Well-formedness of an XML part, enough for what the writer emits: one root, every tag closed in
 * order, attributes quoted, only the five predefined entities or character references, no
 * character XML forbids. Returns the first problem, or null.
 */
function xmlProblem(xml: string): string | null {
  if (forbiddenCharIn(xml) !== null) return `forbidden character U+${forbiddenCharIn(xml)!.toString(16)}`;
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const token =
    /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const [, close, name, , selfClose, text, stray] = m;
    if (stray) return `stray < at ${m.index}`;
    if (text !== undefined) {
      if (stack.length === 0 && text.trim()) return 'text outside the root';
      const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
      if (bad) return `bad entity at ${m.index}`;
      continue;
    }
    if (close) {
      if (stack.pop() !== name) return `</${name}> does not close the open element`;
    } else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(name!);
    }
  }
  if (stack.length > 0) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : `${roots} root elements`;
}

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

const FIGURES =
  '2026年1—11月，全市GDP 增长6.5%，规模以上工业增加值(按可比价格计算)同比增长8.2%，固定资产投资完成126.5亿元，社会消费品零售总额达到98.7亿元，城镇居民人均可支配收入42,318元。';

/** A 通知 with figures, Latin text, half-width brackets and headings of all four levels, no annex. */
const figures = (): OfficialDocumentInput =>
  base({
    body: [
      FIGURES,
      '一、总体情况',
      `（一）经济运行。${FIGURES}`,
      `1.工业生产。${FIGURES}`,
      `(2)投资(含基建)情况。${FIGURES}`,
      FIGURES.repeat(9),
      '二、下一步工作',
      FIGURES,
    ],
  });

/** The first body length whose 版记 goes on an even page after an unnumbered blank page. */
function afterBlank(): OfficialDocumentInput {
  const text = '各单位要进一步提高对政务信息工作的认识，明确分管领导和信息员，建立健全信息报送机制。';
  for (let n = 1; n < 80; n++) {
    const input = base({ draft: true, body: Array.from({ length: n }, () => text) });
    if (layoutOfficial(input).colophonPlacement.mode === 'afterBlank') return input;
  }
  throw new Error('no body length gives a blank page before the 版记');
}

const TITLE_60 =
  '关于进一步加强和改进全市政务信息报送工作切实提高信息质量和时效性为市委市政府科学决策提供有力服务的通知要求';

const CC = [
  '市委办公室',
  '市人大常委会办公室',
  '市政协办公室',
  '吕梁市人民政府办公室',
  '市纪委监委',
  '市中级人民法院',
  '市人民检察院',
];

/** Input that is wrong or awkward in every way the editors have produced. */
const badInputs = (): [string, OfficialDocumentInput][] => [
  ['60+ character title', base({ title: TITLE_60.repeat(2) })],
  [
    'emoji and rare characters',
    base({ body: ['生僻字𠮷䶮与表情😀🎉，半角(括号)与英文Word。'], signature: '汾阳市𠮷䶮办公室' }),
  ],
  ['half-width brackets in the 发文字号', base({ documentNumber: '汾政办发[2026]第012号' })],
  ['not a 发文字号 at all', base({ documentNumber: '<无字号> & "引号"' })],
  [
    'very long 抄送',
    base({
      colophon: {
        cc: Array.from({ length: 80 }, (_, k) => `${CC[k % CC.length]}${k}`),
        printer: '汾阳市人民政府办公室',
        printDate: new Date(2026, 11, 3),
      },
    }),
  ],
  [
    'table too wide and a cell taller than a page',
    base({
      attachments: [
        {
          title: '过宽的表格',
          blocks: [
            {
              kind: 'table',
              table: {
                columns: Array.from({ length: 14 }, (_, k) => ({ title: `第${k + 1}列很长的列标题` })),
                rows: Array.from({ length: 30 }, (_, r) =>
                  Array.from({ length: 14 }, (_, c) => `单元${r}-${c}`),
                ),
              },
            },
          ],
        },
        {
          title: '过高的单元格',
          blocks: [
            {
              kind: 'table',
              table: {
                columns: [{ title: '序号' }, { title: '说明' }],
                rows: [['1', '很长的说明'.repeat(400)]],
              },
            },
          ],
        },
        { title: '', blocks: [{ kind: 'table', table: { columns: [], rows: [] } }] },
      ],
    }),
  ],
  ['empty body, no 主送机关, no title', base({ body: [], addressee: undefined, title: '' })],
  [
    'characters XML cannot carry',
    base({
      title: '关于\u0001做好\uFFFE工作的通知',
      body: ['正文\u0008第一段\uD800。'],
      signature: '汾阳市\u001F人民政府办公室',
    }),
  ],
];

const styleParagraphs = (xml: string, style: string): string[] =>
  [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g)]
    .map((m) => m[0])
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`));

/** The run whose text starts with `start`. */
function runStarting(xml: string, start: string): string {
  const run = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<\/w:r>/g)]
    .map((m) => m[0])
    .find((r) => /<w:t[^>]*>([^<]*)<\/w:t>/.exec(r)?.[1]?.startsWith(start));
  if (!run) throw new Error(`no run starts with ${start}`);
  return run;
}

const eastAsia = (run: string) => /w:eastAsia="([^"]+)"/.exec(run)?.[1];
const halfPoints = (run: string) => Number(/<w:sz w:val="(\d+)"\/>/.exec(run)?.[1]);

describe('renderOfficialDocx: structure (GB/T 9704-2012 §7)', () => {
  let parts: Record<string, string>;
  let doc: string;
  beforeAll(async () => {
    parts = await xmlParts(await renderOfficialDocx(sampleOfficialNotice()));
    doc = parts['word/document.xml']!;
  });

  it('sets A4 and the type area’s margins on every section', () => {
    const sections = [...doc.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) {
      expect(s).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(s).toMatch(/w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/);
    }
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
  });

  it('prints the 发文机关标志 in red 小标宋, the title in 二号 小标宋, the body in 三号 仿宋', () => {
    const mark = styleParagraphs(doc, OFFICIAL_STYLES.issuerMark)[0]!;
    expect(eastAsia(mark)).toBe(OFFICIAL_FONTS.title);
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(mark).toContain('汾阳市人民政府办公室文件');
    const title = styleParagraphs(doc, OFFICIAL_STYLES.title)[0]!;
    expect(eastAsia(title)).toBe('方正小标宋简体');
    expect(halfPoints(title)).toBe(44);
    const body = styleParagraphs(doc, OFFICIAL_STYLES.body).find((p) => p.includes('全年共收到'))!;
    expect(eastAsia(body)).toBe('仿宋_GB2312');
    expect(halfPoints(body)).toBe(32);
    // Exact 22-line pitch, two characters' indent.
    expect(body).toMatch(/w:line="579" w:lineRule="exact"/);
    expect(body).toMatch(/w:firstLine="640"/);
    expect(styleParagraphs(doc, OFFICIAL_STYLES.redRule)[0]).toMatch(
      /<w:bottom w:val="single"[^>]*w:color="FF0000"/,
    );
  });

  it('sets headings 一、 in 黑体 and （一） in 楷体, the rest of the paragraph in 仿宋', () => {
    expect(eastAsia(runStarting(doc, '一、总体情况'))).toBe('黑体');
    expect(eastAsia(runStarting(doc, '（一）报送不均衡。'))).toBe('楷体_GB2312');
    expect(eastAsia(runStarting(doc, '部分单位全年报送'))).toBe('仿宋_GB2312');
  });

  it('prints the 版记 in 四号 and the page number “— N —” in 四号 宋体, odd pages right, even pages left', () => {
    const colophon = styleParagraphs(doc, OFFICIAL_STYLES.colophon);
    expect(colophon.length).toBeGreaterThan(0);
    for (const p of colophon) expect(halfPoints(p)).toBe(28);
    expect(colophon.join('')).toContain('抄送：');
    const rels = parts['word/_rels/document.xml.rels']!;
    const footerOf = (type: 'default' | 'even') => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`).exec(doc)![1];
      const target =
        new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      return parts[`word/${target}`]!;
    };
    for (const [type, jc] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const footer = footerOf(type);
      expect(footer).toContain(`<w:jc w:val="${jc}"/>`);
      expect(footer).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —/);
      expect(eastAsia(footer)).toBe('宋体');
      expect(halfPoints(footer)).toBe(28);
    }
  });

  it('writes the 成文日期 without zero padding, right-indented four characters', () => {
    const date = styleParagraphs(doc, OFFICIAL_STYLES.date)[0]!;
    expect(date).toContain('2026年12月3日');
    expect(date).toMatch(/<w:jc w:val="right"\/>/);
    expect(date).toMatch(/w:right="1280"/);
  });

  it('marks every page of a draft 样稿 in the header, and a signed document nowhere', async () => {
    const draft = await xmlParts(await renderOfficialDocx({ ...sampleOfficialNotice(), draft: true }));
    const headers = Object.keys(draft).filter((n) => /^word\/header\d*\.xml$/.test(n));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) {
      expect(draft[h]).toContain('样　稿');
      expect(draft[h]).toContain('<w:color w:val="FF0000"/>');
    }
    for (const s of draft['word/document.xml']!.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)!) {
      expect(s).toMatch(/<w:headerReference w:type="default"/);
      expect(s).toMatch(/<w:headerReference w:type="even"/);
    }
    expect(Object.values(parts).join('')).not.toContain('样　稿');
  });
});

describe('renderOfficialDocx: bytes and bad input', () => {
  it('gives the same bytes for the same input, whenever it runs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-12-03T08:00:00Z'));
      const a = await renderOfficialDocx(sampleOfficialNotice());
      vi.setSystemTime(new Date('2027-05-20T17:31:07Z'));
      const b = await renderOfficialDocx(sampleOfficialNotice());
      expect(a.equals(b)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each(badInputs())('never writes a broken file: %s', async (_name, input) => {
    const docx = await renderOfficialDocx(input);
    const parts = await xmlParts(docx);
    expect(parts['word/document.xml']).toBeDefined();
    for (const [name, xml] of Object.entries(parts)) expect(xmlProblem(xml), name).toBeNull();
  });

  it('keeps rare characters and emoji, drops only what XML cannot carry', async () => {
    const [, rare] = badInputs()[1]!;
    const text = (await xmlParts(await renderOfficialDocx(rare)))['word/document.xml']!.replace(
      /<[^>]+>/g,
      '',
    );
    for (const ch of ['𠮷', '䶮', '😀', '🎉']) expect(text).toContain(ch);
    const [, forbidden] = badInputs().at(-1)!;
    const clean = (await xmlParts(await renderOfficialDocx(forbidden)))['word/document.xml']!.replace(
      /<[^>]+>/g,
      '',
    );
    expect(clean).toContain('正文第一段。');
    expect(clean).toContain('汾阳市人民政府办公室');
  });

  it('the well-formedness check catches what it must', () => {
    expect(xmlProblem('<a><b/></a>')).toBeNull();
    expect(xmlProblem('<a><b></a>')).not.toBeNull();
    expect(xmlProblem('<a>x & y</a>')).not.toBeNull();
    expect(xmlProblem('<a>\u0001</a>')).not.toBeNull();
    expect(xmlProblem('<a/><b/>')).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// One LibreOffice print (and one Chromium print of the previews) for everything below.

type Printed = {
  name: string;
  layout: OfficialLayout;
  docx: PdfLayout;
  preview: PdfLayout;
  agreement: Agreement;
};

const PAGE_NUMBER = /^[—－-]+\d+[—－-]+$/;
const MARK = '样稿';

describe('renderOfficialDocx printed by LibreOffice (one batch)', () => {
  const documents: [string, OfficialDocumentInput][] = [
    ['sample', sampleOfficialNotice()],
    [
      'sample, 60-character title, long 抄送, simplex',
      {
        ...sampleOfficialNotice(),
        title: TITLE_60,
        duplex: false,
        colophon: { ...sampleOfficialNotice().colophon, cc: [...CC, ...CC.map((c) => `${c}（二）`)] },
      },
    ],
    ['figures and all heading levels', figures()],
    ['上行文', { ...sampleOfficialNotice(), upward: { signers: ['张三', '李四'] }, attachments: undefined }],
    ['draft with a blank page before the 版记', afterBlank()],
    ['bad input', badInputs()[5]![1]],
  ];
  const printed: Printed[] = [];

  beforeAll(async () => {
    const soffice = findSoffice({});
    const chromium = findChromium({});
    if (!soffice || !chromium) {
      throw new Error(
        '缺少 LibreOffice 或 Chromium：请运行 node scripts/ensure-office-tools.mjs（或 apt-get install -y --no-install-recommends libreoffice-writer-nogui chromium poppler-utils fonts-noto-cjk fonts-arphic-ukai）',
      );
    }
    const layouts = documents.map(([, input]) => layoutOfficial(input));
    const docxs = await Promise.all(layouts.map(renderOfficialLayoutDocx));
    const [lo, ch] = await Promise.all([
      libreOfficePdfs(soffice, docxs, 120_000),
      chromiumPdfs(chromium, layouts.map(renderOfficialLayoutHtml), 120_000),
    ]);
    for (const [i, [name]] of documents.entries()) {
      const docx = await readPdfLayout(lo[i]!);
      const preview = await readPdfLayout(ch[i]!);
      printed.push({ name, layout: layouts[i]!, docx, preview, agreement: compareLayouts(docx, preview) });
    }
  }, 120_000);

  it('prints as many pages as the layout has', () => {
    for (const p of printed) {
      expect(p.docx.pages.length, p.name).toBe(p.layout.pages.length);
      expect(p.preview.pages.length, p.name).toBe(p.layout.pages.length);
    }
  });

  it('breaks lines and pages as the preview does (≥ 99 % identical lines, identical page starts)', () => {
    let lines = 0;
    let identical = 0;
    // The bad input's 14-column table has cells of one or two characters a line: its visual rows
    // are the readers' guess (cells' lines interleave), so only its page count is compared.
    for (const p of printed.filter((x) => x.name !== 'bad input')) {
      expect(p.agreement.pageStarts, p.name).toEqual([]);
      expect(
        p.agreement.ratio,
        `${p.name}: ${JSON.stringify(p.agreement.samples.slice(0, 3))}`,
      ).toBeGreaterThanOrEqual(0.99);
      lines += p.agreement.lines;
      identical += p.agreement.identical;
    }
    expect(identical / lines).toBeGreaterThanOrEqual(0.99);
  });

  it('prints every text line inside the type area, except the page number and the 样稿 mark', () => {
    for (const p of printed) {
      for (const page of p.docx.pages) {
        for (const line of page.lines) {
          const text = line.text.replace(/\s+/g, '');
          if (PAGE_NUMBER.test(text) || text === MARK || MARK.includes(text)) continue;
          const where = `${p.name} p${page.number} “${text.slice(0, 12)}” x ${line.x0.toFixed(1)}–${line.x1.toFixed(1)} y ${line.y0.toFixed(1)}–${line.y1.toFixed(1)}`;
          expect(line.x0, where).toBeGreaterThanOrEqual(28 - 0.3);
          expect(line.x1, where).toBeLessThanOrEqual(184 + 0.3);
          expect(line.y0, where).toBeGreaterThanOrEqual(37 - 0.3);
          expect(line.y1, where).toBeLessThanOrEqual(262 + 0.3);
        }
      }
    }
  });

  it('puts the 版记 on the last page, an even page when printed on both sides', () => {
    for (const p of printed) {
      const rows = pageRows(p.docx);
      const last = rows.at(-1)!;
      expect(last.some((r) => r.startsWith('抄送：')) || !p.layout.colophon.cc.length, p.name).toBe(true);
      expect(
        last.some((r) => r.endsWith('印发')),
        p.name,
      ).toBe(true);
      if (p.layout.input.duplex ?? true) expect(rows.length % 2, p.name).toBe(0);
      for (const page of rows.slice(0, -1))
        expect(
          page.some((r) => r.endsWith('印发')),
          p.name,
        ).toBe(false);
    }
    const blank = printed.find((p) => p.layout.colophonPlacement.mode === 'afterBlank')!;
    const rows = pageRows(blank.docx);
    // The blank page and the 版记 page after it carry no page number.
    expect(rows.at(-2)!.filter((r) => r !== MARK)).toEqual([]);
    expect(rows.at(-1)!.some((r) => PAGE_NUMBER.test(r))).toBe(false);
  });

  it('repeats the table header row at the top of every page of the annex', () => {
    const sample = printed[0]!;
    const header = '序号单位报送采用加分得分排名';
    const tablePages = sample.layout.pages.filter((p) => p.placed.some((x) => x.kind === 'rows'));
    expect(tablePages.length).toBe(3);
    for (const page of tablePages) {
      const rows = pageRows(sample.docx)[page.number - 1]!;
      expect(rows, `page ${page.number}`).toContain(header);
      // On a continued page the header is the first row.
      if (page.placed[0]!.kind === 'rows') expect(rows[0]).toBe(header);
    }
  });

  it('marks every page of the draft 样稿, in the DOCX and in the preview', () => {
    const draft = printed.find((p) => p.layout.input.draft)!;
    for (const rows of [...pageRows(draft.docx), ...pageRows(draft.preview)]) expect(rows).toContain(MARK);
  });

  it('right-indents the 成文日期 four characters in both prints', () => {
    const sample = printed[0]!;
    for (const pdf of [sample.docx, sample.preview]) {
      const line = pdf.pages
        .flatMap((p) => p.lines)
        .find((l) => l.text.replace(/\s+/g, '') === '2026年12月3日')!;
      // 184 mm less four 三号 characters (5.64 mm each) tightened by 0.25 pt.
      expect(line.x1).toBeGreaterThan(184 - 4 * 5.644 - 0.6);
      expect(line.x1).toBeLessThan(184 - 4 * 5.644 + 0.6);
    }
  });
});
