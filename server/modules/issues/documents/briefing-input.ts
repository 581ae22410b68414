import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { issueItems, items, orgs, publications, type SecrecyLevel } from '../../../db/schema/index.ts';
import type { BriefingInput } from '../../../lib/documents/briefing-docx.ts';
import { paragraphsOf } from '../../items/index.ts';
import { todayInChina } from '../../orgs/index.ts';
import type { IssueRow } from '../repository.ts';

/** What a document of one issue is made from, plus the facts the archive needs about it. */
export type IssueDocument = {
  input: BriefingInput;
  /** False while the issue has no sign-off date: the date printed is today's, not the issue date. */
  signed: boolean;
  /** The download name without extension, e.g. 汾阳政务信息2026年第3期. */
  baseName: string;
};

const SECRECY_RANK: Record<SecrecyLevel, number> = { public: 0, secret: 1, confidential: 2 };
const SECRECY_MARK = { secret: '秘密', confidential: '机密' } as const;

/** The highest secrecy level of the items: the issue is as secret as its most secret item. */
export function highestSecrecy(levels: readonly SecrecyLevel[]): SecrecyLevel {
  return levels.reduce<SecrecyLevel>((top, s) => (SECRECY_RANK[s] > SECRECY_RANK[top] ? s : top), 'public');
}

/** A YYYY-MM-DD calendar date as a local Date at midnight (documents print the calendar day). */
export function calendarDate(ymd: string): Date {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

/** Characters Windows and WPS refuse in file names. */
const UNSAFE_NAME = /[\\/:*?"<>|\p{Cc}]/gu;

/**
 * Loads everything printed on an issue as it stands now: the items in print order with their
 * current title and body, the office and publication names, the secrecy of the most secret item,
 * and the sign-off date (today, unsigned, until the issue is signed). The DOCX, the preview and
 * the PDF are all made from this one value so they cannot disagree.
 */
export async function loadIssueDocument(db: Db, issue: IssueRow, now = new Date()): Promise<IssueDocument> {
  const [names] = await db
    .select({ publicationName: publications.name, officeName: orgs.name })
    .from(publications)
    .innerJoin(orgs, eq(orgs.id, issue.officeId))
    .where(eq(publications.id, issue.publicationId));
  if (!names) throw new Error(`publication ${issue.publicationId} of issue ${issue.id} not found`);
  const rows = await db
    .select({ title: items.title, body: items.body, secrecy: items.secrecy })
    .from(issueItems)
    .innerJoin(items, eq(items.id, issueItems.itemId))
    .where(eq(issueItems.issueId, issue.id))
    .orderBy(asc(issueItems.position));

  const secrecy = highestSecrecy(rows.map((r) => r.secrecy));
  const signed = issue.issueDate !== null;
  const input: BriefingInput = {
    publicationName: names.publicationName,
    issueLabel: issue.label,
    officeName: names.officeName,
    issueDate: calendarDate(issue.issueDate ?? todayInChina(now)),
    secrecy: secrecy === 'public' ? undefined : SECRECY_MARK[secrecy],
    editorNote: issue.editorNote?.trim() || undefined,
    items: rows.map((r) => ({ title: r.title, paragraphs: paragraphsOf(r.body) })),
    distribution: issue.distribution,
    printCount: issue.printCount,
    responsibleEditor: issue.responsibleEditorName ?? undefined,
    signer: issue.signedByName ?? issue.signerName ?? undefined,
    // Before the sign-off every page of the DOCX and the preview carries a 样稿 mark.
    draft: !signed,
  };
  // A file made before the sign-off carries today's date; its name says it is not the issued text.
  const baseName = `${names.publicationName}${issue.label}${signed ? '' : '（未签发样稿）'}`.replace(
    UNSAFE_NAME,
    '_',
  );
  return { input, signed, baseName };
}
