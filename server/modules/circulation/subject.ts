import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { items, publicationIssues, publications } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { findIssueForActor } from '../issues/index.ts';
import { findItemForActor, itemLabel } from '../items/index.ts';
import type { CirculationSubject } from './list-circulation.ts';

/** What is circulated, as far as circulation needs to know. */
export type LoadedSubject = {
  kind: 'issue' | 'item';
  id: string;
  officeId: string;
  status: string;
  /** For the audit log: 《汾阳政务信息》2026年第3期, or 第 12 号信息《…》. */
  label: string;
};

/** An issue's name as people say it. */
export const issueLabel = (publicationName: string, label: string) => `《${publicationName}》${label}`;

/** Loads the issue or item the caller may read (404 otherwise), locking it when `forUpdate`. */
export async function loadSubject(
  tx: Db,
  actor: Actor,
  subject: CirculationSubject,
  forUpdate = false,
): Promise<LoadedSubject> {
  if (subject.issueId) {
    const issue = await findIssueForActor(tx, actor, subject.issueId, forUpdate);
    const [publication] = await tx
      .select({ name: publications.name })
      .from(publications)
      .where(eq(publications.id, issue.publicationId));
    return {
      kind: 'issue',
      id: issue.id,
      officeId: issue.officeId,
      status: issue.status,
      label: issueLabel(publication?.name ?? '', issue.label),
    };
  }
  const item = await findItemForActor(tx, actor, subject.itemId ?? '', forUpdate);
  return { kind: 'item', id: item.id, officeId: item.officeId, status: item.status, label: itemLabel(item) };
}

/** The audit label of a circulation's subject, read without a scope (the caller already has it). */
export async function subjectLabelOf(tx: Db, subject: { issueId: string | null; itemId: string | null }) {
  if (subject.issueId) {
    const [row] = await tx
      .select({ name: publications.name, label: publicationIssues.label })
      .from(publicationIssues)
      .innerJoin(publications, eq(publications.id, publicationIssues.publicationId))
      .where(eq(publicationIssues.id, subject.issueId));
    return row ? issueLabel(row.name, row.label) : null;
  }
  if (!subject.itemId) return null;
  const [row] = await tx
    .select({ serial: items.serial, title: items.title })
    .from(items)
    .where(eq(items.id, subject.itemId));
  return row ? itemLabel(row) : null;
}
