import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import type { Clock } from '../../../lib/clock.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { notify } from '../../notifications/index.ts';
import type { CancelInput } from '../schemas.ts';
import { findCommission } from '../scope.ts';
import {
  assertVersion,
  bump,
  checkCommission,
  commissionLabel,
  commissionLink,
  refreshLists,
  targetUnitIds,
  unitHandlers,
} from './shared.ts';

/**
 * 撤销: a draft or an issued commission is withdrawn with a reason (kept in the audit log and told
 * to the units that had received it). A cancelled commission counts against nobody.
 */
export function cancelCommission(
  db: Db,
  actor: Actor,
  id: string,
  input: CancelInput,
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findCommission(tx, actor, id, true);
    checkCommission(actor, row, 'cancel');
    assertVersion(row, input.version);
    const after = await bump(tx, row, { status: 'cancelled', closedAt: clock.now() }, clock);
    await markFactsChanged(tx, row.officeId);
    await recordAudit(tx, audit, {
      action: 'commission.cancelled',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(row),
      diff: { status: [row.status, 'cancelled'], reason: input.reason },
    });
    const units = row.status === 'issued' ? await targetUnitIds(tx, row.id) : [];
    if (units.length) {
      await notify(tx, {
        userIds: await unitHandlers(tx, units),
        officeId: row.officeId,
        kind: 'commission_issued',
        title: `约稿已撤销：${row.topic}`,
        body: `撤销原因：${input.reason}`,
        link: commissionLink(row.id),
        subject: { type: 'commission', id: row.id },
        at: clock.now(),
      });
    }
    await refreshLists(tx, row.officeId, units);
    return after;
  });
}

/**
 * 结束: the office closes an issued commission, before or after its deadline. Units that had not
 * answered by then have missed it (derived: answer still open on a closed commission).
 */
export function closeCommission(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number },
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findCommission(tx, actor, id, true);
    checkCommission(actor, row, 'close');
    assertVersion(row, input.version);
    const after = await bump(tx, row, { status: 'closed', closedAt: clock.now() }, clock);
    await markFactsChanged(tx, row.officeId);
    await recordAudit(tx, audit, {
      action: 'commission.closed',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(row),
      diff: { status: [row.status, 'closed'] },
    });
    await refreshLists(tx, row.officeId, await targetUnitIds(tx, row.id));
    return after;
  });
}
