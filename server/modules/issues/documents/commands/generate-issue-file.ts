import type { AppContext } from '../../../../context.ts';
import type { IssueFileKind } from '../../../../db/schema/index.ts';
import type { Actor } from '../../../../lib/actor.ts';
import type { AuditContext } from '../../../../lib/audit.ts';
import { type BriefingInput, renderBriefingDocx } from '../../../../lib/documents/briefing-docx.ts';
import { renderBriefingHtml } from '../../../../lib/documents/briefing-html.ts';
import { renderPdf } from '../../../../lib/documents/pdf.ts';
import { conflict } from '../../../../lib/errors.ts';
import { findIssueForActor } from '../../repository.ts';
import { type NewIssueFile, renderDocx, storeIssueFile } from '../archive.ts';
import { loadIssueDocument } from '../briefing-input.ts';
import { assertMayGenerate } from '../policy.ts';
import { type IssueFile, presentIssueFile } from '../schemas.ts';

export const CHANGED_WHILE_RENDERING = '生成文档期间本期内容已被修改，请重新生成';

/**
 * Generates a DOCX (checked by the format checker, problems kept with the file) or a PDF of an
 * issue as it stands and archives it. The document is rendered before the transaction opens: a
 * PDF conversion takes seconds and must not hold row locks. Inside the transaction the issue is
 * read again, locked, and its text compared with what was rendered: if someone changed it in the
 * meantime the file is not archived (409), so the archive never holds a document that matches no
 * state of the issue.
 */
export async function generateIssueFile(
  ctx: AppContext,
  actor: Actor,
  issueId: string,
  kind: IssueFileKind,
  audit: AuditContext,
): Promise<IssueFile> {
  const issue = await findIssueForActor(ctx.db, actor, issueId);
  assertMayGenerate(issue, actor);
  const doc = await loadIssueDocument(ctx.db, issue);

  let file: NewIssueFile;
  if (kind === 'docx') {
    file = { kind, ...(await renderDocx(doc)), final: false, converter: null };
  } else {
    const pdf = await renderPdf(ctx.config.pdf, {
      docx: () => renderBriefingDocx(doc.input),
      html: () => renderBriefingHtml(doc.input, { signed: doc.signed }),
    });
    file = {
      kind,
      content: pdf.content,
      fileName: `${doc.baseName}.pdf`,
      final: false,
      checkProblems: null,
      converter: pdf.converter,
    };
  }
  return archiveIfUnchanged(ctx, actor, issueId, doc.input, file, audit);
}

/**
 * Archives a document rendered from `rendered`, provided the issue still reads the same: the
 * issue row is locked and its document input loaded again; a difference is a 409 and nothing is
 * stored.
 */
export async function archiveIfUnchanged(
  ctx: AppContext,
  actor: Actor,
  issueId: string,
  rendered: BriefingInput,
  file: NewIssueFile,
  audit: AuditContext,
): Promise<IssueFile> {
  const row = await ctx.db.transaction(async (tx) => {
    const current = await findIssueForActor(tx, actor, issueId, true);
    const now = await loadIssueDocument(tx, current);
    if (JSON.stringify(now.input) !== JSON.stringify(rendered)) throw conflict(CHANGED_WHILE_RENDERING);
    return storeIssueFile(tx, ctx, current, actor, audit, file);
  });
  return presentIssueFile(row);
}
