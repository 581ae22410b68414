import type { ItemListFilters, ItemPriority, ItemStatus } from '../types.ts';

/** The inbox's status tabs, in the order an editor works through them; 'all' is every status. */
export const INBOX_TABS = ['submitted', 'accepted', 'returned', 'rejected', 'merged', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const FILTER_KEYS = ['q', 'unitId', 'groupCode', 'categoryCode', 'priority', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type ListSort = NonNullable<ItemListFilters['sort']>;
const SORTS: readonly ListSort[] = ['submittedAt', 'createdAt', 'updatedAt', 'deadline'];
const PRIORITIES: readonly ItemPriority[] = ['normal', 'urgent', 'for_reading'];

/**
 * A list page's state from its URL, so a filtered view can be bookmarked, sent on or linked from
 * a notice. The inbox opens on 待处理 (已报送) when the URL names no tab.
 */
export function parseListParams(params: URLSearchParams, defaultTab: InboxTab = 'submitted') {
  const tabParam = params.get('status') as InboxTab | null;
  const tab: InboxTab = tabParam && INBOX_TABS.includes(tabParam) ? tabParam : defaultTab;
  const text = (k: FilterKey) => params.get(k)?.trim() || undefined;
  const priority = params.get('priority') as ItemPriority | null;
  const sort = params.get('sort') as ListSort | null;
  const order = params.get('order');
  const filters: ItemListFilters = {
    q: text('q'),
    unitId: text('unitId'),
    groupCode: text('groupCode'),
    categoryCode: text('categoryCode'),
    priority: priority && PRIORITIES.includes(priority) ? priority : undefined,
    from: text('from'),
    to: text('to'),
    sort: sort && SORTS.includes(sort) ? sort : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
  };
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  return { tab, filters, page };
}

/** The filters sent to the API for a tab: 'all' sends no status. */
export function apiFilters(tab: InboxTab, filters: ItemListFilters): ItemListFilters {
  return tab === 'all' ? filters : { ...filters, status: tab as ItemStatus };
}

/** Whether the user narrowed the list beyond the tab (to word the empty state). */
export function hasFilters(filters: ItemListFilters): boolean {
  return FILTER_KEYS.some((k) => !!filters[k]);
}
