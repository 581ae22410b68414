import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentNotices } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { conflict, notFound } from '../../../lib/errors.ts';
import { readerOf } from '../access.ts';
import type { NoticeRow } from './document.ts';

export const STALE_NOTICE = '该通报已被他人修改，请刷新后重试（您本次的修改尚未保存）';

/**
 * A notice the caller may read: the office's 信息科 and leaders every one; the member units
 * (and lower offices) the issued ones only.
 */
export async function findNotice(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<NoticeRow> {
  const q = tx.select().from(assessmentNotices).where(eq(assessmentNotices.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  const r = readerOf(actor);
  const insider = row && (r.staff.includes(row.officeId) || r.leader.includes(row.officeId));
  const member = row && r.member.has(row.officeId) && row.status === 'issued';
  if (!row || !(insider || member)) throw notFound('通报不存在或您无权查看');
  return row;
}

export function assertNoticeVersion(row: NoticeRow, version: number) {
  if (row.version !== version) throw conflict(STALE_NOTICE);
}

export function assertNoticeDraft(row: NoticeRow, what: string) {
  if (row.status !== 'draft') throw conflict(`已印发的通报不能${what}`);
}
