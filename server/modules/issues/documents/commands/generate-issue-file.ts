import type { AppContext } from '../../../../context.ts';
import type { IssueFileKind } from '../../../../db/schema/index.ts';
import type { Actor } from '../../../../lib/actor.ts';
import type { AuditContext } from '../../../../lib/audit.ts';
import { renderBriefingDocx } from '../../../../lib/documents/briefing-docx.ts';
import { renderBriefingHtml } from '../../../../lib/documents/briefing-html.ts';
import { renderPdf } from '../../../../lib/documents/pdf.ts';
import { findIssueForActor } from '../../repository.ts';
import { type NewIssueFile, renderIssueDocx, storeIssueFile } from '../archive.ts';
import { loadIssueDocument } from '../briefing-input.ts';
import { assertMayGenerate } from '../policy.ts';
import { type IssueFile, presentIssueFile } from '../schemas.ts';

/**
 * Generates a DOCX (checked by the format checker, problems kept with the file) or a PDF of an
 * issue as it stands and archives it. The document is rendered before the transaction opens: a
 * PDF conversion takes seconds and must not hold row locks; the archive row records the status
 * the issue had when it was read.
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

  let file: NewIssueFile;
  if (kind === 'docx') {
    const docx = await renderIssueDocx(ctx.db, issue);
    file = { kind, ...docx, final: false, converter: null };
  } else {
    const doc = await loadIssueDocument(ctx.db, issue);
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
  const row = await ctx.db.transaction((tx) => storeIssueFile(tx, ctx, issue, actor, audit, file));
  return presentIssueFile(row);
}
