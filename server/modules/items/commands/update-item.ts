import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { ITEM_STATUSES, itemVersions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, diffRecords, recordAudit } from '../../../lib/audit.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { badRequest, conflict, forbidden } from '../../../lib/errors.ts';
import { assertCommissionForItem } from '../../commissions/index.ts';
import { assertTopicForItem } from '../../topics/index.ts';
import { itemIssue, presentItemDetail } from '../present.ts';
import {
  callerFacts,
  findItemForActor,
  type ItemRow,
  recordItemEvent,
  updateItemVersioned,
} from '../repository.ts';
import type { ItemDetail, UpdateItemInput } from '../schemas.ts';
import { canEdit, STATUS_LABELS } from '../workflow.ts';
import { assertItemCategory } from './create-item.ts';

/** The reason of a text version when the editor gives none. */
export const DEFAULT_EDIT_REASON = '修改';

/** The refusal of an edit to an item whose issue is locked, signed or published. */
export const ISSUE_LOCKED_EDIT = '所在刊物已定版，不能修改信息；请主编/签发领导先解除定版';

/** 403 when the caller could never edit this item, 409 when only its state stands in the way. */
async function assertEditable(tx: Db, row: ItemRow, actor: Actor): Promise<void> {
  const caller = callerFacts(actor);
  const issue = row.status === 'in_issue' ? await itemIssue(tx, row.id) : null;
  const facts = { ...row, issueStatus: issue?.status ?? null };
  if (canEdit(facts, caller)) return;
  const inSomeState = ITEM_STATUSES.some((status) =>
    canEdit({ ...facts, status, issueStatus: 'draft' }, caller),
  );
  if (!inSomeState) throw forbidden('您无权修改此信息');
  if (issue && canEdit({ ...facts, issueStatus: 'draft' }, caller)) throw conflict(ISSUE_LOCKED_EDIT);
  throw conflict(`信息当前状态为“${STATUS_LABELS[row.status]}”，您不能修改`);
}

/**
 * A 约稿 link is the unit's own choice about its own item (an office's copy above never carries
 * one); a new link must name an issued commission sent to the unit (400 otherwise).
 */
async function assertCommissionLink(tx: Db, actor: Actor, row: ItemRow, commissionId: string | null) {
  if (row.forwardedFromId) throw badRequest('转报的信息不能关联约稿');
  if (!actor.units.some((u) => u.id === row.submittingUnitId)) throw forbidden('只有报送单位可以关联约稿');
  if (commissionId) await assertCommissionForItem(tx, commissionId, row);
}

/** The fields the request changes, with their stored values. */
function changesOf(row: ItemRow, input: UpdateItemInput): Partial<ItemRow> {
  const next: Partial<ItemRow> = {};
  if (input.title !== undefined && input.title !== row.title) next.title = input.title;
  if (input.body !== undefined && input.body !== row.body) next.body = input.body;
  if (input.categoryCode !== undefined && input.categoryCode !== row.categoryCode)
    next.categoryCode = input.categoryCode;
  if (input.priority !== undefined && input.priority !== row.priority) next.priority = input.priority;
  if (input.secrecy !== undefined && input.secrecy !== row.secrecy) next.secrecy = input.secrecy;
  if (input.authorPhone !== undefined && input.authorPhone !== row.authorPhone)
    next.authorPhone = input.authorPhone;
  if (input.keywords !== undefined && input.keywords.join('\n') !== row.keywords.join('\n'))
    next.keywords = input.keywords;
  if (input.commissionId !== undefined && (input.commissionId ?? null) !== row.commissionId)
    next.commissionId = input.commissionId ?? null;
  if (input.topicId !== undefined && (input.topicId ?? null) !== row.topicId)
    next.topicId = input.topicId ?? null;
  if (input.eventAt !== undefined) {
    const eventAt = input.eventAt ? new Date(input.eventAt) : null;
    if (eventAt?.getTime() !== row.eventAt?.getTime()) next.eventAt = eventAt;
  }
  return next;
}

/** The audit diff: fields as before/after, the body by version and length (the texts are in item_versions). */
function auditDiff(row: ItemRow, changes: Partial<ItemRow>, versionNo: number | null) {
  const { body, ...rest } = changes;
  const picked = Object.fromEntries(Object.keys(rest).map((k) => [k, row[k as keyof ItemRow]]));
  const diff: Record<string, unknown> = diffRecords(picked, rest);
  if (body !== undefined) {
    diff.body = [
      `第 ${row.currentVersion} 版（${row.body.length} 字）`,
      `第 ${versionNo} 版（${body.length} 字）`,
    ];
  }
  return diff;
}

/**
 * Saves an edit under optimistic locking. A change of title or body appends a text version with
 * who and why; metadata-only changes bump the row version and are audited but make no text
 * version. Whoever saves on a stale version gets 409 and nothing is written: their text is still
 * in their form, and the winner's is a version row.
 */
export async function updateItem(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateItemInput,
  audit: AuditContext,
): Promise<ItemDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await findItemForActor(tx, actor, id, true);
    await assertEditable(tx, row, actor);
    if (row.version !== input.version) {
      throw conflict('该信息已被他人修改，请刷新后重试（您本次的修改尚未保存，请先复制留存）', {
        currentVersion: row.version,
      });
    }
    const changes = changesOf(row, input);
    if (Object.keys(changes).length === 0) return presentItemDetail(tx, actor, id);
    if (changes.categoryCode !== undefined) await assertItemCategory(tx, changes.categoryCode);
    if (changes.commissionId !== undefined) await assertCommissionLink(tx, actor, row, changes.commissionId);
    if (changes.topicId) {
      if (row.forwardedFromId) throw badRequest('转报的信息不能选择报送要点');
      await assertTopicForItem(tx, changes.topicId, row.officeId, chinaDate(ctx.clock.now()));
    }
    const reason = input.reason || DEFAULT_EDIT_REASON;
    const textChanged = changes.title !== undefined || changes.body !== undefined;
    const versionNo = textChanged ? row.currentVersion + 1 : null;
    const after = await updateItemVersioned(tx, id, input.version, {
      ...changes,
      ...(versionNo ? { currentVersion: versionNo } : {}),
    });
    if (versionNo) {
      await tx.insert(itemVersions).values({
        itemId: id,
        versionNo,
        title: after.title,
        body: after.body,
        editorId: actor.userId,
        editorName: actor.displayName,
        reason,
      });
    }
    const fields = Object.keys(changes);
    await recordItemEvent(tx, actor, id, {
      action: 'edited',
      reason: input.reason || null,
      data: { fields, versionNo },
    });
    await recordAudit(tx, audit, {
      action: 'item.edited',
      targetType: 'item',
      targetId: id,
      targetLabel: `${after.serial} ${after.title}`,
      diff: {
        ...auditDiff(row, changes, versionNo),
        ...(input.reason ? { reason: [null, input.reason] } : {}),
      },
    });
    return presentItemDetail(tx, actor, id);
  });
}
