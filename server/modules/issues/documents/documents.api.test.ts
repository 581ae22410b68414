import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, issueFiles } from '../../../db/schema/index.ts';
import { auditContextOf } from '../../../lib/actor.ts';
import { renderBriefingDocx } from '../../../lib/documents/briefing-docx.ts';
import { checkBriefingDocx } from '../../../lib/documents/docx-format-check.ts';
import {
  actorOf,
  anonymous,
  contextOf,
  createTestApp,
  login,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';
import { makeItem, publicationByName } from '../../items/test-factory.ts';
import { createIssue, getIssue, issueRow, move, setItems } from '../issues.test-support.ts';
import type { IssueDetail } from '../schemas.ts';
import { loadIssueDocument } from './briefing-input.ts';
import { archiveIfUnchanged, CHANGED_WHILE_RENDERING } from './commands/generate-issue-file.ts';
import type { IssueFile } from './schemas.ts';

/**
 * Issue documents end to end: preview, DOCX (format checker, determinism), PDF from LibreOffice
 * and from Chromium (A4, embedded CJK font, text, a red masthead on page 1 rendered to PNG),
 * downloads and refusals. The office tools are required: these tests fail, not skip, when
 * soffice or poppler-utils are missing (scripts/ensure-office-tools.mjs installs them).
 */

function tool(name: string): string {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `缺少 ${name}：请运行 node scripts/ensure-office-tools.mjs，或以 root 安装 apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai`,
    );
  }
}

const SHOTS = join(process.cwd(), 'test-results', 'documents');

let t: TestApp;
let editor: Session;
let chief: Session;
let leader: Session;
let llEditor: Session;
let reporter: Session;
let issue: IssueDetail;
let tmp: string;

const HOSTILE_TITLE = '市财政局<script>alert(1)</script>多措并举保障民生';

beforeAll(async () => {
  for (const name of ['soffice', 'pdftoppm', 'pdftotext', 'pdffonts', 'pdfinfo']) tool(name);
  tmp = mkdtempSync(join(tmpdir(), 'xinbao-docs-'));
  t = await createTestApp();
  [editor, chief, leader, llEditor, reporter] = await Promise.all(
    ['editor', 'chief', 'leader', 'll_editor', 'fy_czj_xxy'].map((u) => login(t.app, u)),
  );
  const pub = await publicationByName(t, '汾阳政务信息');
  const items = [
    await makeItem(t, {
      status: 'accepted',
      title: HOSTILE_TITLE,
      body: '今年以来，市财政局持续优化支出结构。\n一、强化资金统筹。整合各类专项资金。\n（一）加快预算执行。建立支出进度通报制度。',
    }),
    await makeItem(t, { status: 'accepted', unit: 'fy_swj' }),
    await makeItem(t, { status: 'accepted', unit: 'fy_swj' }),
  ];
  issue = await createIssue(editor, pub.id, '民生专题');
  issue = await setItems(
    editor,
    issue,
    items.map((i) => i.id),
  );
});
afterAll(async () => {
  await t?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function generate(s: Session, kind: 'docx' | 'pdf'): Promise<IssueFile> {
  const res = await s.request('POST', `/api/issues/${issue.id}/files`, { kind });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function download(s: Session, file: IssueFile): Promise<Buffer> {
  const res = await s.request('GET', file.downloadUrl);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res.rawPayload;
}

/** Reads a binary PPM (P6) as written by pdftoppm. */
function parsePpm(data: Buffer) {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a P6 PPM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
}

function redPixels(ppm: ReturnType<typeof parsePpm>, fromRow: number, toRow: number): number {
  let red = 0;
  for (let y = fromRow; y < toRow; y++) {
    for (let x = 0; x < ppm.width; x++) {
      const i = (y * ppm.width + x) * 3;
      if (ppm.pixels[i]! > 200 && ppm.pixels[i + 1]! < 90 && ppm.pixels[i + 2]! < 90) red++;
    }
  }
  return red;
}

/** The checks every issue PDF must pass, whichever converter made it. */
function checkPdf(pdf: Buffer, name: string) {
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  expect(Math.abs(Number(size?.[1]) - 595.3), info).toBeLessThan(1.5);
  expect(Math.abs(Number(size?.[2]) - 841.9), info).toBeLessThan(1.5);
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2);
  const embeddedCjk = fonts.filter(
    (l) => /(CJK|UKai|Noto|Type 3)/i.test(l) && / yes\s+(yes|no)\s+(yes|no)\s+\d+/.test(l),
  );
  expect(embeddedCjk.length, fonts.join('\n')).toBeGreaterThan(0);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('汾阳政务信息');
  expect(text).toContain(issue.label);
  expect(text).toContain('<script>alert(1)</script>');
  execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-singlefile', file, join(tmp, name)]);
  // A PNG of page 1 for people to look at (test-results/ is kept as a CI artifact, not committed).
  mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    join(SHOTS, `${name}-page1`),
  ]);
  const ppm = parsePpm(readFileSync(join(tmp, `${name}.ppm`)));
  expect(redPixels(ppm, 0, Math.floor(ppm.height / 3)), 'red masthead in the top third').toBeGreaterThan(200);
  expect(redPixels(ppm, Math.floor(ppm.height / 2), ppm.height), 'no red in the bottom half').toBe(0);
}

describe('GET /api/issues/:id/preview', () => {
  it('serves the escaped print preview with a script-free CSP that allows same-origin framing', async () => {
    const res = await editor.request('GET', `/api/issues/${issue.id}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain('&lt;script&gt;');
    expect(res.body).toContain('汾阳政务信息');
    expect(res.body).toContain(issue.label);
    expect(res.body).toContain('本期尚未签发');
    expect(res.body).toMatch(/<section class="page odd"/);
    expect(res.body).toContain('class="colophon"');
  });

  it('is 401 without a session and 404 for another office or a unit reporter', async () => {
    const url = `/api/issues/${issue.id}/preview`;
    expect((await anonymous(t.app, 'GET', url)).statusCode).toBe(401);
    expect((await llEditor.request('GET', url)).statusCode).toBe(404);
    expect((await reporter.request('GET', url)).statusCode).toBe(404);
    expect((await editor.request('GET', '/api/issues/not-a-uuid/preview')).statusCode).toBe(400);
  });
});

describe('POST /api/issues/:id/files', () => {
  it('refuses 401, 403 (role), 400 (kind), 404 (other office) and archives nothing', async () => {
    const url = `/api/issues/${issue.id}/files`;
    const before = await t.database.db.select().from(issueFiles);
    expect((await anonymous(t.app, 'POST', url, { kind: 'docx' })).statusCode).toBe(401);
    expect((await leader.request('POST', url, { kind: 'docx' })).statusCode).toBe(403);
    expect((await reporter.request('POST', url, { kind: 'docx' })).statusCode).toBe(403);
    const bad = await editor.request('POST', url, { kind: 'xls' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/docx 或 pdf/);
    expect((await llEditor.request('POST', url, { kind: 'docx' })).statusCode).toBe(404);
    expect(await t.database.db.select().from(issueFiles)).toEqual(before);
  });

  it('generates a DOCX that passes the format checker, the same bytes every time, downloadable', async () => {
    const first = await generate(editor, 'docx');
    expect(first).toMatchObject({
      kind: 'docx',
      // Not signed yet: the name says so (the date printed is today's).
      fileName: `汾阳政务信息${issue.label}（未签发样稿）.docx`,
      issueStatus: 'draft',
      final: false,
      checkProblems: [],
      converter: null,
      generatedByName: expect.any(String),
      downloadUrl: `/api/issues/${issue.id}/files/${first.id}`,
    });
    const second = await generate(editor, 'docx');
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);

    const res = await editor.request('GET', first.downloadUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="issue-[0-9a-f]{8}\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      `汾阳政务信息${issue.label}（未签发样稿）.docx`,
    );
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(first.sha256);
    const check = await checkBriefingDocx(res.rawPayload);
    expect(check.problems).toEqual([]);
    expect(check.facts.titles[0]).toBe(HOSTILE_TITLE);
    expect(check.facts.issueNumber).toBe(issue.label);

    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, issue.id), eq(auditEvents.action, 'issue.document_downloaded')));
    expect(audits).toHaveLength(1);
    const detail = await getIssue(editor, issue.id);
    expect(detail.files.map((f) => f.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('does not archive a document when the issue changed while it was being rendered', async () => {
    const ctx = contextOf(t);
    const actor = await actorOf(t, 'editor');
    const audit = auditContextOf(actor, null, null);
    const rendered = (await loadIssueDocument(t.database.db, await issueRow(t, issue.id))).input;
    const docx = { kind: 'docx' as const, final: false, checkProblems: [], converter: null };
    // While the conversion runs, another editor adds a 编者按.
    const res = await editor.request('PATCH', `/api/issues/${issue.id}`, {
      version: issue.version,
      editorNote: '本期集中反映民生工作进展。',
    });
    expect(res.statusCode, res.body).toBe(200);
    issue = res.json();
    const before = await t.database.db.select().from(issueFiles);
    const stale = { ...docx, content: await renderBriefingDocx(rendered), fileName: 'stale.docx' };
    await expect(archiveIfUnchanged(ctx, actor, issue.id, rendered, stale, audit)).rejects.toMatchObject({
      statusCode: 409,
      message: CHANGED_WHILE_RENDERING,
    });
    expect(await t.database.db.select().from(issueFiles)).toEqual(before);
    // Rendered from what the issue says now, it is archived.
    const fresh = (await loadIssueDocument(t.database.db, await issueRow(t, issue.id))).input;
    const current = { ...docx, content: await renderBriefingDocx(fresh), fileName: 'current.docx' };
    const stored = await archiveIfUnchanged(ctx, actor, issue.id, fresh, current, audit);
    expect(stored).toMatchObject({ kind: 'docx', fileName: 'current.docx', issueStatus: 'draft' });
  });

  it('converts to PDF with LibreOffice: A4, embedded CJK font, the text, a red masthead on page 1', async () => {
    const file = await generate(editor, 'pdf');
    expect(file).toMatchObject({ kind: 'pdf', converter: 'libreoffice', checkProblems: null });
    expect(file.fileName).toBe(`汾阳政务信息${issue.label}（未签发样稿）.pdf`);
    const res = await editor.request('GET', file.downloadUrl);
    expect(res.headers['content-type']).toBe('application/pdf');
    checkPdf(res.rawPayload, 'libreoffice');
  }, 120_000);

  it('404s a file of another issue or of another office', async () => {
    const [file] = await t.database.db.select().from(issueFiles).where(eq(issueFiles.issueId, issue.id));
    const other = await createIssue(editor, (await publicationByName(t, '汾阳政务信息')).id);
    expect((await editor.request('GET', `/api/issues/${other.id}/files/${file!.id}`)).statusCode).toBe(404);
    expect((await llEditor.request('GET', `/api/issues/${issue.id}/files/${file!.id}`)).statusCode).toBe(404);
    expect((await anonymous(t.app, 'GET', `/api/issues/${issue.id}/files/${file!.id}`)).statusCode).toBe(401);
    await editor.request('DELETE', `/api/issues/${other.id}?version=${other.version}`);
  });

  it('archives the final DOCX on publish; regenerating the published issue gives the same bytes', async () => {
    let detail = await move(editor, issue, 'lock');
    detail = await move(chief, detail, 'sign');
    detail = await move(editor, detail, 'publish');
    const finals = detail.files.filter((f) => f.final);
    expect(finals).toHaveLength(1);
    expect(finals[0]).toMatchObject({ kind: 'docx', issueStatus: 'published', checkProblems: [] });
    expect(finals[0]!.fileName).toMatch(/^汾阳政务信息\d{4}年第\d+期\.docx$/);
    const again = await generate(editor, 'docx');
    expect(again.sha256).toBe(finals[0]!.sha256);
    const check = await checkBriefingDocx(await download(editor, again));
    expect(check.facts.date).toMatch(/^\d{4}年[1-9]\d?月[1-9]\d?日$/);
    const preview = await editor.request('GET', `/api/issues/${issue.id}/preview`);
    expect(preview.body).not.toContain('本期尚未签发');
  });
});

describe('PDF converters chosen by PDF_CONVERTER', () => {
  async function appWith(converter: string) {
    const app = await createTestApp({ env: { PDF_CONVERTER: converter } });
    const s = await login(app.app, 'editor');
    const pub = await publicationByName(app, '汾阳政务信息');
    const item = await makeItem(app, { status: 'accepted', title: HOSTILE_TITLE });
    let draft = await createIssue(s, pub.id);
    draft = await setItems(s, draft, [item.id]);
    return { app, s, draft };
  }

  it('prints the preview with Chromium when so configured', async () => {
    const { app, s, draft } = await appWith('chromium');
    try {
      const res = await s.request('POST', `/api/issues/${draft.id}/files`, { kind: 'pdf' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().converter).toBe('chromium');
      const pdf = await s.request('GET', res.json().downloadUrl);
      const saved = issue;
      issue = { ...issue, label: draft.label };
      try {
        checkPdf(pdf.rawPayload, 'chromium');
      } finally {
        issue = saved;
      }
    } finally {
      await app.close();
    }
  }, 120_000);

  it('answers 503 NO_PDF_CONVERTER with PDF_CONVERTER=none and archives nothing', async () => {
    const { app, s, draft } = await appWith('none');
    try {
      const res = await s.request('POST', `/api/issues/${draft.id}/files`, { kind: 'pdf' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        code: 'NO_PDF_CONVERTER',
        message: '服务器未安装 PDF 转换工具（LibreOffice 或 Chromium），请联系系统管理员安装',
      });
      expect(await app.database.db.select().from(issueFiles)).toEqual([]);
      // DOCX needs no converter.
      expect((await s.request('POST', `/api/issues/${draft.id}/files`, { kind: 'docx' })).statusCode).toBe(
        201,
      );
    } finally {
      await app.close();
    }
  }, 60_000);
});
