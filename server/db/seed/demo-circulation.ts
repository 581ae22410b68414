import { and, desc, eq, inArray, isNotNull, lt, max } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { circulations, itemEvents, items, orgs, publicationIssues, users } from '../schema/index.ts';
import { HOUR, MINUTE } from './demo-items-kit.ts';

/** Issues and items the office has sent its leader to read (传阅). */
const ISSUES = 3;
const ITEMS = 3;

export type DemoCirculationSummary = { issues: number; items: number; unread: number };

/**
 * What 汾阳's editor circulated to the 副市长: the newest published issues of 《汾阳政务信息》 and
 * the items it took last, each sent soon after it was published or taken; the older
 * ones read a few hours later, the newest issue and item still unread — so the leader's 传阅件 and
 * the office's read times show work in progress. Item circulations are on the item's timeline, as
 * the 传阅 command writes them. Runs after the demo issues, in the same transaction.
 */
export async function seedDemoCirculation(tx: Db, now: Date): Promise<DemoCirculationSummary> {
  const [office] = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.code, 'fy'));
  const people = await tx
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users)
    .where(inArray(users.username, ['editor', 'leader']));
  const editor = people.find((u) => u.username === 'editor');
  const leader = people.find((u) => u.username === 'leader');
  if (!office || !editor || !leader) throw new Error('演示数据缺少汾阳市政府办、编辑或领导');
  const cutoff = new Date(now.getTime() - HOUR);
  const readAfter = (sentAt: Date, newest: boolean) => {
    const at = new Date(sentAt.getTime() + 3 * HOUR);
    return newest || at.getTime() > cutoff.getTime() ? null : at;
  };
  const base = { officeId: office.id, recipientId: leader.id, recipientName: leader.name };
  const sentBy = { sentById: editor.id, sentByName: editor.name };

  const issues = await tx
    .select({ id: publicationIssues.id, publishedAt: publicationIssues.publishedAt })
    .from(publicationIssues)
    .where(
      and(
        eq(publicationIssues.officeId, office.id),
        eq(publicationIssues.status, 'published'),
        isNotNull(publicationIssues.publishedAt),
      ),
    )
    .orderBy(desc(publicationIssues.publishedAt))
    .limit(ISSUES);
  const issueRows = issues
    .map((issue, i) => {
      const sentAt = new Date((issue.publishedAt as Date).getTime() + 30 * MINUTE);
      return { ...base, ...sentBy, issueId: issue.id, sentAt, readAt: readAfter(sentAt, i === 0) };
    })
    .filter((row) => row.sentAt.getTime() <= cutoff.getTime());

  // The items taken last; each sent after the last thing that happened to it.
  const lastEvent = tx
    .select({ itemId: itemEvents.itemId, at: max(itemEvents.at).as('last_at') })
    .from(itemEvents)
    .groupBy(itemEvents.itemId)
    .as('last_event');
  const taken = await tx
    .select({ id: items.id, status: items.status, lastAt: lastEvent.at })
    .from(items)
    .innerJoin(lastEvent, eq(lastEvent.itemId, items.id))
    .where(
      and(
        eq(items.officeId, office.id),
        inArray(items.status, ['accepted', 'published']),
        lt(lastEvent.at, new Date(cutoff.getTime() - HOUR)),
      ),
    )
    .orderBy(desc(items.decidedAt), desc(items.serial))
    .limit(ITEMS);
  const itemRows = taken.map((item, i) => {
    const sentAt = new Date(new Date(item.lastAt as unknown as string).getTime() + 20 * MINUTE);
    return { ...base, ...sentBy, itemId: item.id, sentAt, readAt: readAfter(sentAt, i === 0) };
  });

  const rows = [...issueRows, ...itemRows];
  if (rows.length) await tx.insert(circulations).values(rows);
  if (itemRows.length)
    await tx.insert(itemEvents).values(
      itemRows.map((row, i) => ({
        itemId: row.itemId,
        at: row.sentAt,
        actorId: editor.id,
        actorName: editor.name,
        actorUnitName: office.name,
        action: 'circulate',
        fromStatus: taken[i]?.status ?? null,
        toStatus: null,
        data: { recipients: [leader.name], skipped: [] },
      })),
    );
  return {
    issues: issueRows.length,
    items: itemRows.length,
    unread: rows.filter((r) => r.readAt === null).length,
  };
}
