import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { assessmentNotices } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { renderOfficialDocx } from '../../../lib/documents/official-docx.ts';
import { renderOfficialHtml } from '../../../lib/documents/official-html.ts';
import { renderPdf } from '../../../lib/documents/pdf.ts';
import { notFound } from '../../../lib/errors.ts';
import { openBlob } from '../../../lib/files.ts';
import { assertCanRead, defaultOffice, readerOf } from '../access.ts';
import { type NoticeRow, noticeDocument } from './document.ts';
import { findNotice } from './find-notice.ts';
import { presentNoticeSummary } from './present.ts';
import type { NoticeView } from './schemas.ts';

/** The office's notices, newest period first: every one for its staff and leaders, the issued ones for members. */
export async function listNotices(db: Db, actor: Actor, officeId?: string) {
  const reader = readerOf(actor);
  const office = officeId ?? defaultOffice(reader);
  if (!office) return [];
  assertCanRead(reader, office);
  const insider = reader.staff.includes(office) || reader.leader.includes(office);
  const rows = await db
    .select()
    .from(assessmentNotices)
    .where(
      and(
        eq(assessmentNotices.officeId, office),
        insider ? undefined : eq(assessmentNotices.status, 'issued'),
      ),
    )
    .orderBy(desc(assessmentNotices.periodEnd), desc(assessmentNotices.createdAt));
  return rows.map(presentNoticeSummary);
}

export function presentNotice(actor: Actor, row: NoticeRow): NoticeView {
  const reader = readerOf(actor);
  return {
    ...presentNoticeSummary(row),
    addressee: row.addressee,
    opening: row.opening,
    praise: row.praise,
    laggards: row.laggards,
    problems: row.problems,
    requirements: row.requirements,
    snapshot: row.snapshot,
    canEdit: row.status === 'draft' && reader.staff.includes(row.officeId),
    ownUnitIds: reader.member.get(row.officeId) ?? [],
  };
}

export async function getNotice(db: Db, actor: Actor, id: string) {
  return presentNotice(actor, await findNotice(db, actor, id));
}

/** The latest issued notice of each office the caller reports to (home page), own rows marked. */
export async function latestNotices(db: Db, actor: Actor) {
  const reader = readerOf(actor);
  const offices = [...reader.member.keys()];
  if (!offices.length) return [];
  const rows = await db
    .select()
    .from(assessmentNotices)
    .where(and(inArray(assessmentNotices.officeId, offices), eq(assessmentNotices.status, 'issued')))
    .orderBy(desc(assessmentNotices.periodEnd), desc(assessmentNotices.issuedAt));
  const latest = new Map<string, NoticeRow>();
  for (const r of rows) if (!latest.has(r.officeId)) latest.set(r.officeId, r);
  return [...latest.values()].map((r) => presentNotice(actor, r));
}

export type NoticeFormat = 'docx' | 'pdf' | 'html';

const fileBase = (row: NoticeRow) => row.title.replace(/[\\/:*?"<>|]/g, '_');

/** The notice as a document: an issued one's archived DOCX as stored; a draft rendered as 样稿. */
export async function noticeFile(ctx: AppContext, actor: Actor, id: string, format: NoticeFormat) {
  const row = await findNotice(ctx.db, actor, id);
  const input = noticeDocument(row, ctx.clock.now());
  const base = fileBase(row);
  if (format === 'html')
    return { content: renderOfficialHtml(input) as string | Buffer, fileName: `${base}.html` };
  if (format === 'docx') {
    if (row.fileSha256) {
      const blob = await openBlob(ctx.config.filesDir, row.fileSha256);
      if (!blob) throw notFound('通报存档文件缺失，请联系系统管理员从备份恢复');
      const chunks: Buffer[] = [];
      for await (const c of blob.stream) chunks.push(c as Buffer);
      return { content: Buffer.concat(chunks), fileName: `${base}.docx` };
    }
    return { content: await renderOfficialDocx(input), fileName: `${base}（样稿）.docx` };
  }
  const pdf = await renderPdf(ctx.config.pdf, {
    docx: () => renderOfficialDocx(input),
    html: () => renderOfficialHtml(input),
  });
  return { content: pdf.content, fileName: `${base}.pdf` };
}
