import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BriefingInput, renderBriefingDocx } from '../briefing-docx.ts';
import { renderBriefingHtml } from '../briefing-html.ts';
import { renderOfficialDocx } from '../official-docx.ts';
import { renderOfficialHtml } from '../official-html.ts';
import { sampleOfficialNotice } from '../official-sample.ts';
import { findChromium, findSoffice } from '../pdf.ts';
import { type CheckInput, checkDocuments, type DocumentReport } from './check-document.ts';

/**
 * The whole check on real documents of both kinds, printed in one LibreOffice batch and one
 * Chromium batch: correct documents pass, a wrong 样稿 claim and an emoji are named, the bad
 * input of issue 9 gives a file that checks clean or a finding that says where. Then the CLI.
 */

const TOOLS_MISSING =
  '缺少 LibreOffice 或 Chromium：请运行 node scripts/ensure-office-tools.mjs 与 node scripts/ensure-chromium.mjs';

const para = (n: number) =>
  `第${n}项工作稳步推进，全市累计完成投资12.6亿元，同比增长8.5%，带动就业3200余人，群众满意度持续提升，各项指标均居全省前列。`;

const briefing = (over: Partial<BriefingInput> = {}): BriefingInput => ({
  publicationName: '汾阳政务信息',
  issueLabel: '2026年第52期',
  totalLabel: '总第152期',
  officeName: '汾阳市人民政府办公室',
  issueDate: new Date(2026, 11, 3),
  editorNote: '现将各地各部门近期工作动态编发，供学习借鉴。',
  items: [
    { title: '市财政局多措并举保障重点民生支出', paragraphs: [para(1), para(2), para(3)] },
    { title: '市水务局扎实推进农村供水保障工程建设', paragraphs: [para(4), para(5)] },
    { title: '杏花村镇创新“接诉即办”工作机制', paragraphs: [para(6)] },
  ],
  distribution: {
    bao: '吕梁市人民政府办公室，市委、市人大常委会、市政协领导',
    song: '市人民政府领导',
    fa: '各乡镇人民政府、街道办事处，市直各有关单位',
  },
  printCount: 80,
  responsibleEditor: '王丽',
  signer: '李明',
  ...over,
});

const ofBriefing = async (name: string, input: BriefingInput, draft?: boolean): Promise<CheckInput> => ({
  name,
  docx: await renderBriefingDocx(input),
  previewHtml: renderBriefingHtml(input, { signed: !input.draft }),
  kind: 'briefing',
  draft,
});

const badInput = briefing({
  editorNote: '',
  items: [
    {
      title:
        '市行政审批服务管理局深化“一枚印章管审批”改革推动政务服务事项“一网通办”“一次办好”“跨省通办”取得明显成效并获全省表彰',
      paragraphs: [Array.from({ length: 30 }, (_, k) => para(k)).join('')],
    },
    { title: '𠮷祥村与䶮字号老店(始于1902年)共建文旅街区', paragraphs: ['(一)半角括号的小标题。', para(7)] },
  ],
  distribution: {
    bao: Array.from({ length: 12 }, (_, k) => `第${k + 1}督导组`).join('，'),
    song: Array.from({ length: 20 }, (_, k) => `市人民政府副市长${k + 1}`).join('，'),
    fa: Array.from({ length: 30 }, (_, k) => `市直第${k + 1}单位`).join('，'),
  },
});

let reports: DocumentReport[] = [];
const report = (name: string) => reports.find((r) => r.name === name)!;

beforeAll(async () => {
  const soffice = findSoffice({});
  const chromium = findChromium({});
  if (!soffice || !chromium) throw new Error(TOOLS_MISSING);
  const notice = sampleOfficialNotice();
  reports = await checkDocuments(
    [
      await ofBriefing('clean', briefing(), false),
      await ofBriefing('draft', briefing({ draft: true }), true),
      { ...(await ofBriefing('unmarked draft', briefing())), draft: true },
      await ofBriefing('bad input', badInput),
      await ofBriefing(
        'emoji',
        briefing({ items: [{ title: '群众点赞😀便民服务', paragraphs: [para(1)] }] }),
      ),
      {
        name: 'official',
        docx: await renderOfficialDocx(notice),
        previewHtml: renderOfficialHtml(notice),
        draft: false,
      },
    ],
    { soffice, chromium },
  );
}, 120_000);

describe('checkDocuments', () => {
  it('passes a correct 简报 and a correct 公文, the preview agreeing line by line', () => {
    for (const name of ['clean', 'official']) {
      const r = report(name);
      expect(r.problems, name).toEqual([]);
      expect(r.agreement!.ratio).toBeGreaterThanOrEqual(0.99);
      expect(r.agreement!.pageStarts).toEqual([]);
    }
    expect(report('clean').kind).toBe('briefing');
    // The kind of the 公文 was not given: it is recognised from its printed first page.
    expect(report('official').kind).toBe('official');
    expect(report('official').pages).toBeGreaterThanOrEqual(4);
  });

  it('a draft carries 样稿 on every page; a document claimed to be a draft without the mark is named', () => {
    expect(report('draft').problems).toEqual([]);
    const unmarked = report('unmarked draft').problems;
    expect(unmarked).toContainEqual(
      expect.stringMatching(/^打印：签发前的样稿，第1页(、第\d+页)*没有“样稿”标记$/),
    );
    expect(unmarked.some((p) => p.startsWith('预览：签发前的样稿'))).toBe(true);
  });

  it('names an emoji and where it is', () => {
    const problems = report('emoji').problems.filter((p) => p.startsWith('打印'));
    expect(problems.some((p) => p.includes('第1页') && p.includes('😀'))).toBe(true);
  });

  it('the bad input of issue 9 gives a document that checks clean, or findings that say where', () => {
    const r = report('bad input');
    expect(r.pages).toBeGreaterThan(1);
    for (const p of r.problems) expect(p).toMatch(/第\d+页|页数|一致率/);
  });
});

describe('xinbao check-document', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinbao-check-'));
    writeFileSync(join(dir, 'clean.docx'), await renderBriefingDocx(briefing()));
    writeFileSync(join(dir, 'clean.html'), renderBriefingHtml(briefing(), { signed: true }));
    writeFileSync(
      join(dir, 'emoji.docx'),
      await renderBriefingDocx(briefing({ items: [{ title: '群众点赞😀便民服务', paragraphs: [para(1)] }] })),
    );
    writeFileSync(join(dir, 'not-a-docx.docx'), '这不是 Word 文档');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        ['bin/xinbao.js', 'check-document', ...args],
        { cwd: process.cwd(), timeout: 90_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
      );
    });

  it('exits 0 on a clean document compared with its preview, and reports the agreement', async () => {
    const { code, out } = await cli(join(dir, 'clean.docx'), '--preview', join(dir, 'clean.html'));
    expect(out).toMatch(/与预览一致：100\.00%/);
    expect(out).toContain('未发现问题');
    expect(code).toBe(0);
  }, 90_000);

  it('exits 1 and lists the problem in Chinese', async () => {
    const { code, out } = await cli(join(dir, 'emoji.docx'), '--kind', 'briefing');
    expect(code).toBe(1);
    expect(out).toMatch(/✘ 打印：第1页/);
  }, 90_000);

  it('exits 2 on a file that is not a DOCX, a missing file and an unknown kind', async () => {
    const notDocx = await cli(join(dir, 'not-a-docx.docx'));
    expect(notDocx.code).toBe(2);
    expect(notDocx.out).toContain('不是可读取的 Word 文档');
    const missing = await cli(join(dir, 'missing.docx'));
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('无法读取文件');
    const kind = await cli(join(dir, 'clean.docx'), '--kind', 'memo');
    expect(kind.code).toBe(2);
    expect(kind.out).toContain('未知的文档类型：memo');
  }, 60_000);
});
