import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import type { items } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditAction, type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { AppError, conflict, forbidden } from '../../../lib/errors.ts';
import { notifyItemMoved } from '../notifications.ts';
import { assertNoFatalFindings, checkItemQuality } from '../quality.ts';
import {
  assertItemVersion,
  callerFacts,
  type ItemRow,
  recordItemEvent,
  updateItemVersioned,
} from '../repository.ts';
import { checkTransition, type ItemAction, STATUS_LABELS, type Transition } from '../workflow.ts';

/** What a transition command adds to the common sequence: extra column values, timeline data. */
export type TransitionEffects = {
  values?: Partial<typeof items.$inferInsert>;
  eventData?: Record<string, unknown>;
  auditAction?: AuditAction;
  auditDiff?: Record<string, unknown>;
  /** Runs after the item's own timeline event, e.g. to start another item's timeline after it. */
  afterEvent?: () => Promise<void>;
  /** A line for the notification the move sends (e.g. the publication that will print it). */
  notice?: string;
};

export type TransitionInput = { version?: number; reason?: string };

/** The code of a missing-reason refusal, so a batch can tell it from a refusal of one item. */
export const REASON_REQUIRED = 'REASON_REQUIRED';

const REASON_MESSAGES: Partial<Record<ItemAction, string>> = {
  return: '请填写退回原因',
  signer_return: '请填写退回原因',
  reject: '请填写退稿原因',
};

/** Turns a refusal of the transition table into the HTTP error the user sees (403 or 409). */
export function assertTransition(action: ItemAction, row: ItemRow, actor: Actor): Transition {
  const check = checkTransition(action, row, callerFacts(actor));
  if (check.ok) return check.transition;
  throw check.refusal.status === 403 ? forbidden(check.refusal.message) : conflict(check.refusal.message);
}

/** A reason-requiring action without a reason; checked after role, state and version. */
export function assertReason(transition: Transition, reason: string | undefined): void {
  if (!transition.reasonRequired || reason) return;
  throw new AppError(
    400,
    REASON_REQUIRED,
    REASON_MESSAGES[transition.action] ?? `请填写${transition.label}的原因`,
  );
}

/**
 * The one sequence every transition follows, on a row the caller already loaded within scope
 * and locked: table check (403, then 409) → version (409) → reason (400) → the command's own
 * checks and side effects → versioned update → timeline and audit rows, all in `tx`. Nothing
 * is written before the last check passes, so a refusal leaves no trace.
 */
export async function applyTransition(
  tx: Db,
  actor: Actor,
  audit: AuditContext,
  row: ItemRow,
  action: ItemAction,
  input: TransitionInput,
  effects?: (transition: Transition) => Promise<TransitionEffects>,
): Promise<ItemRow> {
  const transition = assertTransition(action, row, actor);
  if (input.version !== undefined) assertItemVersion(row, input.version);
  assertReason(transition, input.reason);
  const extra = effects ? await effects(transition) : {};
  const toStatus = transition.to ?? row.status;
  const updated = await updateItemVersioned(tx, row.id, row.version, {
    ...extra.values,
    status: toStatus,
  });
  await recordItemEvent(tx, actor, row.id, {
    action,
    fromStatus: row.status,
    toStatus: transition.to,
    reason: input.reason ?? null,
    data: extra.eventData ?? null,
  });
  await extra.afterEvent?.();
  await notifyItemMoved(tx, updated, action, { reason: input.reason, detail: extra.notice });
  await recordAudit(tx, audit, {
    action: extra.auditAction ?? 'item.transition',
    targetType: 'item',
    targetId: row.id,
    targetLabel: itemLabel(row),
    diff: {
      action: transition.label,
      status: [STATUS_LABELS[row.status], STATUS_LABELS[toStatus]],
      ...(input.reason ? { reason: input.reason } : {}),
      ...extra.auditDiff,
    },
  });
  return updated;
}

/** How an item is named in audit entries and batch errors: its number and title. */
export function itemLabel(row: Pick<ItemRow, 'serial' | 'title'>): string {
  return `第 ${row.serial} 号信息《${row.title}》`;
}

/**
 * Runs the quality rules on the item's current text before it leaves the writer (提交签发) or
 * the unit (签发); fatal findings refuse the transition with the findings in details.
 */
export async function assertItemQuality(
  ctx: AppContext,
  tx: Db,
  row: ItemRow,
  signerName?: string,
): Promise<void> {
  const findings = await checkItemQuality(ctx, tx, {
    title: row.title,
    body: row.body,
    authorPhone: row.authorPhone ?? '',
    ...(signerName !== undefined ? { signerName } : {}),
    itemId: row.id,
    unitId: row.submittingUnitId,
    officeId: row.officeId,
  });
  assertNoFatalFindings(findings);
}

/**
 * A refusal about one of several items (batch, merge) names the item by its number, so the
 * editor can find it in the selection. A missing reason is about the request, not one item.
 */
export function naming(error: unknown, row: Pick<ItemRow, 'serial'>): unknown {
  if (!(error instanceof AppError) || error.code === REASON_REQUIRED) return error;
  return new AppError(
    error.statusCode,
    error.code,
    `第 ${row.serial} 号信息：${error.message}`,
    error.details,
  );
}
