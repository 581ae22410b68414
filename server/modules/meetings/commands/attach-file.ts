import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { UploadedFile } from '../../../lib/upload.ts';
import { attachRecordFile } from '../../attachments/index.ts';
import { meetingLabel } from '../present.ts';
import { assertStaff, findMeeting } from '../scope.ts';

/** The office attaches a file to a meeting: the notice, the sign-in sheet, slides, photos. */
export function attachMeetingFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  file: UploadedFile,
  audit: AuditContext,
) {
  return ctx.db.transaction(async (tx) => {
    const row = await findMeeting(tx, actor, id, true);
    assertStaff(actor, row);
    const saved = await attachRecordFile(tx, ctx, actor, { type: 'meeting', id: row.id }, file);
    await recordAudit(tx, audit, {
      action: 'meeting.file_attached',
      targetType: 'meeting',
      targetId: row.id,
      targetLabel: meetingLabel(row),
      diff: { fileName: saved.fileName, sha256: saved.sha256 },
    });
    return saved;
  });
}
