import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { formatDateTime, listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import type { MineFilter, MyCirculation } from '../schemas.ts';
import { listMyCirculations } from './list-my-circulations.ts';

const COLUMNS: XlsxColumn<MyCirculation>[] = [
  { header: '类型', width: 8, value: (c) => (c.kind === 'issue' ? '刊物' : '信息') },
  { header: '标题', width: 60, value: (c) => c.title },
  { header: '要目', width: 60, value: (c) => c.firstItemTitles.join('；') },
  { header: '传阅单位', width: 20, value: (c) => c.officeName },
  { header: '传阅人', width: 10, value: (c) => c.sentByName },
  { header: '传阅时间', width: 18, value: (c) => formatDateTime(c.sentAt) },
  { header: '阅读状态', width: 10, value: (c) => (c.readAt ? '已阅' : '未读') },
  { header: '阅读时间', width: 18, value: (c) => formatDateTime(c.readAt) },
  { header: '附言', width: 40, value: (c) => c.note ?? '' },
];

/**
 * The leader's 传阅件 as an Excel workbook: `listMyCirculations` under the same filter, every row.
 * Exporting reads no subject, so it marks nothing read.
 */
export async function exportMyCirculations(db: Db, actor: Actor, filter: MineFilter, now: Date) {
  const { items } = await listMyCirculations(db, actor, filter, 'all');
  return listWorkbook('传阅件', COLUMNS, items, now);
}
