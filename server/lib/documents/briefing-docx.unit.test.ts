import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { type BriefingInput, formatDocumentDate, renderBriefingDocx } from './briefing-docx.ts';
import { checkBriefingDocx } from './docx-format-check.ts';

const sample: BriefingInput = {
  publicationName: '汾阳政务信息',
  issueLabel: '2026年第25期',
  totalLabel: '总第125期',
  officeName: '汾阳市人民政府办公室',
  issueDate: new Date(2026, 2, 5),
  editorNote:
    '今年以来，我市各部门聚焦群众关切，推出了一批务实举措。现将有关情况编发，供各地各部门学习借鉴。',
  items: [
    {
      title: '市财政局多措并举保障重点民生支出',
      paragraphs: [
        '今年以来，市财政局坚持把保障和改善民生作为财政工作的出发点和落脚点，持续优化支出结构，全年民生支出占一般公共预算支出比重达到百分之八十以上。',
        '一、强化资金统筹。整合各类专项资金，优先保障教育、医疗、养老等重点领域支出，确保民生政策落实落地。',
        '（一）加快预算执行。建立支出进度通报制度，对执行进度滞后的单位逐一督导。',
        '二、严格绩效管理。全面实施预算绩效管理，将绩效评价结果与预算安排挂钩，提高财政资金使用效益。',
      ],
    },
    {
      title: '市水务局扎实推进农村供水保障工程',
      paragraphs: [
        '市水务局围绕农村饮水安全巩固提升，实施农村供水保障工程十二项，新建改造供水管网八十余公里，惠及群众三万余人。',
        '下一步，该局将加强工程运行管护，建立健全长效管护机制，确保农村群众喝上放心水。',
      ],
    },
    {
      title: '杏花村镇创新“接诉即办”工作机制',
      paragraphs: [
        '杏花村镇建立群众诉求“受理、分办、督办、反馈”闭环机制，今年已办结群众诉求四百余件，满意率达百分之九十六。',
      ],
    },
  ],
  distribution: {
    bao: '吕梁市人民政府办公室，市委、市人大常委会、市政协领导',
    song: '市人民政府领导',
    fa: '各乡镇人民政府、街道办事处，市直各有关单位',
  },
  printCount: 80,
  responsibleEditor: '王丽',
  signer: '李明',
};

async function mutate(buffer: Buffer, path: string, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file(path)!.async('string');
  const changed = edit(xml);
  expect(changed).not.toBe(xml);
  zip.file(path, changed);
  return zip.generateAsync({ type: 'nodebuffer' });
}

function which(tool: string): string | null {
  try {
    return execFileSync('which', [tool], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Reads a binary PPM (P6) as written by pdftoppm: header, then RGB triples. */
function parsePpm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a P6 PPM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
}

describe('renderBriefingDocx + checkBriefingDocx', () => {
  it('renders a three-item issue that passes the format check', async () => {
    const buffer = await renderBriefingDocx(sample);
    writeFileSync('/tmp/sample-briefing.docx', buffer);
    const result = await checkBriefingDocx(buffer);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.facts).toMatchObject({
      page: { width: 11906, height: 16838 },
      margins: { top: 2098, right: 1474, bottom: 1984, left: 1588 },
      issueNumber: '2026年第25期　总第125期',
      date: '2026年3月5日',
      titles: sample.items.map((i) => i.title),
      bodyParagraphs: 7,
      printCount: 80,
    });
    expect(result.facts.distribution.map((d) => d.slice(0, 2))).toEqual(['报：', '送：', '发：']);
    expect(result.facts.footers.odd).toContain('— N —');
    expect(result.facts.footers.even).toContain('— N —');
  });

  it('prints dates without zero padding', () => {
    expect(formatDocumentDate(new Date(2024, 0, 9))).toBe('2024年1月9日');
    expect(formatDocumentDate(new Date(2026, 11, 31))).toBe('2026年12月31日');
  });

  it('accepts the 〔YYYY〕N期 label and a secrecy mark', async () => {
    const buffer = await renderBriefingDocx({
      ...sample,
      issueLabel: '〔2026〕3期',
      totalLabel: undefined,
      secrecy: '机密',
    });
    const result = await checkBriefingDocx(buffer);
    expect(result.problems).toEqual([]);
    expect(result.facts.issueNumber).toBe('〔2026〕3期');
  });

  it('reports each broken number in Chinese', async () => {
    const good = await renderBriefingDocx(sample);
    const doc = 'word/document.xml';
    const cases: [string, Buffer, RegExp][] = [
      [
        'masthead colour',
        await mutate(good, doc, (x) =>
          x.replace(/(<w:pStyle w:val="BriefingMasthead"\/>[\s\S]*?<w:color w:val=")FF0000/, '$1000000'),
        ),
        /报头应为红色/,
      ],
      [
        'masthead font',
        await mutate(good, doc, (x) =>
          x.replace(/(<w:pStyle w:val="BriefingMasthead"\/>[\s\S]*?w:eastAsia=")方正小标宋简体/, '$1宋体'),
        ),
        /报头字体应为方正小标宋简体/,
      ],
      [
        'zero-padded date',
        await mutate(good, doc, (x) => x.replace('2026年3月5日', '2026年03月05日')),
        /日期格式不正确/,
      ],
      [
        'issue number',
        await mutate(good, doc, (x) => x.replace('2026年第25期', '2026年第025期')),
        /期号格式不正确/,
      ],
      [
        'top margin',
        await mutate(good, doc, (x) => x.replace('w:top="2098"', 'w:top="2400"')),
        /上边距应为 37 毫米/,
      ],
      ['page size', await mutate(good, doc, (x) => x.replace('w:w="11906"', 'w:w="12240"')), /纸张不是 A4/],
      [
        'body line spacing',
        await mutate(good, doc, (x) =>
          x.replace(
            /(<w:pStyle w:val="BriefingBody"\/>(?:<w:widowControl\/>)?<w:spacing[^>]*w:line=")579/,
            '$1480',
          ),
        ),
        /行距应为固定值/,
      ],
      [
        'body size',
        await mutate(good, doc, (x) =>
          x.replace(/(<w:pStyle w:val="BriefingBody"\/>[\s\S]*?<w:sz w:val=")32/, '$130'),
        ),
        /字号应为三号/,
      ],
      [
        'heading font',
        await mutate(good, doc, (x) =>
          x.replace(
            'w:eastAsia="黑体" w:hAnsi="黑体"/><w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">一、',
            'w:eastAsia="仿宋_GB2312" w:hAnsi="黑体"/><w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">一、',
          ),
        ),
        /字体应为黑体/,
      ],
      [
        'title size',
        await mutate(good, doc, (x) => x.replace('<w:sz w:val="44"/>', '<w:sz w:val="36"/>')),
        /字号应为二号/,
      ],
      [
        'colophon not at the bottom',
        await mutate(good, doc, (x) => x.replace('<w:pStyle w:val="BriefingColophonSpacer"/>', '')),
        /报尾应固定在最后一页版心底部/,
      ],
      ['print count', await mutate(good, doc, (x) => x.replace('（共印80份）', '')), /缺少“（共印N份）”/],
      [
        'even footer',
        await mutate(good, doc, (x) => x.replace(/<w:footerReference w:type="even"[^>]*\/>/, '')),
        /偶数页页脚缺少/,
      ],
      [
        'odd/even setting',
        await mutate(good, 'word/settings.xml', (x) => x.replace('<w:evenAndOddHeaders/>', '')),
        /未设置奇偶页不同的页脚/,
      ],
    ];
    for (const [name, buffer, expected] of cases) {
      const result = await checkBriefingDocx(buffer);
      expect(result.ok, name).toBe(false);
      expect(result.problems.join('\n'), name).toMatch(expected);
    }
  });

  it('rejects a file that is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    const result = await checkBriefingDocx(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/不是有效的 Word 文档/);
  });

  it('renders page 1 with a red masthead in its top third (LibreOffice and pdftoppm required)', async () => {
    const soffice = which('soffice') ?? which('libreoffice');
    const pdftoppm = which('pdftoppm');
    if (!soffice || !pdftoppm) {
      throw new Error(
        '缺少 LibreOffice 或 pdftoppm：请运行 node scripts/ensure-office-tools.mjs（或 apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai）',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'briefing-'));
    try {
      const docx = join(dir, 'issue.docx');
      writeFileSync(docx, await renderBriefingDocx(sample));
      execFileSync(
        soffice,
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/profile`,
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          docx,
        ],
        {
          timeout: 120_000,
        },
      );
      const pdf = join(dir, 'issue.pdf');
      execFileSync(pdftoppm, ['-r', '40', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, 'page')]);
      execFileSync(pdftoppm, [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        '/tmp/sample-briefing-page1',
      ]);
      const { width, height, pixels } = parsePpm(readFileSync(join(dir, 'page.ppm')));
      let red = 0;
      for (let y = 0; y < Math.floor(height / 3); y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 3;
          if (pixels[i]! > 200 && pixels[i + 1]! < 80 && pixels[i + 2]! < 80) red++;
        }
      }
      expect(red).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
