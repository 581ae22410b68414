import type { TopicStatus } from '../../db/schema/index.ts';
import { periodEnded } from './periods.ts';
import type { TopicReader, TopicRow } from './scope.ts';

export type TopicAction = 'edit' | 'publish' | 'withdraw' | 'tag';

/** What a status allows the office to do: a withdrawn topic is read-only. */
const OFFICE_ACTIONS: Record<TopicStatus, TopicAction[]> = {
  draft: ['edit', 'publish', 'withdraw'],
  published: ['edit', 'withdraw'],
  withdrawn: [],
};

/**
 * What the caller may do with a topic: the office's 信息科 edits, publishes and withdraws; a unit
 * reporting to the office may tag items to a published topic whose period has not ended.
 */
export function topicActions(
  reader: TopicReader,
  row: Pick<TopicRow, 'officeId' | 'status' | 'periodEnd'>,
  today: string,
): TopicAction[] {
  if (reader.staffOfficeIds.includes(row.officeId)) return [...OFFICE_ACTIONS[row.status]];
  if (reader.memberOfficeIds.includes(row.officeId) && row.status === 'published' && !periodEnded(row, today))
    return ['tag'];
  return [];
}

export const allows = (status: TopicStatus, action: TopicAction) => OFFICE_ACTIONS[status].includes(action);
