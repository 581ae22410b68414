import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { formatDateTime, listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import type { ItemBox, ItemListFilter, ItemSummary } from '../schemas.ts';
import { PRIORITY_LABELS, SECRECY_LABELS, STATUS_LABELS } from '../workflow.ts';
import { BOX_NAMES, listItems } from './list-items.ts';

type Column = XlsxColumn<ItemSummary>;

const serial: Column = { header: '编号', width: 8, value: (i) => i.serial };
const title: Column = { header: '标题', width: 50, value: (i) => i.title };
const unit: Column = { header: '报送单位', width: 24, value: (i) => i.submittingUnit.name };
const origin: Column = { header: '原报单位', width: 24, value: (i) => i.originUnit.name };
const category: Column = { header: '类别', width: 10, value: (i) => i.categoryLabel };
const priority: Column = { header: '紧急程度', width: 10, value: (i) => PRIORITY_LABELS[i.priority] };
const secrecy: Column = { header: '密级', width: 8, value: (i) => SECRECY_LABELS[i.secrecy] };
const status = (header: string): Column => ({ header, width: 12, value: (i) => i.statusLabel });
const author: Column = { header: '作者', width: 10, value: (i) => i.authorName };
const submitted: Column = { header: '报送时间', width: 18, value: (i) => formatDateTime(i.submittedAt) };
const deadline: Column = { header: '处理时限', width: 18, value: (i) => formatDateTime(i.deadlineAt) };
const overdue: Column = { header: '超时', width: 8, value: (i) => (i.overdue ? '已超时' : '') };
const upper = (header: string): Column => ({
  header,
  width: 28,
  value: (i) => (i.forwardedTo ? `${i.forwardedTo.officeName}：${STATUS_LABELS[i.forwardedTo.status]}` : ''),
});
const adoptions: Column = {
  header: '上级采用',
  width: 48,
  value: (i) =>
    i.adoptions
      .map((a) => `《${a.publicationName}》${a.issueLabel ?? ''} ${a.adoptionKind}（${a.adoptedOn}）`)
      .join('；'),
};

/** Each queue's columns: what its table shows, as text an office can file or count. */
const COLUMNS: Record<ItemBox, Column[]> = {
  inbox: [
    serial,
    title,
    unit,
    origin,
    category,
    priority,
    secrecy,
    status('状态'),
    submitted,
    deadline,
    overdue,
  ],
  mine: [serial, title, status('状态'), category, priority, author, submitted, upper('上级处理'), adoptions],
  signoff: [
    serial,
    title,
    category,
    priority,
    author,
    { header: '提交时间', width: 18, value: (i) => formatDateTime(i.updatedAt) },
  ],
  forwarded: [
    serial,
    title,
    origin,
    status('本办状态'),
    upper('上级办理'),
    adoptions,
    { header: '采用次数', width: 10, value: (i) => i.adoptionCount },
  ],
};

/**
 * A queue as an Excel workbook: the rows of `listItems` under the same box, filters and order,
 * without paging (a total above the export cap is refused there), in the caller's data scope.
 */
export async function exportItems(ctx: AppContext, actor: Actor, query: ItemListFilter, now: Date) {
  const { items } = await listItems(ctx, actor, query, 'all');
  return listWorkbook(BOX_NAMES[query.box], COLUMNS[query.box], items, now);
}
