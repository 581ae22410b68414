import { and, desc, eq, gte, inArray, isNotNull, isNull, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { assessmentAdjustments, orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';
import { badRequest, forbidden } from '../../../lib/errors.ts';
import { listWorkbook } from '../../../lib/xlsx.ts';
import { assertCanRead, defaultOffice, readerOf } from '../access.ts';
import { formatAmount } from '../engine/decimal.ts';
import type { AdjustmentListQuery, AdjustmentView } from './schemas.ts';
import type { AdjustmentRow } from './shared.ts';

/** The most rows one list returns (an office registers a handful a month). */
const LIMIT = 2000;

/**
 * An office's 加减分登记, newest day first: its 信息科 and leaders see every unit's, a member unit
 * only its own (as with its ledger entries).
 */
export async function listAdjustments(db: Db, actor: Actor, q: AdjustmentListQuery) {
  const reader = readerOf(actor);
  const officeId = q.officeId ?? defaultOffice(reader);
  if (!officeId) throw badRequest('您不属于任何办公室或报送单位，没有可查看的考评');
  assertCanRead(reader, officeId);
  const seesAll = reader.staff.includes(officeId) || reader.leader.includes(officeId);
  const own = reader.member.get(officeId) ?? [];
  if (q.unitId && !seesAll && !own.includes(q.unitId)) throw forbidden('只能查看本单位的加减分');
  const a = assessmentAdjustments;
  const where: (SQL | undefined)[] = [
    eq(a.officeId, officeId),
    q.unitId ? eq(a.unitId, q.unitId) : seesAll ? undefined : inArray(a.unitId, own),
    q.from ? gte(a.on, q.from) : undefined,
    q.to ? lte(a.on, q.to) : undefined,
    q.status === 'active' ? isNull(a.revokedAt) : q.status === 'revoked' ? isNotNull(a.revokedAt) : undefined,
  ];
  const rows = await db
    .select({ row: a, unitName: orgs.name })
    .from(a)
    .innerJoin(orgs, eq(orgs.id, a.unitId))
    .where(and(...where))
    .orderBy(desc(a.on), desc(a.createdAt))
    .limit(LIMIT);
  const total = rows.reduce((s, r) => s + (r.row.revokedAt ? 0 : r.row.points), 0);
  return {
    officeId,
    canManage: reader.staff.includes(officeId),
    rows: rows.map((r) => presentAdjustment(r.row, r.unitName)),
    total: formatAmount(total),
  };
}

export function presentAdjustment(row: AdjustmentRow, unitName: string): AdjustmentView {
  return {
    id: row.id,
    officeId: row.officeId,
    unitId: row.unitId,
    unitName,
    on: row.on,
    points: formatAmount(row.points),
    reason: row.reason,
    basis: row.basis,
    recordedByName: row.recordedByName,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedByName: row.revokedByName,
    revokeReason: row.revokeReason,
    version: row.version,
  };
}

/** The list as on screen, with its filters, to Excel. */
export async function exportAdjustments(
  db: Db,
  actor: Actor,
  q: AdjustmentListQuery,
  now: Date,
  audit: AuditContext,
) {
  const list = await listAdjustments(db, actor, q);
  const file = await listWorkbook<AdjustmentView>(
    '加减分登记',
    [
      { header: '计分日期', width: 12, value: (r) => r.on },
      { header: '单位', width: 24, value: (r) => r.unitName },
      { header: '分值', width: 9, value: (r) => Number(r.points) },
      { header: '事由', width: 40, value: (r) => r.reason },
      { header: '依据', width: 24, value: (r) => r.basis },
      { header: '登记人', width: 10, value: (r) => r.recordedByName },
      { header: '状态', width: 8, value: (r) => (r.revokedAt ? '已撤销' : '有效') },
      { header: '撤销理由', width: 24, value: (r) => r.revokeReason },
    ],
    list.rows,
    now,
  );
  await recordAudit(db, audit, {
    action: 'assessment.exported',
    targetType: 'org',
    targetId: list.officeId,
    targetLabel: '加减分登记',
    diff: { rows: list.rows.length },
  });
  return file;
}
