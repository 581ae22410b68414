import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { circulations } from '../../db/schema/index.ts';
import { badRequest } from '../../lib/errors.ts';
import type { CirculationEntry } from './schemas.ts';

export type CirculationSubject = { issueId?: string; itemId?: string };

/** Exactly one of issue or item; the table's check constraint says the same. */
export function subjectCondition(subject: CirculationSubject) {
  if (subject.issueId && !subject.itemId) return eq(circulations.issueId, subject.issueId);
  if (subject.itemId && !subject.issueId) return eq(circulations.itemId, subject.itemId);
  throw badRequest('请指定一期刊物或一条信息（二者选一）');
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Who an issue or item was circulated to and when each of them read it, for office staff (the
 * issue detail includes it). Callers check the subject's scope first.
 */
export async function listCirculation(db: Db, subject: CirculationSubject): Promise<CirculationEntry[]> {
  const rows = await db
    .select()
    .from(circulations)
    .where(subjectCondition(subject))
    .orderBy(asc(circulations.sentAt), asc(circulations.recipientName), asc(circulations.id));
  return rows.map((r) => ({
    id: r.id,
    recipientId: r.recipientId,
    recipientName: r.recipientName,
    sentByName: r.sentByName,
    sentAt: r.sentAt.toISOString(),
    readAt: iso(r.readAt),
    note: r.note,
  }));
}
