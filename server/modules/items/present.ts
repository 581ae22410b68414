import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  dictionaryEntries,
  issueItems,
  itemAttachments,
  itemCredits,
  itemEvents,
  items,
  itemVersions,
  orgs,
  portalQueue,
  publicationIssues,
  publications,
  upperAdoptions,
} from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { commissionRef } from '../commissions/index.ts';
import { PORTAL_STATUS_LABELS } from '../portal/index.ts';
import { getWorkflowLimits } from '../settings/index.ts';
import { topicRefs } from '../topics/index.ts';
import { deadlineOf, isOverdue, type WorkflowLimits } from './deadline.ts';
import { itemAsSeenBy } from './office-view.ts';
import { instructionMarkers } from './queries/instruction-markers.ts';
import { callerFacts, findItemForActor, type ItemRow, itemScope } from './repository.ts';
import type { ItemDetail } from './schemas.ts';
import { awaitsUnitSignoff, signoffOf, submittedVersionOf } from './submission.ts';
import { allowedActions, STATUS_LABELS, TRANSITIONS } from './workflow.ts';

/** Timeline labels of events that are not transitions of the table. */
const EVENT_LABELS: Record<string, string> = {
  created: '新建',
  edited: '修改',
  forwarded_in: '收到转报',
  adoption_recorded: '登记上级采用',
  adoption_deleted: '删除采用登记',
  attachment_uploaded: '上传附件',
  attachment_deleted: '删除附件',
  merged_from: '合报生成',
  circulate: '传阅',
  portal_queued: '推送网站',
  portal_withdrawn: '撤回网站推送',
};

/** The Chinese label of a timeline event; unknown codes show as they are. */
export function eventLabel(action: string): string {
  return TRANSITIONS.find((t) => t.action === action)?.label ?? EVENT_LABELS[action] ?? action;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const office = alias(orgs, 'office');
const submitting = alias(orgs, 'submitting');
const origin = alias(orgs, 'origin');
const category = alias(dictionaryEntries, 'category');

/** Names and labels around an item row. */
async function loadNames(db: Db, row: ItemRow) {
  const [names] = await db
    .select({
      officeName: office.name,
      submittingName: submitting.name,
      originName: origin.name,
      categoryLabel: category.label,
      publicationName: publications.name,
    })
    .from(items)
    .innerJoin(office, eq(office.id, items.officeId))
    .innerJoin(submitting, eq(submitting.id, items.submittingUnitId))
    .innerJoin(origin, eq(origin.id, items.originUnitId))
    .leftJoin(category, and(eq(category.dictionary, 'item_category'), eq(category.code, items.categoryCode)))
    .leftJoin(publications, eq(publications.id, items.targetPublicationId))
    .where(eq(items.id, row.id));
  return names;
}

type ChainLink = { id: string; status: ItemRow['status']; officeName: string; forwardedToId: string | null };

/**
 * The forwarded copies above this item (转报 upward: the parent office's copy, its parent's …),
 * nearest first. Only their status, office, adoptions and timeline are shown below: they are
 * copies of this same item, never another unit's.
 */
async function loadUpwardChain(db: Db, row: ItemRow): Promise<ChainLink[]> {
  if (!row.forwardedToId) return [];
  const copies = await db
    .select({ id: items.id, status: items.status, officeName: orgs.name, forwardedToId: items.forwardedToId })
    .from(items)
    .innerJoin(orgs, eq(orgs.id, items.officeId))
    .where(eq(items.rootId, row.rootId ?? row.id));
  const byId = new Map(copies.map((c) => [c.id, c]));
  const chain: ChainLink[] = [];
  for (let next = byId.get(row.forwardedToId); next && !chain.includes(next); ) {
    chain.push(next);
    next = next.forwardedToId ? byId.get(next.forwardedToId) : undefined;
  }
  return chain;
}

async function loadRelated(db: Db, actor: Actor, row: ItemRow) {
  const scoped = (id: string) => and(eq(items.id, id), itemScope(actor));
  const [forwardedFrom] = row.forwardedFromId
    ? await db
        .select({ id: items.id, officeName: orgs.name, status: items.status })
        .from(items)
        .innerJoin(orgs, eq(orgs.id, items.officeId))
        .where(eq(items.id, row.forwardedFromId))
    : [];
  const [followUpOf] = row.followUpOfId
    ? await db.select({ id: items.id, title: items.title }).from(items).where(scoped(row.followUpOfId))
    : [];
  const [mergedInto] = row.mergedIntoId
    ? await db.select({ id: items.id, title: items.title }).from(items).where(scoped(row.mergedIntoId))
    : [];
  const followUps = await db
    .select({ id: items.id, title: items.title, status: items.status })
    .from(items)
    .where(and(eq(items.followUpOfId, row.id), itemScope(actor)))
    .orderBy(asc(items.createdAt));
  return {
    forwardedFrom: forwardedFrom ?? null,
    followUpOf: followUpOf ?? null,
    mergedInto: mergedInto ?? null,
    followUps,
  };
}

async function loadCredits(db: Db, row: ItemRow, originName: string) {
  const rows = await db
    .select({ unitId: itemCredits.unitId, unitName: orgs.name, share: itemCredits.shareMille })
    .from(itemCredits)
    .innerJoin(orgs, eq(orgs.id, itemCredits.unitId))
    .where(eq(itemCredits.itemId, row.id))
    .orderBy(asc(orgs.sortOrder), asc(orgs.code));
  // No rows: the whole credit is the origin unit's (as scoring counts it).
  return rows.length ? rows : [{ unitId: row.originUnitId, unitName: originName, share: 1000 }];
}

async function loadAdoptions(db: Db, itemIds: string[]) {
  const rows = await db
    .select({
      id: upperAdoptions.id,
      publicationId: upperAdoptions.publicationId,
      publicationName: publications.name,
      adoptionKind: upperAdoptions.adoptionKind,
      adoptedOn: upperAdoptions.adoptedOn,
      issueLabel: upperAdoptions.issueLabel,
      recordedByName: upperAdoptions.recordedByName,
      recordedAt: upperAdoptions.recordedAt,
    })
    .from(upperAdoptions)
    .innerJoin(publications, eq(publications.id, upperAdoptions.publicationId))
    .where(inArray(upperAdoptions.itemId, itemIds))
    .orderBy(asc(upperAdoptions.adoptedOn), asc(upperAdoptions.recordedAt));
  // The same adoption may be registered both here and on a copy above; show it once.
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.publicationId) && seen.add(r.publicationId))
    .map(({ publicationId: _, ...r }) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
}

async function loadTimeline(db: Db, row: ItemRow, chain: ChainLink[]) {
  const officeOf = new Map(chain.map((c) => [c.id, c.officeName]));
  const rows = await db
    .select()
    .from(itemEvents)
    .where(inArray(itemEvents.itemId, [row.id, ...chain.map((c) => c.id)]))
    .orderBy(asc(itemEvents.at), asc(itemEvents.id));
  return rows.map((e) => ({
    at: e.at.toISOString(),
    actorName: e.actorName,
    actorUnitName: e.actorUnitName,
    action: e.action,
    actionLabel: eventLabel(e.action),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    reason: e.reason,
    officeName: officeOf.get(e.itemId) ?? null,
  }));
}

/**
 * The issue (期) an item has been put into, if any: the item detail links to it, and its status
 * decides whether the text may still be edited (only while the issue is a draft).
 */
export async function itemIssue(db: Db, itemId: string) {
  const [row] = await db
    .select({
      id: publicationIssues.id,
      label: publicationIssues.label,
      publicationName: publications.name,
      status: publicationIssues.status,
    })
    .from(issueItems)
    .innerJoin(publicationIssues, eq(publicationIssues.id, issueItems.issueId))
    .innerJoin(publications, eq(publications.id, publicationIssues.publicationId))
    .where(eq(issueItems.itemId, itemId));
  return row ?? null;
}

/** Deadline fields of an item under the limits of its receiving office. */
export function deadlineFields(row: ItemRow, limits: WorkflowLimits, now = new Date()) {
  return { deadlineAt: iso(deadlineOf(row, limits)), overdue: isOverdue(row, limits, now) };
}

/**
 * The full item as the caller may see it, with the actions they may take now. Commands call it
 * inside their transaction (pass the `tx`) so the response shows exactly what was committed.
 * 404 when the caller may not read the item.
 */
export async function presentItemDetail(db: Db, actor: Actor, id: string): Promise<ItemDetail> {
  // The office reading a returned item under revision sees the text it returned (office-view.ts).
  const row = await itemAsSeenBy(db, actor, await findItemForActor(db, actor, id));
  const names = await loadNames(db, row);
  const chain = await loadUpwardChain(db, row);
  const related = await loadRelated(db, actor, row);
  const credits = await loadCredits(db, row, names.originName);
  const adoptions = await loadAdoptions(db, [row.id, ...chain.map((c) => c.id)]);
  const attachments = await db
    .select()
    .from(itemAttachments)
    .where(eq(itemAttachments.itemId, row.id))
    .orderBy(asc(itemAttachments.createdAt));
  const versions = await db
    .select()
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, row.id), lte(itemVersions.versionNo, row.currentVersion)))
    .orderBy(asc(itemVersions.versionNo));
  const timeline = await loadTimeline(db, row, chain);
  const limits = await getWorkflowLimits(db, row.officeId);
  const issue = await itemIssue(db, row.id);
  const [portal] = await db
    .select({ status: portalQueue.status })
    .from(portalQueue)
    .where(eq(portalQueue.itemId, row.id));
  const upper = chain[0];
  // Back with the unit: the earlier round's sign-off, submission time and time limit are void.
  const waiting = awaitsUnitSignoff(row);
  const signoff = await signoffOf(db, row);
  const markers = await instructionMarkers(db, [row.rootId ?? row.id]);
  return {
    instructions: markers.get(row.rootId ?? row.id) ?? [],
    id: row.id,
    serial: row.serial,
    title: row.title,
    body: row.body,
    categoryCode: row.categoryCode,
    categoryLabel: names.categoryLabel ?? row.categoryCode,
    priority: row.priority,
    secrecy: row.secrecy,
    keywords: row.keywords,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    office: { id: row.officeId, name: names.officeName },
    submittingUnit: { id: row.submittingUnitId, name: names.submittingName },
    originUnit: { id: row.originUnitId, name: names.originName },
    author: { id: row.authorId, name: row.authorName, phone: row.authorPhone },
    signer: waiting ? null : signoff.signer,
    forwardedBy: signoff.forwardedBy,
    eventAt: iso(row.eventAt),
    submittedAt: waiting ? null : iso(row.submittedAt),
    ...(waiting ? { deadlineAt: null, overdue: false } : deadlineFields(row, limits)),
    targetPublication:
      row.targetPublicationId && names.publicationName
        ? { id: row.targetPublicationId, name: names.publicationName }
        : null,
    forwardedFrom: related.forwardedFrom,
    forwardedTo: upper ? { id: upper.id, officeName: upper.officeName, status: upper.status } : null,
    followUpOf: related.followUpOf,
    commission: await commissionRef(db, row.commissionId),
    topic: await topicOf(db, row.topicId),
    followUps: related.followUps,
    mergedInto: related.mergedInto,
    credits,
    adoptions,
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      fileName: a.fileName,
      mimeType: a.mimeType,
      sizeBytes: a.sizeBytes,
      url: `/api/attachments/${a.id}`,
    })),
    versions: versions.map((v) => ({
      versionNo: v.versionNo,
      editorName: v.editorName,
      reason: v.reason,
      createdAt: v.createdAt.toISOString(),
    })),
    currentVersion: row.currentVersion,
    submittedVersion: await submittedVersionOf(db, row),
    timeline,
    issue,
    portal: portal ? { status: portal.status, statusLabel: PORTAL_STATUS_LABELS[portal.status] } : null,
    version: row.version,
    actions: allowedActions({ ...row, issueStatus: issue?.status ?? null }, callerFacts(actor)),
  };
}

/** The item's 报送要点 tag, as its page shows it. */
async function topicOf(db: Db, topicId: string | null) {
  if (!topicId) return null;
  const ref = (await topicRefs(db, [topicId])).get(topicId);
  return ref ? { id: ref.id, title: ref.title, periodLabel: ref.periodLabel } : null;
}
