import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  circulations,
  issueItems,
  items,
  orgs,
  publicationIssues,
  publications,
} from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type Paging, pageFields, rowWindow } from '../../../lib/pagination.ts';
import type { MineFilter, MyCirculation, MyCirculations } from '../schemas.ts';
import { issueLabel } from '../subject.ts';

const FIRST_TITLES = 3;

/**
 * 传阅件: what was circulated to the caller, unread first and then newest, with the unread count
 * for the menu badge; one page, or (`'all'`) every row for the list's Excel export.
 */
export async function listMyCirculations(
  db: Db,
  actor: Actor,
  query: MineFilter,
  paging: Paging,
): Promise<MyCirculations> {
  const mine = eq(circulations.recipientId, actor.userId);
  const where = query.unread ? and(mine, isNull(circulations.readAt)) : mine;
  const [counts] = await db
    .select({ all: count(), unread: count(sql`case when ${circulations.readAt} is null then 1 end`) })
    .from(circulations)
    .where(mine);
  const total = query.unread ? counts.unread : counts.all;
  const window = rowWindow(paging, total, '传阅件');
  const rows = await db
    .select({
      id: circulations.id,
      issueId: circulations.issueId,
      itemId: circulations.itemId,
      note: circulations.note,
      sentByName: circulations.sentByName,
      sentAt: circulations.sentAt,
      readAt: circulations.readAt,
      officeName: orgs.name,
      itemTitle: items.title,
      issueTitle: publicationIssues.title,
      label: publicationIssues.label,
      publicationName: publications.name,
    })
    .from(circulations)
    .innerJoin(orgs, eq(orgs.id, circulations.officeId))
    .leftJoin(items, eq(items.id, circulations.itemId))
    .leftJoin(publicationIssues, eq(publicationIssues.id, circulations.issueId))
    .leftJoin(publications, eq(publications.id, publicationIssues.publicationId))
    .where(where)
    .orderBy(sql`${circulations.readAt} is not null`, desc(circulations.sentAt), asc(circulations.id))
    .limit(window.limit)
    .offset(window.offset);

  const titles = await firstItemTitles(
    db,
    rows.flatMap((r) => (r.issueId ? [r.issueId] : [])),
  );

  const present = (r: (typeof rows)[number]): MyCirculation => {
    const first = r.issueId ? (titles.get(r.issueId) ?? []) : [];
    const name = r.issueId ? issueLabel(r.publicationName ?? '', r.label ?? '') : '';
    const subjectLine = r.issueTitle ?? first.join('；');
    return {
      id: r.id,
      kind: r.issueId ? 'issue' : 'item',
      issueId: r.issueId,
      itemId: r.itemId,
      title: r.issueId ? (subjectLine ? `${name}：${subjectLine}` : name) : (r.itemTitle ?? ''),
      label: r.label,
      publicationName: r.publicationName,
      firstItemTitles: first,
      officeName: r.officeName,
      sentByName: r.sentByName,
      sentAt: r.sentAt.toISOString(),
      readAt: r.readAt ? r.readAt.toISOString() : null,
      note: r.note,
      actions: r.readAt ? [] : ['read'],
    };
  };
  return {
    items: rows.map(present),
    total,
    ...pageFields(paging),
    counts: { unread: counts.unread, all: counts.all },
  };
}

/** The first few item titles of each issue, in print order. */
async function firstItemTitles(db: Db, issueIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!issueIds.length) return out;
  const rows = await db
    .select({ issueId: issueItems.issueId, title: items.title })
    .from(issueItems)
    .innerJoin(items, eq(items.id, issueItems.itemId))
    .where(inArray(issueItems.issueId, issueIds))
    .orderBy(asc(issueItems.issueId), asc(issueItems.position));
  for (const r of rows) {
    const list = out.get(r.issueId) ?? [];
    if (list.length < FIRST_TITLES) list.push(r.title);
    out.set(r.issueId, list);
  }
  return out;
}
