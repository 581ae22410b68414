import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { listQueryString } from '../../components/list-kit/index.ts';
import type { ItemStatus } from '../items/types.ts';

/** The shapes of server/modules/topics/schemas.ts as JSON (times are ISO strings, dates yyyy-mm-dd). */
export type TopicStatus = 'draft' | 'published' | 'withdrawn';
export type TopicAction = 'edit' | 'publish' | 'withdraw' | 'tag';
export type TopicPeriodFilter = 'current' | 'upcoming' | 'ended';

export type TopicStats = {
  /** Items tagged and submitted to the office (past the unit's sign-off). */
  submitted: number;
  /** Of them, accepted by the office (拟采用, 编入刊物, 已发布). */
  accepted: number;
  /** Printed in a published issue of the office. */
  published: number;
  /** Adoption records by publications of upper offices. */
  upperAdoptions: number;
  /** Distinct submitting units. */
  units: number;
};

export type TopicRow = {
  id: string;
  office: { id: string; name: string };
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  /** 2026年第二季度, 2026年12月, 2026年3月5日至4月10日. */
  periodLabel: string;
  status: TopicStatus;
  statusLabel: string;
  sortOrder: number;
  /** The period covers today. */
  current: boolean;
  /** The period ended before today. */
  ended: boolean;
  createdByName: string;
  createdAt: string;
  publishedAt: string | null;
  version: number;
  /** The office's own topics only; null for a unit. */
  stats: TopicStats | null;
  actions: TopicAction[];
};

export type TaggedItem = {
  id: string;
  serial: number;
  title: string;
  status: ItemStatus;
  unit: { id: string; name: string };
  submittedAt: string | null;
  link: string;
};

export type Topic = TopicRow & {
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawReason: string | null;
  items: { items: TaggedItem[]; total: number; page: number; pageSize: number };
};

export type TopicPage = { items: TopicRow[]; total: number; page: number; pageSize: number };

export type TopicStatsResponse = {
  office: { id: string; name: string };
  from: string | null;
  to: string | null;
  topics: {
    id: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    periodLabel: string;
    status: TopicStatus;
    statusLabel: string;
    stats: TopicStats;
  }[];
  total: TopicStats;
};

export type TopicFilters = {
  status?: TopicStatus;
  period?: TopicPeriodFilter;
  from?: string;
  to?: string;
  q?: string;
};

/** The whole editable text of a topic (PUT replaces all of it). */
export type TopicInput = {
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  sortOrder: number;
};

/** Every topic query starts here; each write invalidates the prefix. */
export const TOPICS_KEY = ['topics'] as const;
export const TOPIC_PAGE_SIZE = 20;

export function topicQueryString(filters: TopicFilters, page: number, pageSize: number) {
  return listQueryString(filters, { page, pageSize });
}

export function useTopics(filters: TopicFilters, page: number, pageSize = TOPIC_PAGE_SIZE, enabled = true) {
  return useQuery({
    queryKey: [...TOPICS_KEY, 'list', filters, page, pageSize],
    queryFn: () => api<TopicPage>('GET', `/api/topics?${topicQueryString(filters, page, pageSize)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The published topics in force today (home page, the compose form), in the office's order. */
export function useCurrentTopics(officeId?: string, enabled = true) {
  return useQuery({
    queryKey: [...TOPICS_KEY, 'current', officeId ?? null],
    queryFn: () =>
      api<{ items: TopicRow[] }>(
        'GET',
        `/api/topics/current${officeId ? `?officeId=${encodeURIComponent(officeId)}` : ''}`,
      ),
    enabled,
  });
}

/** 报送要点统计 of the caller's office over the topics whose period overlaps [from, to]. */
export function useTopicStats(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: [...TOPICS_KEY, 'stats', from, to],
    queryFn: () =>
      api<TopicStatsResponse>('GET', `/api/topics/stats?${new URLSearchParams({ from, to }).toString()}`),
    enabled,
  });
}

export function useTopic(id: string | undefined, page = 1) {
  return useQuery({
    queryKey: [...TOPICS_KEY, 'detail', id, page],
    queryFn: () => api<Topic>('GET', `/api/topics/${id}?page=${page}&pageSize=${TOPIC_PAGE_SIZE}`),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

/**
 * A write refreshes every topic query — on failure too, so a stale version (409) brings the
 * topic as it now is.
 */
function useTopicMutation<V>(fn: (vars: V) => Promise<Topic>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: TOPICS_KEY }),
  });
}

export function useCreateTopic() {
  return useTopicMutation((input: TopicInput) => api<Topic>('POST', '/api/topics', input));
}

export function useUpdateTopic() {
  return useTopicMutation(({ id, ...body }: TopicInput & { id: string; version: number }) =>
    api<Topic>('PUT', `/api/topics/${id}`, body),
  );
}

export function usePublishTopic() {
  return useTopicMutation(({ id, version }: { id: string; version: number }) =>
    api<Topic>('POST', `/api/topics/${id}/publish`, { version }),
  );
}

export function useWithdrawTopic() {
  return useTopicMutation(({ id, ...body }: { id: string; reason: string; version: number }) =>
    api<Topic>('POST', `/api/topics/${id}/withdraw`, body),
  );
}

/** Whether the caller writes items (写信息 is the 信息员's): the 按此要点写信息 buttons are theirs. */
export function useCanCompose() {
  return useMe().user.roles.includes('reporter');
}

/** Whether the caller works for an office's 信息科 (manages its topics and sees their figures). */
export function useIsTopicStaff() {
  const roles = useMe().user.roles;
  return roles.includes('editor') || roles.includes('chief_editor');
}

/** The compose form's address for an item on a topic. */
export const composeLink = (topicId: string) => `/items/new?topicId=${encodeURIComponent(topicId)}`;

/** The quick periods of the date-range picker: this and next month, this and next quarter, the year. */
export function periodPresets(today: Dayjs = dayjs()): { label: string; value: [Dayjs, Dayjs] }[] {
  const month = today.startOf('month');
  const quarter = month.month(Math.floor(month.month() / 3) * 3);
  const range = (start: Dayjs, months: number): [Dayjs, Dayjs] => [
    start.startOf('day'),
    start.add(months - 1, 'month').endOf('month'),
  ];
  return [
    { label: '本月', value: range(month, 1) },
    { label: '下月', value: range(month.add(1, 'month'), 1) },
    { label: '本季度', value: range(quarter, 3) },
    { label: '下季度', value: range(quarter.add(3, 'month'), 3) },
    { label: '本年', value: range(month.month(0), 12) },
  ];
}
