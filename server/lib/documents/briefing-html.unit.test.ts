import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type BriefingInput, renderBriefingDocx } from './briefing-docx.ts';
import { escapeHtml, previewPageCount, renderBriefingHtml } from './briefing-html.ts';
import { BODY_PITCH, breakText, charWidth, paginate, type Row, TYPE_AREA } from './briefing-layout.ts';
import { fontconfigXml } from './pdf.ts';

const paragraph =
  '今年以来，市财政局坚持把保障和改善民生作为财政工作的出发点和落脚点，持续优化支出结构，全年民生支出占一般公共预算支出比重达到百分之八十以上。';

const input: BriefingInput = {
  publicationName: '汾阳政务信息',
  issueLabel: '2026年第3期',
  officeName: '汾阳市人民政府办公室',
  issueDate: new Date(2026, 2, 5),
  items: [
    {
      title: '标题<img src=x onerror=alert(1)>"&\'',
      paragraphs: ['一、强化资金统筹。<b>整合</b>各类专项资金。', paragraph],
    },
  ],
  distribution: { bao: '吕梁市人民政府办公室', song: '', fa: '各乡镇人民政府' },
  printCount: 80,
  responsibleEditor: '王丽',
  signer: '李明',
};

describe('renderBriefingHtml', () => {
  it('escapes every piece of user text', () => {
    const html = renderBriefingHtml(input, { signed: true });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img');
    expect(html).toContain('&gt;&quot;');
    expect(html).toContain('&amp;&#39;');
    expect(html).toContain('&lt;b&gt;整合&lt;/b&gt;');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
    expect(html).not.toMatch(/<script|<[^>]+\son\w+=/i);
  });

  it('lays out the masthead, the red rule, heading fonts, the 报尾 on the last page and page numbers', () => {
    const html = renderBriefingHtml(input, { signed: true });
    expect(html).toMatch(/<h1 class="name" style="font-size:52pt[^"]*">汾阳政务信息<\/h1>/);
    expect(html).toContain('class="red-rule"');
    expect(html).toContain('<span class="f-heading1">一、强化资金统筹。</span>');
    expect(html).toContain('2026年3月5日');
    expect(html).toContain('报：吕梁市人民政府办公室');
    expect(html).not.toContain('送：');
    expect(html).toContain('（共印80份）');
    expect(html).toContain('— 1 —');
    expect(html).toMatch(/@page \{ size: A4; margin: 0; \}/);
    expect(html).toContain('top:37mm;left:28mm;width:156mm;height:225mm');
    expect(html).not.toContain('本期尚未签发');
    expect(renderBriefingHtml(input, { signed: false })).toContain('本期尚未签发');
    expect(html.match(/class="colophon"/g)).toHaveLength(1);
  });

  it('starts new pages as the text grows; odd pages right, even pages left; 报尾 on the last page', () => {
    const long: BriefingInput = {
      ...input,
      items: Array.from({ length: 4 }, (_, i) => ({
        title: `第${i + 1}条信息`,
        paragraphs: Array(6).fill(paragraph),
      })),
    };
    const pages = previewPageCount(long);
    expect(pages).toBeGreaterThanOrEqual(3);
    const html = renderBriefingHtml(long, { signed: true });
    expect(html).toContain('<section class="page even"');
    expect(html).toContain(`— ${pages} —`);
    const lastPage = html.slice(html.lastIndexOf('<section'));
    expect(lastPage).toContain('class="colophon"');
  });
});

describe('layout', () => {
  it('breaks 28 characters a line, keeping punctuation off the line start', () => {
    const lines = breakText(paragraph, 26, 28);
    expect([...lines[0]!]).toHaveLength(26);
    for (const l of lines.slice(1, -1)) expect([...l].length).toBeLessThanOrEqual(28);
    for (const l of lines) expect('，。、；：？！）》”').not.toContain(l[0]);
    expect(lines.join('')).toBe(paragraph);
    const pushed = breakText('一二三四五，六七', 5, 5);
    expect(pushed[1]![0]).not.toBe('，');
    expect(pushed.join('')).toBe('一二三四五，六七');
  });

  it('counts Latin capitals wide enough, and breaks a word longer than a line, so no line overflows', () => {
    const em = (l: string) => [...l].reduce((w, ch) => w + charWidth(ch), 0);
    // The advance widths of Noto Serif CJK SC (仿宋 as mapped): W 1.053 em, T 0.659 em, 0 0.557 em.
    expect(charWidth('W')).toBe(1.053);
    expect(charWidth('T')).toBe(0.659);
    expect(charWidth('0')).toBe(0.557);
    expect(charWidth('汉')).toBe(1);
    const long = breakText('WTO'.repeat(20), 28, 28);
    expect(long.length).toBe(2);
    expect(long.join('')).toBe('WTO'.repeat(20));
    for (const l of [...long, ...breakText('WHO 与 WTO 合作。'.repeat(8), 26, 28)]) {
      expect(em(l)).toBeLessThanOrEqual(28);
    }
  });

  it('never puts more than 22 body lines on a page', () => {
    const rows: Row[] = Array.from({ length: 50 }, () => ({
      kind: 'line',
      role: 'body',
      line: { segments: [{ text: '字', font: 'body' }], last: false },
      indent: 0,
      height: BODY_PITCH,
      before: 0,
      after: 0,
      keepWithNext: false,
    }));
    const { pages } = paginate(rows, 0);
    expect(pages.map((p) => p.rows.length)).toEqual([22, 22, 6]);
    expect(22 * BODY_PITCH).toBeLessThanOrEqual(TYPE_AREA.height);
  });
});

describe('renderBriefingDocx determinism', () => {
  it('renders the same issue to the same bytes', async () => {
    const sha = async () =>
      createHash('sha256')
        .update(await renderBriefingDocx(input))
        .digest('hex');
    const first = await sha();
    await new Promise((r) => setTimeout(r, 1100));
    expect(await sha()).toBe(first);
    const other = createHash('sha256')
      .update(await renderBriefingDocx({ ...input, issueDate: new Date(2026, 2, 6) }))
      .digest('hex');
    expect(other).not.toBe(first);
  });
});

describe('fontconfig mapping', () => {
  it('maps the office font names to installed free fonts', () => {
    const xml = fontconfigXml();
    expect(xml).toContain('<include ignore_missing="yes">/etc/fonts/fonts.conf</include>');
    expect(xml).toMatch(
      /方正小标宋简体<\/string><\/test><edit[^>]*><string>Noto Serif CJK SC<\/string><\/edit><edit name="weight"/,
    );
    expect(xml).toMatch(/仿宋_GB2312<\/string><\/test><edit[^>]*><string>Noto Serif CJK SC</);
    expect(xml).toMatch(/黑体<\/string><\/test><edit[^>]*><string>Noto Sans CJK SC</);
    expect(xml).toMatch(/楷体_GB2312<\/string><\/test><edit[^>]*><string>AR PL UKai CN</);
  });
});
