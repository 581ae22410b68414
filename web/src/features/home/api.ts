import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { CIRCULATIONS_KEY } from '../circulation/api.ts';
import type { MyCirculations } from '../circulation/types.ts';
import { ISSUES_KEY, issueQueryString } from '../issues/api.ts';
import type { IssuePage, IssueStatus } from '../issues/types.ts';
import { ITEMS_KEY, itemQueryString } from '../items/api.ts';
import type { ItemPage, ItemSummary } from '../items/types.ts';

/** How many rows of the inbox the home page looks at for its urgent and overdue figures. */
export const INBOX_SAMPLE = 100;

const homeKey = (...parts: string[]) => [...ITEMS_KEY, 'home', ...parts] as const;

/**
 * 我的信息 counts for a reporter: one request gives both figures, since the per-status counts are
 * taken over the whole queue whatever the status filter.
 */
export function useMineTodos(enabled: boolean) {
  return useQuery({
    queryKey: homeKey('mine'),
    queryFn: () =>
      api<ItemPage>('GET', `/api/items?${itemQueryString('mine', { status: 'returned' }, 1, 1)}`),
    select: (p) => ({ returned: p.total, draft: p.counts.draft ?? 0 }),
    enabled,
  });
}

/** 待签发: items of the signer's units waiting for signature. */
export function useSignoffTodos(enabled: boolean) {
  return useQuery({
    queryKey: homeKey('signoff'),
    queryFn: () => api<ItemPage>('GET', `/api/items?${itemQueryString('signoff', {}, 1, 1)}`),
    select: (p) => p.total,
    enabled,
  });
}

export type InboxTodos = {
  submitted: number;
  fastTrack: number;
  overdue: number;
  /** The items nearest to (or furthest past) their deadline. */
  mostUrgent: ItemSummary[];
};

/** 收稿箱 figures from the first page of items still awaiting the office's decision. */
export function useInboxTodos(enabled: boolean) {
  return useQuery({
    queryKey: homeKey('inbox'),
    queryFn: () =>
      api<ItemPage>(
        'GET',
        `/api/items?${itemQueryString('inbox', { status: 'submitted' }, 1, INBOX_SAMPLE)}`,
      ),
    select: (p): InboxTodos => ({
      submitted: p.counts.submitted ?? 0,
      fastTrack: p.items.filter((i) => i.priority !== 'normal').length,
      overdue: p.items.filter((i) => i.overdue).length,
      mostUrgent: p.items
        .filter((i) => i.deadlineAt)
        .sort((a, b) => Date.parse(a.deadlineAt ?? '') - Date.parse(b.deadlineAt ?? ''))
        .slice(0, 3),
    }),
    enabled,
  });
}

/** Issues of the office in one status: 已定版 waiting for the signature, 已签发 waiting to be published. */
export function useIssueTodos(status: IssueStatus, enabled: boolean) {
  return useQuery({
    queryKey: [...ISSUES_KEY, 'home', status],
    queryFn: () => api<IssuePage>('GET', `/api/issues?${issueQueryString({ status }, 1, 1)}`),
    select: (p) => p.total,
    enabled,
  });
}

/** The leader's unread 传阅件. */
export function useUnreadCirculations(enabled: boolean) {
  return useQuery({
    queryKey: [...CIRCULATIONS_KEY, 'home', 'unread'],
    queryFn: () => api<MyCirculations>('GET', '/api/circulations/mine?unread=true&pageSize=1'),
    select: (p) => p.counts.unread,
    enabled,
  });
}

type InstructionRowLite = { myStatus: string | null };
type CommissionRowLite = { status: string; mine: { answer: string } | null };

/**
 * 批示: for a unit, its assignments waiting for a report (first or more); for the office, the
 * instructions still to assign and those with a unit overdue. Units hold few, so their figure is
 * counted over the first 100 open ones.
 */
export function useInstructionTodos(audience: 'unit' | 'office' | null) {
  return useQuery({
    queryKey: ['instructions', 'home', audience],
    queryFn: async () => {
      if (audience === 'unit') {
        const p = await api<{ items: InstructionRowLite[] }>(
          'GET',
          '/api/instructions?status=assigned&pageSize=100',
        );
        return {
          toReport: p.items.filter(
            (r) => r.myStatus === 'awaiting_feedback' || r.myStatus === 'more_requested',
          ).length,
          toAssign: 0,
          overdue: 0,
        };
      }
      const [recorded, overdue] = await Promise.all([
        api<{ total: number }>('GET', '/api/instructions?status=recorded&pageSize=1'),
        api<{ total: number }>('GET', '/api/instructions?overdue=true&pageSize=1'),
      ]);
      return { toReport: 0, toAssign: recorded.total, overdue: overdue.total };
    },
    enabled: audience !== null,
  });
}

/** 约稿: the unit's notices still waiting for its answer (of the first 100 issued ones). */
export function useCommissionTodos(enabled: boolean) {
  return useQuery({
    queryKey: ['commissions', 'home'],
    queryFn: () => api<{ items: CommissionRowLite[] }>('GET', '/api/commissions?status=issued&pageSize=100'),
    select: (p) => p.items.filter((r) => r.mine?.answer === 'open').length,
    enabled,
  });
}
