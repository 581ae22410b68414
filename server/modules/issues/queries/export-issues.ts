import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { formatDateTime, listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import type { IssueFilter, IssueSummary } from '../schemas.ts';
import { listIssues } from './list-issues.ts';

/** 本期要目 as the list shows it: the issue's subject, else its first items' titles. */
const contents = (i: IssueSummary) =>
  i.title ?? `${i.firstItemTitles.join('；')}${i.itemCount > i.firstItemTitles.length ? ' 等' : ''}`;

const COLUMNS: XlsxColumn<IssueSummary>[] = [
  { header: '刊物', width: 20, value: (i) => i.publicationName },
  { header: '期号', width: 24, value: (i) => i.label },
  { header: '年度', width: 8, value: (i) => i.year },
  { header: '总期号', width: 8, value: (i) => i.totalNumber },
  { header: '本期要目', width: 60, value: contents },
  { header: '条数', width: 8, value: (i) => i.itemCount },
  { header: '状态', width: 10, value: (i) => i.statusLabel },
  { header: '签发日期', width: 12, value: (i) => i.issueDate ?? '' },
  { header: '签发人', width: 10, value: (i) => i.signerName ?? '' },
  { header: '责任编辑', width: 10, value: (i) => i.responsibleEditorName ?? '' },
  { header: '发布时间', width: 18, value: (i) => formatDateTime(i.publishedAt) },
  { header: '更新时间', width: 18, value: (i) => formatDateTime(i.updatedAt) },
];

/** The issue list as an Excel workbook: `listIssues` under the same filters, every row, in scope. */
export async function exportIssues(db: Db, actor: Actor, filter: IssueFilter, now: Date) {
  const { items } = await listIssues(db, actor, filter, 'all');
  return listWorkbook('刊物期次', COLUMNS, items, now);
}
