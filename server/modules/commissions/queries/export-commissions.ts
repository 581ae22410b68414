import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { formatDateTime, listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import type { ListFilter } from '../schemas.ts';
import { readerOf } from '../scope.ts';
import { listCommissions } from './list-commissions.ts';

type Row = Awaited<ReturnType<typeof listCommissions>>['items'][number];
type Column = XlsxColumn<Row>;

const number: Column = { header: '编号', width: 22, value: (r) => r.numberLabel ?? '草稿' };
const topic: Column = { header: '主题', width: 40, value: (r) => r.topic };
const issued: Column = { header: '下发时间', width: 18, value: (r) => formatDateTime(r.issuedAt) };
const deadline: Column = { header: '截止时间', width: 18, value: (r) => r.deadlineLabel };
const status: Column = { header: '状态', width: 10, value: (r) => r.statusLabel };

/** The office's figures per commission, as on its screen. */
const STAFF: Column[] = [
  number,
  topic,
  { header: '拟稿人', width: 10, value: (r) => r.createdByName },
  issued,
  deadline,
  { header: '约稿单位', width: 10, value: (r) => r.counts.total },
  { header: '已读', width: 8, value: (r) => r.counts.read },
  { header: '已报送', width: 8, value: (r) => r.counts.answered },
  { header: '已婉拒', width: 8, value: (r) => r.counts.declined },
  { header: '未答复', width: 8, value: (r) => r.counts.open },
  { header: '逾期答复', width: 10, value: (r) => r.counts.late },
  { header: '未报送', width: 8, value: (r) => r.counts.missed },
  { header: '逾期', width: 8, value: (r) => (r.overdue ? '已逾期' : '') },
  status,
];

/** A unit's own receipt and answer per notice. */
const UNIT: Column[] = [
  number,
  topic,
  { header: '约稿单位', width: 20, value: (r) => r.office.name },
  issued,
  deadline,
  { header: '阅读时间', width: 18, value: (r) => formatDateTime(r.mine?.readAt ?? null) },
  { header: '本单位答复', width: 12, value: (r) => r.mine?.answerLabel ?? '' },
  { header: '答复时间', width: 18, value: (r) => formatDateTime(r.mine?.answeredAt ?? null) },
  { header: '逾期答复', width: 10, value: (r) => (r.mine?.late ? '是' : '') },
  { header: '婉拒原因', width: 30, value: (r) => r.mine?.declineReason ?? '' },
  status,
];

/**
 * The commission list as an Excel workbook: `listCommissions` under the same filters, every row,
 * with the office's figures or the unit's own answer as on the caller's screen.
 */
export async function exportCommissions(db: Db, actor: Actor, filter: ListFilter, now: Date) {
  const { items } = await listCommissions(db, actor, filter, 'all', now);
  const staff = readerOf(actor).staffOfficeIds.length > 0;
  return listWorkbook(staff ? '约稿' : '约稿通知', staff ? STAFF : UNIT, items, now);
}
