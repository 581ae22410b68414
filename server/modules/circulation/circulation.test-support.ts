import { asc, count, eq } from 'drizzle-orm';
import {
  auditEvents,
  circulations,
  type IssueStatus,
  issueItems,
  itemEvents,
  portalQueue,
  publicationIssues,
  users,
} from '../../db/schema/index.ts';
import type { TestApp } from '../../test/helpers.ts';
import { makeUser, publicationByName } from '../items/test-factory.ts';

/**
 * Fixtures for circulation and portal tests: issues inserted directly in any state (the issues
 * API is not needed to reach a published issue), real actors for scope checks, and a count of
 * everything a refused request must leave alone.
 */

let nextNumber = 0;

/** An issue of 《汾阳政务信息》 (or `publication`) holding `itemIds` in that order. */
export async function makeIssue(
  t: TestApp,
  opts: { status?: IssueStatus; itemIds?: string[]; publication?: string; title?: string } = {},
) {
  const db = t.database.db;
  const publication = await publicationByName(t, opts.publication ?? '汾阳政务信息');
  nextNumber += 1;
  const status = opts.status ?? 'published';
  const published = status === 'published';
  const [issue] = await db
    .insert(publicationIssues)
    .values({
      publicationId: publication.id,
      officeId: publication.officeId,
      seriesKey: '2020',
      year: 2020,
      number: nextNumber,
      totalNumber: 9000 + nextNumber,
      label: `2020年第${nextNumber}期`,
      title: opts.title ?? null,
      status,
      distribution: publication.distribution,
      printCount: publication.printCount,
      issueDate: published ? '2020-06-01' : null,
      publishedAt: published ? new Date() : null,
      createdByName: '测试编辑',
    })
    .returning();
  if (opts.itemIds?.length) {
    await db
      .insert(issueItems)
      .values(opts.itemIds.map((itemId, i) => ({ issueId: issue.id, itemId, position: i + 1 })));
  }
  return issue;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** An office leader account besides the demo `leader` (active unless told). */
export async function makeLeader(t: TestApp, username: string, orgCode: string, active = true) {
  const user = await makeUser(t, username, orgCode, ['leader']);
  if (!active) await t.database.db.update(users).set({ active: false }).where(eq(users.id, user.id));
  return user;
}

/** Everything a refused circulation or portal request must leave as it was. */
export async function tally(t: TestApp) {
  const db = t.database.db;
  const [audits] = await db.select({ n: count() }).from(auditEvents);
  const [events] = await db.select({ n: count() }).from(itemEvents);
  return {
    circulations: await db.select().from(circulations).orderBy(asc(circulations.id)),
    portal: await db.select().from(portalQueue).orderBy(asc(portalQueue.id)),
    audits: audits.n,
    itemEvents: events.n,
  };
}
