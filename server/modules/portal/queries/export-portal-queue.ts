import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { formatDateTime, listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import type { PortalEntry, PortalFilter } from '../schemas.ts';
import { listPortalQueue } from './list-portal-queue.ts';

const COLUMNS: XlsxColumn<PortalEntry>[] = [
  { header: '编号', width: 8, value: (e) => e.serial },
  { header: '标题', width: 50, value: (e) => e.title },
  { header: '报送单位', width: 20, value: (e) => e.unitName },
  {
    header: '刊物期号',
    width: 30,
    value: (e) => (e.issueLabel ? `《${e.publicationName ?? ''}》${e.issueLabel}` : '单独推送'),
  },
  { header: '状态', width: 14, value: (e) => e.statusLabel },
  { header: '推送人', width: 10, value: (e) => e.queuedByName },
  { header: '推送时间', width: 18, value: (e) => formatDateTime(e.queuedAt) },
  { header: '撤回时间', width: 18, value: (e) => formatDateTime(e.withdrawnAt) },
  { header: '撤回原因', width: 30, value: (e) => e.withdrawnReason ?? '' },
  { header: '网站发布时间', width: 18, value: (e) => formatDateTime(e.postedAt) },
];

/** 网站推送 as an Excel workbook: `listPortalQueue` under the same status filter, every row. */
export async function exportPortalQueue(db: Db, actor: Actor, filter: PortalFilter, now: Date) {
  const { items } = await listPortalQueue(db, actor, filter, 'all');
  return listWorkbook('网站推送', COLUMNS, items, now);
}
