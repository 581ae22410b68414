import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import type { ListFilter, TopicRowView } from '../schemas.ts';
import { readerOf } from '../scope.ts';
import { listTopics } from './list-topics.ts';

type Column = XlsxColumn<TopicRowView>;

const figure = (header: string, key: keyof NonNullable<TopicRowView['stats']>): Column => ({
  header,
  width: 10,
  value: (r) => r.stats?.[key] ?? '',
});

const TOPIC: Column[] = [
  { header: '要点', width: 36, value: (r) => r.title },
  { header: '时段', width: 22, value: (r) => r.periodLabel },
  { header: '开始日期', width: 12, value: (r) => r.periodStart },
  { header: '结束日期', width: 12, value: (r) => r.periodEnd },
  { header: '进度', width: 8, value: (r) => (r.current ? '进行中' : r.ended ? '已结束' : '未开始') },
  { header: '状态', width: 8, value: (r) => r.statusLabel },
  { header: '发布单位', width: 20, value: (r) => r.office.name },
  { header: '报送要求', width: 60, value: (r) => r.description },
];
/** The office's figures per topic (a unit's rows carry none). */
const FIGURES: Column[] = [
  figure('报送', 'submitted'),
  figure('采用', 'accepted'),
  figure('刊发', 'published'),
  figure('上级采用', 'upperAdoptions'),
  figure('单位数', 'units'),
];

/** The topic list as an Excel workbook: `listTopics` under the same filters, every row. */
export async function exportTopics(db: Db, actor: Actor, filter: ListFilter, now: Date) {
  const { items } = await listTopics(db, actor, filter, 'all', now);
  const staff = readerOf(actor).staffOfficeIds.length > 0;
  return listWorkbook('报送要点', staff ? [...TOPIC, ...FIGURES] : TOPIC, items, now);
}
