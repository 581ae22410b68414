import type { ReadStream } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../../context.ts';
import { issueFiles } from '../../../../db/schema/index.ts';
import type { Actor } from '../../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../../lib/audit.ts';
import { notFound } from '../../../../lib/errors.ts';
import { openBlob } from '../../../../lib/files.ts';
import { findIssueForActor } from '../../repository.ts';
import { issueFilesRoot } from '../archive.ts';
import type { IssueFileRow } from '../schemas.ts';

/**
 * An archived document of an issue the caller may read, as a stream, with the download audited
 * (who took a copy of which issue is part of the record).
 */
export async function getIssueFile(
  ctx: AppContext,
  actor: Actor,
  issueId: string,
  fileId: string,
  audit: AuditContext,
): Promise<{ file: IssueFileRow; stream: ReadStream; size: number }> {
  const issue = await findIssueForActor(ctx.db, actor, issueId);
  const [file] = await ctx.db
    .select()
    .from(issueFiles)
    .where(and(eq(issueFiles.id, fileId), eq(issueFiles.issueId, issue.id)));
  if (!file) throw notFound('文件不存在或您无权查看');
  const blob = await openBlob(issueFilesRoot(ctx.config.filesDir), file.sha256);
  if (!blob) {
    ctx.log.error({ issueFileId: file.id, sha256: file.sha256 }, 'issue file blob missing on disk');
    throw notFound('文件已丢失，请重新生成或联系系统管理员');
  }
  await recordAudit(ctx.db, audit, {
    action: 'issue.document_downloaded',
    targetType: 'issue',
    targetId: issue.id,
    targetLabel: file.fileName,
    diff: { fileId: [null, file.id], sha256: [null, file.sha256] },
  });
  return { file, ...blob };
}
