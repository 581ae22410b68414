import JSZip from 'jszip';
import { codePointLabel, forbiddenCharIn } from '../control-chars.ts';
import { BRIEFING_FONTS, BRIEFING_PAGE, BRIEFING_STYLES } from './briefing-docx.ts';

/** What the checker read from the document, for tests and for the archive's record. */
export type BriefingDocxFacts = {
  page: { width: number; height: number };
  margins: { top: number; right: number; bottom: number; left: number };
  issueNumber: string | null;
  date: string | null;
  titles: string[];
  bodyParagraphs: number;
  printCount: number | null;
  distribution: string[];
  footers: { odd: string | null; even: string | null };
};

export type BriefingDocxCheck = { ok: boolean; problems: string[]; facts: BriefingDocxFacts };

/** A paragraph as the checker sees it: its style, paragraph properties and runs. */
type Para = { style: string | null; pPr: string; runs: { rPr: string; text: string }[]; text: string };

const MM = 56.7;
const ISSUE_NUMBER = /^(\d{4}年第[1-9]\d*期|〔\d{4}〕[1-9]\d*期|第[1-9]\d*期)/;
const DATE = /^\d{4}年[1-9]\d?月[1-9]\d?日$/;
const PRINT_COUNT = /（共印[1-9]\d*份）/;
const HEADING1 = /^[一二三四五六七八九十百]+、/;
const HEADING2 = /^（[一二三四五六七八九十百]+）/;

function attr(xml: string, tag: string, name: string): string | null {
  const el = new RegExp(`<${tag}\\b[^>]*>`).exec(xml)?.[0];
  if (!el) return null;
  return new RegExp(`\\b${name}="([^"]*)"`).exec(el)?.[1] ?? null;
}

function num(value: string | null): number | null {
  return value === null ? null : Number(value);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function paragraphs(xml: string): Para[] {
  const out: Para[] = [];
  for (const m of xml.matchAll(/<w:p\b(?:\/>|[^>]*>([\s\S]*?)<\/w:p>)/g)) {
    const inner = m[1] ?? '';
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(inner)?.[1] ?? '';
    const runs = [...inner.matchAll(/<w:r\b[^>]*>([\s\S]*?)<\/w:r>/g)].map((r) => {
      const body = r[1] ?? '';
      const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? '';
      const text = [...body.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:tab\/>/g)]
        .map((t) => (t[1] === undefined ? '\t' : unescapeXml(t[1])))
        .join('');
      return { rPr, text };
    });
    out.push({ style: attr(pPr, 'w:pStyle', 'w:val'), pPr, runs, text: runs.map((r) => r.text).join('') });
  }
  return out;
}

const runFont = (rPr: string) => attr(rPr, 'w:rFonts', 'w:eastAsia');
const runSize = (rPr: string) => num(attr(rPr, 'w:sz', 'w:val'));
const inkRuns = (p: Para) => p.runs.filter((r) => r.text.trim() !== '');

/** Footer text with the PAGE field shown as N, so "— N —" can be matched. */
function footerText(xml: string): string {
  const withField = xml.replace(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/g, '<w:t>N</w:t>');
  return paragraphs(withField)
    .map((p) => p.text)
    .join('');
}

async function footers(zip: JSZip, documentXml: string) {
  const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  const target = (type: string): string | null => {
    const ref = new RegExp(`<w:footerReference\\b(?=[^>]*w:type="${type}")[^>]*r:id="([^"]+)"`).exec(
      documentXml,
    );
    if (!ref) return null;
    const rel = new RegExp(`<Relationship\\b(?=[^>]*Id="${ref[1]}")[^>]*Target="([^"]+)"`).exec(rels);
    return rel ? `word/${rel[1]}` : null;
  };
  const read = async (type: string) => {
    const path = target(type);
    const xml = path ? await zip.file(path)?.async('string') : undefined;
    return xml === undefined ? null : footerText(xml);
  };
  return { odd: await read('default'), even: await read('even') };
}

/**
 * Reads a generated 简报 DOCX back and checks the GB/T 9704 numbers, so a layout regression is
 * caught by tests and before an issue is archived rather than by an office printing it.
 */
export async function checkBriefingDocx(buffer: Buffer): Promise<BriefingDocxCheck> {
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(buffer);
  const documentXml = await zip.file('word/document.xml')?.async('string');
  if (!documentXml) {
    return {
      ok: false,
      problems: ['文件不是有效的 Word 文档（缺少 word/document.xml）'],
      facts: {
        page: { width: 0, height: 0 },
        margins: { top: 0, right: 0, bottom: 0, left: 0 },
        issueNumber: null,
        date: null,
        titles: [],
        bodyParagraphs: 0,
        printCount: null,
        distribution: [],
        footers: { odd: null, even: null },
      },
    };
  }
  const settingsXml = (await zip.file('word/settings.xml')?.async('string')) ?? '';

  // Characters XML 1.0 forbids, raw or as character references: Word and WPS refuse the file.
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    const code = xmlForbiddenChar(await zip.file(name)!.async('string'));
    if (code !== null) {
      problems.push(`${name} 含有 XML 不允许的字符（${codePointLabel(code)}），文件无法打开`);
    }
  }

  // Page geometry.
  const sectPr = /<w:sectPr\b[\s\S]*?<\/w:sectPr>\s*<\/w:body>/.exec(documentXml)?.[0] ?? '';
  const page = {
    width: num(attr(sectPr, 'w:pgSz', 'w:w')) ?? 0,
    height: num(attr(sectPr, 'w:pgSz', 'w:h')) ?? 0,
  };
  if (page.width !== BRIEFING_PAGE.width || page.height !== BRIEFING_PAGE.height) {
    problems.push(`纸张不是 A4（应为 11906×16838 缇，实际 ${page.width}×${page.height}）`);
  }
  const margins = {
    top: num(attr(sectPr, 'w:pgMar', 'w:top')) ?? 0,
    right: num(attr(sectPr, 'w:pgMar', 'w:right')) ?? 0,
    bottom: num(attr(sectPr, 'w:pgMar', 'w:bottom')) ?? 0,
    left: num(attr(sectPr, 'w:pgMar', 'w:left')) ?? 0,
  };
  const marginNames = { top: '上', right: '右', bottom: '下', left: '左' } as const;
  for (const side of ['top', 'right', 'bottom', 'left'] as const) {
    const expected = BRIEFING_PAGE.margin[side];
    if (Math.abs(margins[side] - expected) > MM) {
      problems.push(
        `${marginNames[side]}边距应为 ${(expected / MM).toFixed(0)} 毫米（±1），实际 ${(margins[side] / MM).toFixed(1)} 毫米`,
      );
    }
  }

  const paras = paragraphs(documentXml);
  const byStyle = (style: string) => paras.filter((p) => p.style === style);

  // Masthead: red 小标宋.
  const mast = byStyle(BRIEFING_STYLES.masthead)[0];
  if (!mast || inkRuns(mast).length === 0) {
    problems.push('缺少报头（刊物名称）');
  } else {
    for (const r of inkRuns(mast)) {
      const color = attr(r.rPr, 'w:color', 'w:val');
      if (color?.toUpperCase() !== 'FF0000')
        problems.push(`报头应为红色（FF0000），实际 ${color ?? '未设置'}`);
      if (runFont(r.rPr) !== BRIEFING_FONTS.title) {
        problems.push(`报头字体应为${BRIEFING_FONTS.title}，实际 ${runFont(r.rPr) ?? '未设置'}`);
      }
    }
  }

  // Issue number and date.
  const issueNumber = byStyle(BRIEFING_STYLES.issueNumber)[0]?.text.trim() ?? null;
  if (!issueNumber) problems.push('缺少期号');
  else if (!ISSUE_NUMBER.test(issueNumber)) {
    problems.push(`期号格式不正确：“${issueNumber}”（应为“2026年第25期”或“〔2026〕25期”，不加前导零）`);
  }
  const officeDate = byStyle(BRIEFING_STYLES.officeDate)[0];
  const date = officeDate ? (officeDate.text.split('\t').pop()?.trim() ?? null) : null;
  if (!officeDate || !date) problems.push('缺少编印单位和日期行');
  else {
    if (!DATE.test(date)) problems.push(`日期格式不正确：“${date}”（应为“2026年3月5日”，月日不补零）`);
    if (!officeDate.text.includes('\t')) problems.push('编印单位应居左、日期应居右，位于同一行');
  }
  const rule = byStyle(BRIEFING_STYLES.rule)[0];
  const ruleColor = rule ? attr(rule.pPr, 'w:bottom', 'w:color') : null;
  if (ruleColor?.toUpperCase() !== 'FF0000') problems.push('报头下缺少红色分隔线');

  // Item titles.
  const titles = byStyle(BRIEFING_STYLES.title);
  if (titles.length === 0) problems.push('没有信息标题');
  for (const t of titles) {
    for (const r of inkRuns(t)) {
      if (runSize(r.rPr) !== 44)
        problems.push(`标题“${t.text}”字号应为二号（44 半磅），实际 ${runSize(r.rPr) ?? '未设置'}`);
      if (runFont(r.rPr) !== BRIEFING_FONTS.title) {
        problems.push(`标题“${t.text}”字体应为${BRIEFING_FONTS.title}，实际 ${runFont(r.rPr) ?? '未设置'}`);
      }
    }
  }

  // Body paragraphs (the editor's note follows the same numbers).
  const body = byStyle(BRIEFING_STYLES.body);
  if (body.length === 0) problems.push('没有正文段落');
  for (const [i, p] of [...byStyle(BRIEFING_STYLES.editorNote), ...body].entries()) {
    const where = `第 ${i + 1} 个正文段落（“${p.text.slice(0, 12)}…”）`;
    const line = num(attr(p.pPr, 'w:spacing', 'w:line'));
    if (attr(p.pPr, 'w:spacing', 'w:lineRule') !== 'exact' || line === null || line < 560 || line > 580) {
      problems.push(`${where}行距应为固定值 28–29 磅（560–580 缇），实际 ${line ?? '未设置'}`);
    }
    const firstLine = num(attr(p.pPr, 'w:ind', 'w:firstLine'));
    if (firstLine === null || firstLine < 600) problems.push(`${where}应首行缩进两个字符`);
    const runs = inkRuns(p);
    for (const [j, r] of runs.entries()) {
      if (runSize(r.rPr) !== 32)
        problems.push(`${where}字号应为三号（32 半磅），实际 ${runSize(r.rPr) ?? '未设置'}`);
      const expected =
        p.style === BRIEFING_STYLES.editorNote
          ? j === 0
            ? BRIEFING_FONTS.heading1
            : BRIEFING_FONTS.heading2
          : j === 0 && HEADING1.test(p.text)
            ? BRIEFING_FONTS.heading1
            : j === 0 && HEADING2.test(p.text)
              ? BRIEFING_FONTS.heading2
              : BRIEFING_FONTS.body;
      if (runFont(r.rPr) !== expected)
        problems.push(`${where}字体应为${expected}，实际 ${runFont(r.rPr) ?? '未设置'}`);
    }
  }

  // Colophon (报尾): after all content, 四号仿宋, with the print count.
  const colophon = byStyle(BRIEFING_STYLES.colophon);
  const colophonText = colophon.map((p) => p.text).join('\n');
  const printMatch = /（共印([1-9]\d*)份）/.exec(colophonText);
  if (colophon.length === 0) problems.push('缺少报尾（报送发及印数）');
  else {
    if (!PRINT_COUNT.test(colophonText)) problems.push('报尾缺少“（共印N份）”');
    const lastContent = paras.reduce(
      (last, p, i) => (p.style === BRIEFING_STYLES.body || p.style === BRIEFING_STYLES.title ? i : last),
      -1,
    );
    if (paras.indexOf(colophon[0]!) < lastContent) problems.push('报尾应位于最后一页正文之后');
    if (!/<w:tblBorders>[\s\S]*?<w:top w:val="single"[\s\S]*?<w:bottom w:val="single"/.test(documentXml)) {
      problems.push('报尾缺少首末分隔线');
    }
    // Either floated to the bottom of the type area, or (briefing-docx.ts) after a spacer paragraph
    // of exact height that the layout computed to put the 报尾's last rule on the bottom edge.
    const floated = /<w:tblpPr\b(?=[^>]*w:tblpYSpec="bottom")(?=[^>]*w:vertAnchor="margin")[^>]*>/.test(
      documentXml,
    );
    const spaced = new RegExp(
      `<w:pStyle w:val="${BRIEFING_STYLES.colophonSpacer}"/>(?:(?!</w:p>)[\\s\\S])*?w:lineRule="exact"(?:(?!</w:p>)[\\s\\S])*?</w:p><w:tbl>`,
    ).test(documentXml);
    if (!floated && !spaced) {
      problems.push('报尾应固定在最后一页版心底部');
    }
    for (const p of colophon) {
      for (const r of inkRuns(p)) {
        if (runSize(r.rPr) !== 28 || runFont(r.rPr) !== BRIEFING_FONTS.body) {
          problems.push(`报尾“${p.text.slice(0, 12)}”应为四号${BRIEFING_FONTS.body}`);
          break;
        }
      }
    }
  }
  const distribution = colophon.map((p) => p.text).filter((t) => /^[报送发]：/.test(t));
  if (colophon.length > 0 && distribution.length === 0) problems.push('报尾缺少报、送、发行');

  // Page numbers: "— N —" on odd and even pages.
  const foot = await footers(zip, documentXml);
  if (!/<w:evenAndOddHeaders\b/.test(settingsXml)) problems.push('未设置奇偶页不同的页脚');
  if (!foot.odd || !/—\s*N\s*—/.test(foot.odd)) problems.push('奇数页页脚缺少“— N —”页码');
  if (!foot.even || !/—\s*N\s*—/.test(foot.even)) problems.push('偶数页页脚缺少“— N —”页码');

  return {
    ok: problems.length === 0,
    problems,
    facts: {
      page,
      margins,
      issueNumber,
      date,
      titles: titles.map((t) => t.text),
      bodyParagraphs: body.length,
      printCount: printMatch ? Number(printMatch[1]) : null,
      distribution,
      footers: foot,
    },
  };
}

/** The first character XML 1.0 cannot carry in a part, written raw or as `&#…;`, or null. */
function xmlForbiddenChar(xml: string): number | null {
  const raw = forbiddenCharIn(xml);
  if (raw !== null) return raw;
  for (const ref of xml.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = ref[1].startsWith('x') ? Number.parseInt(ref[1].slice(1), 16) : Number(ref[1]);
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) return code;
  }
  return null;
}
