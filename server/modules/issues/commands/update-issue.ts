import type { AppContext } from '../../../context.ts';
import type { publicationIssues } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { issueAuditLabel, presentIssueDetail } from '../present.ts';
import { findIssueForActor, type IssueRow, updateIssueVersioned } from '../repository.ts';
import type { IssueDetail, UpdateIssueInput } from '../schemas.ts';
import { assertIssueAction, assertIssueVersion, staffName } from './guard.ts';

type IssueValues = Partial<typeof publicationIssues.$inferInsert>;

/** The audited fields of an issue (timestamps and the version are noise). */
function editable(row: IssueRow | IssueValues) {
  return {
    title: row.title,
    editorNote: row.editorNote,
    distribution: row.distribution,
    printCount: row.printCount,
    responsibleEditorName: row.responsibleEditorName,
    signerName: row.signerName,
  };
}

/**
 * Saves the metadata of a draft issue (本期标题, 编者按, 报/送/发, 印数, 责任编辑, 签发领导)
 * under optimistic locking. The people must work in the issue's office: the editor as an
 * editor or chief editor, the signer as a chief editor or leader.
 */
export async function updateIssue(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateIssueInput,
  audit: AuditContext,
): Promise<IssueDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await findIssueForActor(tx, actor, id, true);
    assertIssueAction('edit', row, actor);
    assertIssueVersion(row, input.version);
    const values: IssueValues = {};
    if (input.title !== undefined) values.title = input.title || null;
    if (input.editorNote !== undefined) values.editorNote = input.editorNote || null;
    if (input.distribution !== undefined) values.distribution = input.distribution;
    if (input.printCount !== undefined) values.printCount = input.printCount;
    if (input.responsibleEditorId !== undefined) {
      const name = await staffName(tx, row.officeId, input.responsibleEditorId, ['editor', 'chief_editor']);
      if (!name) throw badRequest('责任编辑须为本办公室在用的编辑或主编/签发领导');
      values.responsibleEditorId = input.responsibleEditorId;
      values.responsibleEditorName = name;
    }
    if (input.signerId !== undefined) {
      const name = input.signerId
        ? await staffName(tx, row.officeId, input.signerId, ['chief_editor', 'leader'])
        : null;
      if (input.signerId && !name) throw badRequest('签发领导须为本办公室在用的主编/签发领导或领导');
      values.signerId = input.signerId;
      values.signerName = name;
    }
    const diff = diffRecords(editable(row), editable({ ...row, ...values }));
    if (Object.keys(diff).length === 0) return presentIssueDetail(tx, actor, id);
    const after = await updateIssueVersioned(tx, id, row.version, values);
    await recordAudit(tx, audit, {
      action: 'issue.updated',
      targetType: 'issue',
      targetId: id,
      targetLabel: await issueAuditLabel(tx, after),
      diff,
    });
    return presentIssueDetail(tx, actor, id);
  });
}
