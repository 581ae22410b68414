import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentNotices } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { assertStaff, readerOf } from '../access.ts';
import { assertNoticeDraft, assertNoticeVersion, findNotice } from './find-notice.ts';
import type { UpdateNoticeInput } from './schemas.ts';

/** The office edits a draft's texts (the figures are the snapshot's, refreshed separately). */
export function updateNotice(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateNoticeInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findNotice(tx, actor, id, true);
    assertStaff(readerOf(actor), row.officeId);
    assertNoticeDraft(row, '修改');
    assertNoticeVersion(row, input.version);
    const { version: _v, ...texts } = input;
    const [saved] = await tx
      .update(assessmentNotices)
      .set({ ...texts, version: sql`${assessmentNotices.version} + 1`, updatedAt: clock.now() })
      .where(eq(assessmentNotices.id, row.id))
      .returning();
    if (!saved) throw new Error('update failed');
    await recordAudit(tx, audit, {
      action: 'assessment.notice_updated',
      targetType: 'assessment_notice',
      targetId: row.id,
      targetLabel: saved.title,
      diff: diffRecords(row, saved),
    });
    return saved;
  });
}
