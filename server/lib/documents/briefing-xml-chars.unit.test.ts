import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { forbiddenCharIn } from '../control-chars.ts';
import { type BriefingInput, renderBriefingDocx } from './briefing-docx.ts';
import { renderBriefingHtml } from './briefing-html.ts';
import { checkBriefingDocx } from './docx-format-check.ts';

/**
 * Stored text may hold characters XML 1.0 cannot carry (issue 8 item 11b): the DOCX and the
 * preview drop them, and the format checker reports a DOCX that has them.
 */

const BAD = '\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800';

const input: BriefingInput = {
  publicationName: `汾阳政务信息${BAD}`,
  issueLabel: '2026年第25期',
  officeName: '汾阳市人民政府办公室',
  issueDate: new Date(2026, 2, 5),
  editorNote: `编者按${BAD}：各地要学习借鉴。`,
  items: [
    { title: `市财政局${BAD}保障民生`, paragraphs: [`正文${BAD}第一段。`, '一、强化统筹。\u0002整合资金。'] },
  ],
  distribution: { bao: `市委${BAD}办公室`, song: '', fa: '' },
  printCount: 40,
  responsibleEditor: `王${BAD}编`,
  signer: '李签发',
};

async function xmlParts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n)))
    out[name] = await zip.file(name)!.async('string');
  return out;
}

describe('documents from text with XML-forbidden characters', () => {
  it('the DOCX carries none of them, keeps the text around them and passes the checker', async () => {
    const docx = await renderBriefingDocx(input);
    const parts = await xmlParts(docx);
    for (const [name, xml] of Object.entries(parts)) expect(forbiddenCharIn(xml), name).toBeNull();
    const text = parts['word/document.xml'].replace(/<[^>]+>/g, '');
    expect(text).toContain('市财政局保障民生');
    expect(text).toContain('正文第一段。');
    const check = await checkBriefingDocx(docx);
    expect(check.problems.filter((p) => p.includes('XML'))).toEqual([]);
  });

  it('the preview carries none of them', () => {
    const html = renderBriefingHtml(input, { signed: true });
    expect(forbiddenCharIn(html)).toBeNull();
    expect(html).toContain('保障民生');
  });

  it('the format checker reports a DOCX whose XML holds one, raw or as a character reference', async () => {
    const clean = await renderBriefingDocx({ ...input, publicationName: '汾阳政务信息' });
    for (const [inject, label] of [
      ['\u0001', 'U+0001'],
      ['&#x1F;', 'U+001F'],
      ['&#65534;', 'U+FFFE'],
    ] as const) {
      const zip = await JSZip.loadAsync(clean);
      const xml = await zip.file('word/document.xml')!.async('string');
      zip.file('word/document.xml', xml.replace('保障民生', `保障${inject}民生`));
      const broken = await zip.generateAsync({ type: 'nodebuffer' });
      const check = await checkBriefingDocx(broken);
      expect(check.ok).toBe(false);
      expect(check.problems).toContain(`word/document.xml 含有 XML 不允许的字符（${label}），文件无法打开`);
    }
  });
});
