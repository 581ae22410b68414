import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { formatIssueLabel } from '../../modules/publications/numbering.ts';
import type { Db } from '../client.ts';
import {
  issueItems,
  itemEvents,
  items,
  orgs,
  publicationIssues,
  publications,
  upperAdoptions,
  users,
} from '../schema/index.ts';
import { beijing, DAY, demoYear, HOUR, officeHours, parts, Rng, ymd } from './demo-items-kit.ts';

const PUBLICATION = '汾阳政务信息';
/** Items per issue: a county 简报 prints four to six. */
const MIN_ITEMS = 4;
const MAX_ITEMS = 6;
/** The newest accepted items stay in the adoption queue, waiting for the next issue. */
const LEFT_IN_QUEUE = 12;

export type DemoIssuesSummary = { issues: number; items: number };

/** A published issue's final DOCX, stored the way publishing stores it (set when seeding a real server). */
export type ArchiveDocx = (
  tx: Db,
  issueId: string,
  at: Date,
  by: { id: string; name: string },
) => Promise<void>;

/**
 * The demo year's issues of 《汾阳政务信息》: 汾阳's accepted items of that year, in the order they
 * were accepted, printed four to six at a time, each issue signed by the chief editor a working day
 * or two after its last item was accepted and published the same day — so the archive, the
 * adoption records of the units and the issue numbers (2025年第1期 …) look like a year of work.
 * The newest accepted items are left for the first issue a user makes. With `archive`, each
 * issue's final DOCX is archived as publishing would. Runs after the demo items, in the same
 * transaction; deterministic for a given `now`.
 */
export async function seedDemoIssues(
  tx: Db,
  now: Date = new Date(),
  archive?: ArchiveDocx,
): Promise<DemoIssuesSummary> {
  const year = demoYear(now);
  const [pub] = await tx.select().from(publications).where(eq(publications.name, PUBLICATION));
  const [office] = await tx.select().from(orgs).where(eq(orgs.id, pub.officeId));
  const people = await tx
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users)
    .where(inArray(users.username, ['editor', 'chief']));
  const editor = people.find((u) => u.username === 'editor');
  const chief = people.find((u) => u.username === 'chief');
  if (!pub || !office || !editor || !chief) throw new Error('演示数据缺少汾阳政务信息或其编辑、签发人');

  const accepted = await tx
    .select({ id: items.id, decidedAt: items.decidedAt, version: items.version })
    .from(items)
    .where(
      and(
        eq(items.officeId, office.id),
        eq(items.status, 'accepted'),
        isNotNull(items.decidedAt),
        gte(items.decidedAt, beijing(year, 1, 1)),
        lt(items.decidedAt, beijing(year + 1, 1, 1)),
      ),
    )
    .orderBy(asc(items.decidedAt), asc(items.serial));
  const toPrint = accepted.slice(0, Math.max(0, accepted.length - LEFT_IN_QUEUE));

  const rng = new Rng(0x4655_0001 ^ year);
  const yearEnd = beijing(year, 12, 31, 17, 0).getTime();
  let number = 0;
  let printed = 0;
  for (let at = 0; at < toPrint.length; ) {
    // Four to six items an issue; the last issues share what is left so none is thin.
    const left = toPrint.length - at;
    let size = left <= MAX_ITEMS ? left : rng.int(MIN_ITEMS, MAX_ITEMS);
    if (left - size > 0 && left - size < MIN_ITEMS) size = left - MIN_ITEMS;
    const batch = toPrint.slice(at, at + size);
    at += size;
    number += 1;
    const lastAccepted = batch[batch.length - 1].decidedAt as Date;
    const signedAt = new Date(
      Math.min(
        yearEnd,
        nextWorkday(officeHours(rng, new Date(lastAccepted.getTime() + rng.int(1, 2) * DAY))).getTime(),
      ),
    );
    const lockedAt = new Date(signedAt.getTime() - 2 * HOUR);
    const publishedAt = new Date(signedAt.getTime() + HOUR);
    const label = formatIssueLabel(pub, { year, number, totalNumber: number });
    const [issue] = await tx
      .insert(publicationIssues)
      .values({
        publicationId: pub.id,
        officeId: office.id,
        seriesKey: String(year),
        year,
        number,
        totalNumber: number,
        label,
        status: 'published',
        distribution: pub.distribution,
        printCount: pub.printCount,
        responsibleEditorId: editor.id,
        responsibleEditorName: editor.name,
        signerId: chief.id,
        signerName: chief.name,
        issueDate: ymd(signedAt),
        lockedAt,
        lockedById: editor.id,
        signedAt,
        signedById: chief.id,
        signedByName: chief.name,
        publishedAt,
        publishedById: editor.id,
        createdById: editor.id,
        createdByName: editor.name,
        createdAt: new Date(lockedAt.getTime() - DAY),
        updatedAt: publishedAt,
      })
      .returning({ id: publicationIssues.id });

    const ids = batch.map((b) => b.id);
    const addedAt = new Date(lockedAt.getTime() - HOUR);
    await tx
      .insert(issueItems)
      .values(batch.map((b, i) => ({ issueId: issue.id, itemId: b.id, position: i + 1 })));
    await tx
      .update(items)
      .set({ status: 'published', version: sql`${items.version} + 2`, updatedAt: publishedAt })
      .where(inArray(items.id, ids));
    const data = { issueId: issue.id, label, publicationName: pub.name };
    await tx.insert(itemEvents).values(
      batch.flatMap((b) => [
        {
          itemId: b.id,
          at: addedAt,
          actorId: editor.id,
          actorName: editor.name,
          actorUnitName: office.name,
          action: 'add_to_issue',
          fromStatus: 'accepted' as const,
          toStatus: 'in_issue' as const,
          data,
        },
        {
          itemId: b.id,
          at: publishedAt,
          actorId: editor.id,
          actorName: editor.name,
          actorUnitName: office.name,
          action: 'publish',
          fromStatus: 'in_issue' as const,
          toStatus: 'published' as const,
          data,
        },
      ]),
    );
    await tx.insert(upperAdoptions).values(
      batch.map((b) => ({
        itemId: b.id,
        publicationId: pub.id,
        adoptionKind: '全文采用',
        adoptedOn: ymd(signedAt),
        issueLabel: label,
        issueId: issue.id,
        recordedBy: editor.id,
        recordedByName: editor.name,
        recordedAt: publishedAt,
      })),
    );
    // What happened to these items once in the issue (转报, 上级采用登记) starts from its new status.
    await tx
      .update(itemEvents)
      .set({ fromStatus: 'in_issue' })
      .where(
        and(
          inArray(itemEvents.itemId, ids),
          gt(itemEvents.at, addedAt),
          lte(itemEvents.at, publishedAt),
          isNull(itemEvents.toStatus),
          eq(itemEvents.fromStatus, 'accepted'),
        ),
      );
    await tx
      .update(itemEvents)
      .set({ fromStatus: 'published' })
      .where(
        and(
          inArray(itemEvents.itemId, ids),
          gt(itemEvents.at, publishedAt),
          isNull(itemEvents.toStatus),
          eq(itemEvents.fromStatus, 'accepted'),
        ),
      );
    await archive?.(tx, issue.id, publishedAt, editor);
    printed += batch.length;
  }
  return { issues: number, items: printed };
}

/** The same time on the next Monday when `t` falls on a weekend. */
function nextWorkday(t: Date): Date {
  let out = t;
  while (!parts(out).weekday) out = new Date(out.getTime() + DAY);
  return out;
}
