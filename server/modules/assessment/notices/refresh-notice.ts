import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentNotices } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { assertStaff, readerOf } from '../access.ts';
import { assertNoticeDraft, assertNoticeVersion, findNotice } from './find-notice.ts';
import { defaultTexts, takeSnapshot } from './snapshot.ts';

/**
 * 更新数据: takes the figures again (late adoptions, a new rule-set version) and rewrites the
 * three texts made from figures; 存在的问题 and 工作要求 stay as the office wrote them.
 */
export async function refreshNotice(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  audit: AuditContext,
  clock: Clock,
) {
  const row = await findNotice(db, actor, id);
  assertStaff(readerOf(actor), row.officeId);
  assertNoticeDraft(row, '更新数据');
  assertNoticeVersion(row, version);
  const snapshot = await takeSnapshot(
    db,
    actor,
    row.officeId,
    row.period,
    { from: row.periodStart, to: row.periodEnd },
    clock.now(),
  );
  const { opening, praise, laggards } = defaultTexts(snapshot);
  return db.transaction(async (tx) => {
    const locked = await findNotice(tx, actor, id, true);
    assertNoticeVersion(locked, version);
    const [saved] = await tx
      .update(assessmentNotices)
      .set({
        snapshot,
        ruleSetId: snapshot.ruleSet.id,
        opening,
        praise,
        laggards,
        version: sql`${assessmentNotices.version} + 1`,
        updatedAt: clock.now(),
      })
      .where(eq(assessmentNotices.id, row.id))
      .returning();
    if (!saved) throw new Error('update failed');
    await recordAudit(tx, audit, {
      action: 'assessment.notice_refreshed',
      targetType: 'assessment_notice',
      targetId: row.id,
      targetLabel: saved.title,
    });
    return saved;
  });
}
