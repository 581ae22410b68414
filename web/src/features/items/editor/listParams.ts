import { hasAny, oneOf, oneOfOr, pageOf, parseParams, text } from '../../../components/list-kit/index.ts';
import type { ItemListFilters, ItemStatus } from '../types.ts';

/** The inbox's status tabs, in the order an editor works through them; 'all' is every status. */
export const INBOX_TABS = ['submitted', 'accepted', 'returned', 'rejected', 'merged', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const FILTER_KEYS = ['q', 'unitId', 'groupCode', 'categoryCode', 'priority', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type ListSort = NonNullable<ItemListFilters['sort']>;

/** The URL of the editor's item lists (the list kit's parsers: values the server would refuse are dropped). */
export const ITEM_LIST_PARAMS = {
  q: text(),
  unitId: text(),
  groupCode: text(),
  categoryCode: text(),
  priority: oneOf(['normal', 'urgent', 'for_reading'] as const),
  from: text(),
  to: text(),
  sort: oneOf<ListSort>(['submittedAt', 'createdAt', 'updatedAt', 'deadline']),
  order: oneOf(['asc', 'desc'] as const),
};

/**
 * A list page's state from its URL, so a filtered view can be bookmarked, sent on or linked from
 * a notice. The inbox opens on 待处理 (已报送) when the URL names no tab.
 */
export function parseListParams(params: URLSearchParams, defaultTab: InboxTab = 'submitted') {
  const tab = oneOfOr(INBOX_TABS, defaultTab)(params.get('status'));
  const filters: ItemListFilters = parseParams(ITEM_LIST_PARAMS, params);
  return { tab, filters, page: pageOf(params) };
}

/** The filters sent to the API for a tab: 'all' sends no status. */
export function apiFilters(tab: InboxTab, filters: ItemListFilters): ItemListFilters {
  return tab === 'all' ? filters : { ...filters, status: tab as ItemStatus };
}

/** Whether the user narrowed the list beyond the tab (to word the empty state). */
export function hasFilters(filters: ItemListFilters): boolean {
  return hasAny(filters, FILTER_KEYS);
}
