import { todayInChina } from '../orgs/index.ts';
import { periodCovers, periodEnded, periodLabel, TOPIC_STATUS_LABELS } from './periods.ts';
import { topicActions } from './policy.ts';
import type { TopicRowView, TopicStats } from './schemas.ts';
import type { TopicReader, TopicRow } from './scope.ts';

/**
 * A topic as a list row: its period in words, where the period stands today, the figures (for the
 * office that set it) and what the caller may do with it.
 */
export function presentTopicRow(
  row: TopicRow,
  officeName: string,
  reader: TopicReader,
  now: Date,
  stats: TopicStats | null,
): TopicRowView {
  const today = todayInChina(now);
  return {
    id: row.id,
    office: { id: row.officeId, name: officeName },
    title: row.title,
    description: row.description,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    periodLabel: periodLabel(row.periodStart, row.periodEnd),
    status: row.status,
    statusLabel: TOPIC_STATUS_LABELS[row.status],
    sortOrder: row.sortOrder,
    current: periodCovers(row, today),
    ended: periodEnded(row, today),
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    version: row.version,
    stats: reader.staffOfficeIds.includes(row.officeId) ? stats : null,
    actions: topicActions(reader, row, today),
  };
}

export const topicLink = (id: string) => `/topics/${id}`;
export const topicLabel = (row: Pick<TopicRow, 'title' | 'periodStart' | 'periodEnd'>) =>
  `${row.title}（${periodLabel(row.periodStart, row.periodEnd)}）`;
