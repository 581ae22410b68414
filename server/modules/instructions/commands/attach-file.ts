import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { instructionAssignments, instructionFeedback } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { conflict, forbidden, notFound } from '../../../lib/errors.ts';
import type { UploadedFile } from '../../../lib/upload.ts';
import { attachRecordFile } from '../../attachments/index.ts';
import { findInstruction, readerOf } from '../scope.ts';
import { assertStaff, instructionLabel } from './shared.ts';

/** The office attaches the scan of a paper instruction (or the upper office's document). */
export function attachInstructionFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  file: UploadedFile,
  audit: AuditContext,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await findInstruction(tx, actor, id, true);
    assertStaff(actor, row, '该批示');
    if (row.status === 'closed') throw conflict('该批示已办结，不能再添加附件');
    const saved = await attachRecordFile(tx, ctx, actor, { type: 'instruction', id: row.id }, file);
    await recordAudit(tx, audit, {
      action: 'instruction.file_attached',
      targetType: 'instruction',
      targetId: row.id,
      targetLabel: instructionLabel(row),
      diff: { fileName: saved.fileName, sha256: saved.sha256 },
    });
    return saved;
  });
}

/** The handling unit adds files to its latest feedback while the office has not decided on it. */
export function attachFeedbackFile(
  ctx: AppContext,
  actor: Actor,
  feedbackId: string,
  file: UploadedFile,
  audit: AuditContext,
) {
  return ctx.db.transaction(async (tx) => {
    const [fb] = await tx
      .select({
        f: instructionFeedback,
        unitId: instructionAssignments.unitId,
        instructionId: instructionAssignments.instructionId,
      })
      .from(instructionFeedback)
      .innerJoin(instructionAssignments, eq(instructionAssignments.id, instructionFeedback.assignmentId))
      .where(eq(instructionFeedback.id, feedbackId))
      .for('update');
    if (!fb) throw notFound('反馈不存在或您无权查看');
    const row = await findInstruction(tx, actor, fb.instructionId).catch(() => {
      throw notFound('反馈不存在或您无权查看');
    });
    const reader = readerOf(actor);
    if (!reader.unitIds.includes(fb.unitId)) {
      if (reader.staffOfficeIds.includes(row.officeId)) throw forbidden('反馈附件由承办单位上传');
      throw notFound('反馈不存在或您无权查看');
    }
    if (fb.f.decision) throw conflict('该次反馈已审核，不能再添加附件；如需补充请再次反馈');
    const saved = await attachRecordFile(tx, ctx, actor, { type: 'feedback', id: fb.f.id }, file);
    await recordAudit(tx, audit, {
      action: 'instruction.file_attached',
      targetType: 'instruction',
      targetId: row.id,
      targetLabel: instructionLabel(row),
      diff: { feedbackRound: fb.f.round, fileName: saved.fileName, sha256: saved.sha256 },
    });
    return saved;
  });
}
