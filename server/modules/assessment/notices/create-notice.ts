import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentNotices } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { badRequest, conflict } from '../../../lib/errors.ts';
import { assertStaff, readerOf } from '../access.ts';
import type { CreateNoticeInput } from './schemas.ts';
import { defaultTexts, noticeRange, takeSnapshot } from './snapshot.ts';

/**
 * Drafts the 通报 of a month, quarter or year: the figures from the ledger of the rule set in force,
 * the texts written from them (the office edits them before issuing). A period that has not begun
 * or has nothing reported is refused, and so is a second draft of one period (serialised per
 * office, so two editors clicking at once still make one); an issued notice does not block a new
 * draft (a corrected notice).
 */
export async function createNotice(
  db: Db,
  actor: Actor,
  input: CreateNoticeInput,
  audit: AuditContext,
  clock: Clock,
) {
  const reader = readerOf(actor);
  const officeId = input.officeId ?? reader.staff[0];
  if (!officeId) throw badRequest('您不是办公室信息科人员，不能起草通报');
  assertStaff(reader, officeId);
  const now = clock.now();
  const range = noticeRange(input.period, input.at);
  if (range.from > chinaDate(now)) throw badRequest('通报期间尚未开始');
  const snapshot = await takeSnapshot(db, actor, officeId, input.period, range, now);
  const texts = defaultTexts(snapshot);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`xinbao.notice.${officeId}`}))`);
    const [draft] = await tx
      .select({ id: assessmentNotices.id })
      .from(assessmentNotices)
      .where(
        and(
          eq(assessmentNotices.officeId, officeId),
          eq(assessmentNotices.period, input.period),
          eq(assessmentNotices.periodStart, range.from),
          eq(assessmentNotices.status, 'draft'),
        ),
      )
      .limit(1);
    if (draft) throw conflict('本期已有通报草稿，请在草稿中修改，或删除草稿后重新起草');
    const [row] = await tx
      .insert(assessmentNotices)
      .values({
        officeId,
        ruleSetId: snapshot.ruleSet.id,
        period: input.period,
        periodStart: range.from,
        periodEnd: range.to,
        title: `${snapshot.periodTitle}政务信息报送采用情况通报`,
        addressee: snapshot.ranksOffices
          ? '各县（市、区）人民政府办公室'
          : '各乡镇人民政府、街道办事处，市直各有关单位',
        ...texts,
        snapshot,
        status: 'draft',
        createdByName: actor.displayName,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert failed');
    await recordAudit(tx, audit, {
      action: 'assessment.notice_created',
      targetType: 'assessment_notice',
      targetId: row.id,
      targetLabel: row.title,
    });
    return row;
  });
}
