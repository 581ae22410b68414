import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { type IssueFileKind, issueFiles, publicationIssues } from '../../../db/schema/index.ts';
import { type Actor, auditContextOf } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { renderBriefingDocx } from '../../../lib/documents/briefing-docx.ts';
import { checkBriefingDocx } from '../../../lib/documents/docx-format-check.ts';
import { storeBlob } from '../../../lib/files.ts';
import type { IssueRow } from '../repository.ts';
import { type IssueDocument, loadIssueDocument } from './briefing-input.ts';
import { type IssueFile, type IssueFileRow, presentIssueFile } from './schemas.ts';

export const MIME_TYPES: Record<IssueFileKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * Issue documents live in their own content-addressed store under FILES_DIR, apart from item
 * attachments: deleting an attachment removes its blob when no attachment points at it, and must
 * never take an archived issue document with the same bytes along.
 */
export function issueFilesRoot(filesDir: string): string {
  return path.join(filesDir, 'issues');
}

export type NewIssueFile = {
  kind: IssueFileKind;
  content: Buffer;
  fileName: string;
  final: boolean;
  checkProblems: string[] | null;
  converter: string | null;
};

/** Who generated an archived file, and when (now unless given). */
type Generator = { id: string | null; name: string; at?: Date };

/**
 * Writes a generated document to the store and its archive row, inside the caller's transaction.
 * The blob is on disk before the row exists: a rollback can leave an unreferenced blob, never a
 * row without its file.
 */
async function insertIssueFile(
  tx: Db,
  filesDir: string,
  issue: IssueRow,
  file: NewIssueFile,
  by: Generator,
): Promise<IssueFileRow> {
  const { sha256 } = await storeBlob(issueFilesRoot(filesDir), file.content);
  const [row] = await tx
    .insert(issueFiles)
    .values({
      issueId: issue.id,
      kind: file.kind,
      fileName: file.fileName,
      mimeType: MIME_TYPES[file.kind],
      sizeBytes: file.content.length,
      sha256,
      issueStatus: issue.status,
      final: file.final,
      checkProblems: file.checkProblems,
      converter: file.converter,
      generatedById: by.id,
      generatedByName: by.name,
      ...(by.at ? { generatedAt: by.at } : {}),
    })
    .returning();
  return row!;
}

/** Stores a generated document and its archive row, audited, inside the caller's transaction. */
export async function storeIssueFile(
  tx: Db,
  ctx: AppContext,
  issue: IssueRow,
  actor: Actor,
  audit: AuditContext,
  file: NewIssueFile,
): Promise<IssueFileRow> {
  const row = await insertIssueFile(tx, ctx.config.filesDir, issue, file, {
    id: actor.userId,
    name: actor.displayName,
  });
  await recordAudit(tx, audit, {
    action: 'issue.document_generated',
    targetType: 'issue',
    targetId: issue.id,
    targetLabel: file.fileName,
    diff: {
      fileName: [null, file.fileName],
      kind: [null, file.kind],
      sha256: [null, row.sha256],
      final: [null, file.final],
      ...(file.converter ? { converter: [null, file.converter] } : {}),
      ...(file.checkProblems?.length ? { checkProblems: [null, file.checkProblems] } : {}),
    },
  });
  return row;
}

/** Renders the DOCX of a loaded issue document and runs the format checker on it. */
export async function renderDocx(
  doc: IssueDocument,
): Promise<{ content: Buffer; fileName: string; checkProblems: string[] }> {
  const content = await renderBriefingDocx(doc.input);
  const check = await checkBriefingDocx(content);
  return { content, fileName: `${doc.baseName}.docx`, checkProblems: check.problems };
}

/** Renders the DOCX of an issue as it stands in `tx` and runs the format checker on it. */
export async function renderIssueDocx(
  tx: Db,
  issue: IssueRow,
): Promise<{ content: Buffer; fileName: string; checkProblems: string[] }> {
  return renderDocx(await loadIssueDocument(tx, issue));
}

/**
 * The archive copy made when an issue is published: the publish command calls it inside its
 * transaction, after the status change, so the stored DOCX is the published text and a failure
 * here rolls the publication back. `audit` carries the request's IP and agent when the caller
 * has them.
 */
export async function archiveFinalDocx(
  tx: Db,
  ctx: AppContext,
  issueId: string,
  actor: Actor,
  audit: AuditContext = auditContextOf(actor, null, null),
): Promise<void> {
  const [issue] = await tx.select().from(publicationIssues).where(eq(publicationIssues.id, issueId));
  if (!issue) throw new Error(`issue ${issueId} not found`);
  const docx = await renderIssueDocx(tx, issue);
  await storeIssueFile(tx, ctx, issue, actor, audit, {
    kind: 'docx',
    content: docx.content,
    fileName: docx.fileName,
    final: true,
    checkProblems: docx.checkProblems,
    converter: null,
  });
}

/**
 * The final DOCX of an issue published before this system kept its archive — the demo year's
 * issues — stored as publishing stores it, dated `at`. No audit event: the seed writes its own.
 */
export async function archiveHistoricDocx(
  tx: Db,
  filesDir: string,
  issueId: string,
  at: Date,
  by: { id: string; name: string },
): Promise<void> {
  const [issue] = await tx.select().from(publicationIssues).where(eq(publicationIssues.id, issueId));
  if (!issue) throw new Error(`issue ${issueId} not found`);
  const docx = await renderIssueDocx(tx, issue);
  await insertIssueFile(
    tx,
    filesDir,
    issue,
    { kind: 'docx', ...docx, final: true, converter: null },
    { ...by, at },
  );
}

/** The archived documents of an issue, newest first, for the issue detail. */
export async function listIssueFiles(db: Db, issueId: string): Promise<IssueFile[]> {
  const rows = await db
    .select()
    .from(issueFiles)
    .where(eq(issueFiles.issueId, issueId))
    .orderBy(desc(issueFiles.generatedAt), desc(issueFiles.id));
  return rows.map(presentIssueFile);
}
