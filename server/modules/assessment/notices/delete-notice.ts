import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentNotices } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { assertStaff, readerOf } from '../access.ts';
import { assertNoticeDraft, assertNoticeVersion, findNotice } from './find-notice.ts';

/** Only a draft may be deleted; an issued notice stays in the archive. */
export function deleteNotice(db: Db, actor: Actor, id: string, version: number, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const row = await findNotice(tx, actor, id, true);
    assertStaff(readerOf(actor), row.officeId);
    assertNoticeDraft(row, '删除');
    assertNoticeVersion(row, version);
    await tx.delete(assessmentNotices).where(eq(assessmentNotices.id, row.id));
    await recordAudit(tx, audit, {
      action: 'assessment.notice_deleted',
      targetType: 'assessment_notice',
      targetId: row.id,
      targetLabel: row.title,
    });
  });
}
