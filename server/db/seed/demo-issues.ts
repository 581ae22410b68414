import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { formatIssueLabel } from '../../modules/publications/index.ts';
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
import {
  beijing,
  DAY,
  demoYear,
  HOUR,
  officeBefore,
  officeHours,
  parts,
  Rng,
  ymd,
} from './demo-items-kit.ts';

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
 * The issues of 《汾阳政务信息》 from the demo year to today: 汾阳's accepted items, in the order they
 * were accepted, printed four to six at a time, each issue signed by the chief editor a working day
 * or two after its last item was accepted and published the same day — so the archive, the
 * adoption records of the units and the issue numbers (2025年第1期 … and this year's 2026年第1期 …)
 * look like work done. Each year has its own series. The newest accepted items are left for the
 * next issue a user makes. With `archive`, each issue's final DOCX is archived as publishing would.
 * Runs after the demo items, in the same transaction; deterministic for a given `now`.
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
        lt(items.decidedAt, now),
      ),
    )
    .orderBy(asc(items.decidedAt), asc(items.serial));
  // This year's next issue, 定版 and waiting for the chief's 签发, holds the items before the queue.
  const lockedCount =
    accepted.filter((a) => parts(a.decidedAt as Date).y === year + 1).length >= LEFT_IN_QUEUE + 2 * MIN_ITEMS
      ? MIN_ITEMS
      : 0;
  const printable = Math.max(0, accepted.length - LEFT_IN_QUEUE - lockedCount);
  const toPrint = accepted.slice(0, printable);
  const toLock = accepted.slice(printable, printable + lockedCount);
  const summary: DemoIssuesSummary = { issues: 0, items: 0 };
  for (const y of [year, year + 1]) {
    const ofYear = toPrint.filter((a) => parts(a.decidedAt as Date).y === y);
    const until = new Date(Math.min(beijing(y, 12, 31, 17, 0).getTime(), now.getTime() - 3 * HOUR));
    const context = { pub, office, editor, chief, year: y, until, totalBefore: summary.issues, archive };
    const printed = await printYear(tx, context, ofYear);
    summary.issues += printed.issues;
    summary.items += printed.items;
  }
  if (toLock.length) {
    const ofPublication = and(
      eq(publicationIssues.publicationId, pub.id),
      eq(publicationIssues.year, year + 1),
    );
    const number = (await tx.$count(publicationIssues, ofPublication)) + 1;
    // 总第N期 of the demo year's issues and this year's so far, then this one.
    const totalBefore = summary.issues - (number - 1);
    const thisYear = { pub, office, editor, chief, year: year + 1, until: now, totalBefore };
    await lockNextIssue(tx, thisYear, number, toLock, now);
    summary.issues += 1;
  }
  return summary;
}

/**
 * The next issue of this year as the editor left it this morning: four items added and 定版,
 * waiting for the chief editor's 签发 (his home page shows 刊物待签发).
 */
async function lockNextIssue(
  tx: Db,
  ctx: Omit<YearContext, 'archive'>,
  number: number,
  batch: readonly { id: string; decidedAt: Date | null }[],
  now: Date,
): Promise<void> {
  const { pub, office, editor, chief, year } = ctx;
  const lastAccepted = Math.max(...batch.map((b) => (b.decidedAt as Date).getTime()));
  const lockedAt = new Date(Math.max(lastAccepted + HOUR, officeBefore(now, 90).getTime()));
  const addedAt = new Date(lockedAt.getTime() - 30 * 60_000);
  const totalNumber = ctx.totalBefore + number;
  const label = formatIssueLabel(pub, { year, number, totalNumber });
  const [issue] = await tx
    .insert(publicationIssues)
    .values({
      publicationId: pub.id,
      officeId: office.id,
      seriesKey: String(year),
      year,
      number,
      totalNumber,
      label,
      status: 'locked',
      distribution: pub.distribution,
      printCount: pub.printCount,
      responsibleEditorId: editor.id,
      responsibleEditorName: editor.name,
      signerId: chief.id,
      signerName: chief.name,
      lockedAt,
      lockedById: editor.id,
      createdById: editor.id,
      createdByName: editor.name,
      createdAt: new Date(addedAt.getTime() - 30 * 60_000),
      updatedAt: lockedAt,
    })
    .returning({ id: publicationIssues.id });
  const ids = batch.map((b) => b.id);
  await tx
    .insert(issueItems)
    .values(batch.map((b, i) => ({ issueId: issue.id, itemId: b.id, position: i + 1 })));
  await tx
    .update(items)
    .set({ status: 'in_issue', version: sql`${items.version} + 1`, updatedAt: addedAt })
    .where(inArray(items.id, ids));
  await tx.insert(itemEvents).values(
    batch.map((b) => ({
      itemId: b.id,
      at: addedAt,
      actorId: editor.id,
      actorName: editor.name,
      actorUnitName: office.name,
      action: 'add_to_issue',
      fromStatus: 'accepted' as const,
      toStatus: 'in_issue' as const,
      data: { issueId: issue.id, label, publicationName: pub.name },
    })),
  );
}

type YearContext = {
  pub: typeof publications.$inferSelect;
  office: typeof orgs.$inferSelect;
  editor: { id: string; name: string };
  chief: { id: string; name: string };
  year: number;
  /** No issue is signed after this instant (the year's end, or just before today). */
  until: Date;
  /** Issues printed in earlier years: 总第N期 runs on across the years. */
  totalBefore: number;
  archive?: ArchiveDocx;
};

/** One year's series: issues 1…N of the items accepted that year. */
async function printYear(
  tx: Db,
  ctx: YearContext,
  toPrint: readonly { id: string; decidedAt: Date | null }[],
): Promise<DemoIssuesSummary> {
  const { pub, office, editor, chief, year, archive } = ctx;
  const rng = new Rng(0x4655_0001 ^ year);
  const yearEnd = ctx.until.getTime();
  let number = 0;
  let printed = 0;
  for (let at = 0; at < toPrint.length; ) {
    // Four to six items an issue, never leaving a rest that cannot make full issues (1–3 or 7).
    const left = toPrint.length - at;
    const sizes = Array.from({ length: MAX_ITEMS - MIN_ITEMS + 1 }, (_, i) => MIN_ITEMS + i).filter(
      (n) => n === left || (n < left && fillsIssues(left - n)),
    );
    const size = left <= MAX_ITEMS || sizes.length === 0 ? left : rng.pick(sizes);
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
    const totalNumber = ctx.totalBefore + number;
    const label = formatIssueLabel(pub, { year, number, totalNumber });
    const [issue] = await tx
      .insert(publicationIssues)
      .values({
        publicationId: pub.id,
        officeId: office.id,
        seriesKey: String(year),
        year,
        number,
        totalNumber,
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

/** Whether `n` items make whole issues of MIN_ITEMS to MAX_ITEMS each. */
function fillsIssues(n: number): boolean {
  return n >= MIN_ITEMS && (n <= MAX_ITEMS || n >= 2 * MIN_ITEMS);
}

/** The same time on the next Monday when `t` falls on a weekend. */
function nextWorkday(t: Date): Date {
  let out = t;
  while (!parts(out).weekday) out = new Date(out.getTime() + DAY);
  return out;
}
