import { count } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { users } from '../../../db/schema/index.ts';
import type { AuditContext } from '../../../lib/audit.ts';
import { recordAudit } from '../../../lib/audit.ts';
import { badRequest } from '../../../lib/errors.ts';
import { ROLE_LABELS } from '../../../lib/roles.ts';
import { buildXlsx, formatDate, formatDateTime, type XlsxColumn } from '../../../lib/xlsx.ts';
import { isLocked } from '../policy.ts';
import type { UserFilter } from '../schemas.ts';
import { loadMemberships, type UserRow, type UserUnit } from './present-users.ts';
import { userConditions, userOrder } from './user-filters.ts';

const MAX_ROWS = 50_000;

type ExportRow = UserRow & { roleNames: string; unitNames: string };

const COLUMNS: XlsxColumn<ExportRow>[] = [
  { header: '用户名', width: 18, value: (u) => u.username },
  { header: '姓名', width: 12, value: (u) => u.displayName },
  { header: '所属单位', width: 36, value: (u) => u.unitNames },
  { header: '角色', width: 20, value: (u) => u.roleNames },
  { header: '手机', width: 16, value: (u) => u.phone },
  { header: '状态', width: 8, value: (u) => (!u.active ? '停用' : isLocked(u) ? '已锁定' : '正常') },
  { header: '最后登录', width: 18, value: (u) => formatDateTime(u.lastLoginAt) },
];

const unitLabel = (units: UserUnit[]) =>
  units.map((u) => (u.isPrimary && units.length > 1 ? `${u.name}（主）` : u.name)).join('、');

/**
 * The filtered user list as an Excel workbook. It carries phone numbers, so the export itself
 * is audited with the filters used.
 */
export async function exportUsers(
  ctx: AppContext,
  filter: UserFilter,
  audit: AuditContext,
): Promise<{ filename: string; body: Buffer }> {
  const where = userConditions(ctx.db, filter);
  const [{ total }] = await ctx.db.select({ total: count() }).from(users).where(where);
  if (total > MAX_ROWS)
    throw badRequest(`符合条件的用户有 ${total} 个，超过一次导出的上限 ${MAX_ROWS}，请缩小范围`);
  const rows = await ctx.db
    .select()
    .from(users)
    .where(where)
    .orderBy(...userOrder(filter));
  const { roles, units } = await loadMemberships(
    ctx.db,
    rows.map((r) => r.id),
  );
  const body = await buildXlsx(
    '用户',
    COLUMNS,
    rows.map((u) => ({
      ...u,
      roleNames: (roles.get(u.id) ?? []).map((r) => ROLE_LABELS[r]).join('、'),
      unitNames: unitLabel(units.get(u.id) ?? []),
    })),
  );
  await ctx.db.transaction((tx) =>
    recordAudit(tx, audit, {
      action: 'user.exported',
      targetType: 'user',
      targetLabel: '用户列表',
      diff: { filter, rows: rows.length },
    }),
  );
  return { filename: `用户列表-${formatDate(new Date())}.xlsx`, body };
}
