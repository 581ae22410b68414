import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { commissions, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { type Clock, chinaDate } from '../../../lib/clock.ts';
import { badRequest } from '../../../lib/errors.ts';
import { uniqueOrConflict } from '../../../lib/records.ts';
import { markFactsChanged } from '../../assessment/index.ts';
import { notify } from '../../notifications/index.ts';
import { formatDeadline } from '../deadlines.ts';
import { commissionNumberLabel, officeDocumentCode } from '../numbering.ts';
import { findCommission } from '../scope.ts';
import {
  assertFuture,
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
 * 下发: the draft takes the next number of its year at its office (汾政办约〔2026〕3号) under a
 * lock on the office's row, so two issues never take one number (the unique index
 * `commissions_number` is the last guard), and every target unit's 信息员 and 签发人 are told on
 * every channel.
 */
export function issueCommission(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number },
  audit: AuditContext,
  clock: Clock,
) {
  return db.transaction(async (tx) => {
    const row = await findCommission(tx, actor, id, true);
    checkCommission(actor, row, 'issue');
    assertVersion(row, input.version);
    const now = clock.now();
    assertFuture(row.deadline, now);
    const units = await targetUnitIds(tx, row.id);
    if (units.length === 0) throw badRequest('请先选择约稿单位');
    // FOR NO KEY UPDATE: serialises the office's numbering without blocking rows that refer to it.
    await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, row.officeId)).for('no key update');
    const year = Number(chinaDate(now).slice(0, 4));
    const [last] = await tx
      .select({ n: max(commissions.number) })
      .from(commissions)
      .where(and(eq(commissions.officeId, row.officeId), eq(commissions.year, year)));
    const number = (last?.n ?? 0) + 1;
    const after = await uniqueOrConflict(
      bump(
        tx,
        row,
        { status: 'issued', year, number, issuedAt: now, issuedByName: actor.displayName },
        clock,
      ),
      '约稿编号已被占用，请重试',
    );
    const label = commissionNumberLabel(await officeDocumentCode(tx, row.officeId), year, number);
    await markFactsChanged(tx, row.officeId);
    await recordAudit(tx, audit, {
      action: 'commission.issued',
      targetType: 'commission',
      targetId: row.id,
      targetLabel: commissionLabel(after),
      diff: { number: label, units: units.length, deadline: formatDeadline(row.deadline) },
    });
    await notify(tx, {
      userIds: await unitHandlers(tx, units),
      officeId: row.officeId,
      kind: 'commission_issued',
      title: `约稿通知：${row.topic}（请于 ${formatDeadline(row.deadline)} 前报送）`,
      body: `${label}\n${row.requirements.slice(0, 300)}`,
      link: commissionLink(row.id),
      subject: { type: 'commission', id: row.id },
      at: now,
    });
    await refreshLists(tx, row.officeId, units);
    return after;
  });
}
