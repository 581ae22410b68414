import { z } from 'zod';
import { ISSUE_FILE_KINDS, ISSUE_STATUSES, type issueFiles } from '../../../db/schema/index.ts';

export type IssueFileRow = typeof issueFiles.$inferSelect;

export const issueIdParams = z.object({ id: z.uuid('刊物期次编号格式不正确') });
export const issueFileParams = z.object({
  id: z.uuid('刊物期次编号格式不正确'),
  fileId: z.uuid('文件编号格式不正确'),
});
export const generateFileBody = z.object({
  kind: z.enum(ISSUE_FILE_KINDS, { error: '文件类型只能是 docx 或 pdf' }),
});

/** One archived document of an issue (归档文件), as the issue detail lists it. */
export const issueFileSchema = z.object({
  id: z.string(),
  kind: z.enum(ISSUE_FILE_KINDS),
  fileName: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  issueStatus: z.enum(ISSUE_STATUSES),
  final: z.boolean(),
  checkProblems: z.array(z.string()).nullable(),
  converter: z.string().nullable(),
  generatedByName: z.string(),
  generatedAt: z.string(),
  downloadUrl: z.string(),
});
export type IssueFile = z.infer<typeof issueFileSchema>;

export function presentIssueFile(row: IssueFileRow): IssueFile {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    issueStatus: row.issueStatus,
    final: row.final,
    checkProblems: row.checkProblems ?? null,
    converter: row.converter ?? null,
    generatedByName: row.generatedByName,
    generatedAt: row.generatedAt.toISOString(),
    downloadUrl: `/api/issues/${row.issueId}/files/${row.id}`,
  };
}
