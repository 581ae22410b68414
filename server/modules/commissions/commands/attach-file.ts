import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { conflict, forbidden } from '../../../lib/errors.ts';
import type { UploadedFile } from '../../../lib/upload.ts';
import { attachRecordFile } from '../../attachments/index.ts';
import { findCommission, isStaffOf } from '../scope.ts';
import { commissionLabel, refreshLists, targetUnitIds } from './shared.ts';

/** The office attaches material to a commission (a template, background figures) while it runs. */
export function attachCommissionFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  file: UploadedFile,
  audit: AuditContext,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await findCommission(tx, actor, id, true);
    if (!isStaffOf(actor, row)) throw forbidden('只有约稿所属办公室的信息科才能添加附件');
    if (row.status !== 'draft' && row.status !== 'issued')
      throw conflict('该约稿已结束或已撤销，不能再添加附件');
    const saved = await attachRecordFile(tx, ctx, actor, { type: 'commission', id: row.id }, file);
    await recordAudit(tx, audit, {
      action: 'commission.file_attached',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(row),
      diff: { fileName: saved.fileName, sha256: saved.sha256 },
    });
    await refreshLists(tx, row.officeId, row.status === 'issued' ? await targetUnitIds(tx, row.id) : []);
    return saved;
  });
}
