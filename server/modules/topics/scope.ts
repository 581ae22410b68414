import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { topics } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { staffOfficeIds } from '../circulation/index.ts';

export const TOPIC_NOT_FOUND = '报送要点不存在或您无权查看';

/**
 * Who reads a 报送要点: the 信息科 of the office that set it (every status); the units reporting to
 * that office — a unit's 信息员 and 签发人, and the editors of a lower office under it — its
 * published ones only. Administrators and leaders see none.
 */
export type TopicReader = {
  /** Offices whose topics the caller manages. */
  staffOfficeIds: string[];
  /** Offices the caller reports to (the parents of their units, or of their offices). */
  memberOfficeIds: string[];
};

export function readerOf(actor: Actor): TopicReader {
  const staff = staffOfficeIds(actor);
  const unitRole = actor.roles.includes('reporter') || actor.roles.includes('unit_signer');
  const reporting = [...(unitRole ? actor.units : []), ...actor.units.filter((u) => staff.includes(u.id))];
  const member = new Set(reporting.map((u) => u.parentId).filter((id): id is string => Boolean(id)));
  for (const id of staff) member.delete(id);
  return { staffOfficeIds: staff, memberOfficeIds: [...member] };
}

export function topicScope(r: TopicReader): SQL {
  const parts: SQL[] = [];
  if (r.staffOfficeIds.length) parts.push(inArray(topics.officeId, r.staffOfficeIds));
  if (r.memberOfficeIds.length)
    parts.push(and(inArray(topics.officeId, r.memberOfficeIds), eq(topics.status, 'published')) as SQL);
  return or(...parts) ?? sql`false`;
}

export type TopicRow = typeof topics.$inferSelect;

/** The topic if the caller may read it (404 otherwise — nobody learns it exists). */
export async function findTopic(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<TopicRow> {
  const q = tx
    .select()
    .from(topics)
    .where(and(eq(topics.id, id), topicScope(readerOf(actor))));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(TOPIC_NOT_FOUND);
  return row;
}

/** Whether the caller works in the 信息科 of the office that set the topic. */
export const isStaffOf = (actor: Actor, row: Pick<TopicRow, 'officeId'>) =>
  staffOfficeIds(actor).includes(row.officeId);

export function assertStaff(actor: Actor, row: Pick<TopicRow, 'officeId'>) {
  if (!isStaffOf(actor, row)) throw forbidden('只有设置该报送要点的办公室信息科才能办理');
}
