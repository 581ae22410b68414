import type { Db } from '../../db/client.ts';
import type { SearchKind } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { offsetOf } from '../../lib/pagination.ts';
import { type QueryTerm, queryTerms, searchQuery } from '../../lib/text/search-text.ts';
import { searchCommissions } from '../commissions/index.ts';
import { searchInstructions } from '../instructions/index.ts';
import { searchIssues } from '../issues/index.ts';
import { searchItems } from '../items/index.ts';
import { searchMeetings } from '../meetings/index.ts';
import type { SearchHit, SearchQuery, SearchResult } from './schemas.ts';

/** The filters of the search that narrow some kinds only. */
const FILTERS = [
  'officeId',
  'unitId',
  'groupCode',
  'categoryCode',
  'status',
  'publicationId',
  'adopted',
  'from',
  'to',
] as const;
type Filter = (typeof FILTERS)[number];

/**
 * One kind of record the search finds: who reads it is the kind's own list scope. `filters` are
 * those it applies; a search with any other filter set finds none of the kind (a filter on an
 * item's status or category says nothing of an issue, so nothing of it matches).
 */
type Source = {
  label: string;
  filters: readonly Filter[];
  find(
    db: Db,
    actor: Actor,
    search: { tsquery: string; terms: readonly QueryTerm[] },
    q: SearchQuery,
    page: { order: 'relevance' | 'date'; limit: number; offset: number },
  ): Promise<{ count: number; capped: boolean; hits: SearchHit[] }>;
};

const SOURCES: Partial<Record<SearchKind, Source>> = {
  item: {
    label: '信息',
    filters: FILTERS,
    find: (db, actor, search, q, page) => searchItems(db, actor, search, q, page),
  },
  issue: {
    label: '刊物',
    filters: ['officeId', 'unitId', 'publicationId', 'from', 'to'],
    find: (db, actor, search, q, page) => searchIssues(db, actor, search, q, page),
  },
  instruction: {
    label: '批示',
    filters: ['officeId', 'unitId', 'from', 'to'],
    find: (db, actor, search, q, page) => searchInstructions(db, actor, search, q, page),
  },
  commission: {
    label: '约稿',
    filters: ['officeId', 'unitId', 'from', 'to'],
    find: (db, actor, search, q, page) => searchCommissions(db, actor, search, q, page),
  },
  meeting: {
    label: '会议培训',
    filters: ['officeId', 'unitId', 'from', 'to'],
    find: (db, actor, search, q, page) => searchMeetings(db, actor, search, q, page),
  },
};

/** How many of each kind the grouped page shows before 查看全部. */
const GROUP_PREVIEW = 5;

/**
 * The global search (docs/domain.md §8): the terms typed, found through the search index in every
 * kind the caller may read — each in its own list's data scope — grouped by kind, or one kind
 * paged. The system administrators read no content and are refused.
 */
export async function search(db: Db, actor: Actor, q: SearchQuery): Promise<SearchResult> {
  if (actor.roles.every((r) => r === 'sysadmin' || r === 'secadmin' || r === 'auditor')) {
    throw forbidden('系统管理员、安全管理员和审计员不查看业务内容');
  }
  const terms = queryTerms(q.q);
  const tsquery = searchQuery(terms);
  const kinds = (Object.keys(SOURCES) as SearchKind[]).filter((k) => !q.kind || k === q.kind);
  const base = {
    q: q.q,
    terms: terms.filter((t) => !t.exclude).map((t) => t.text),
    page: q.page,
    pageSize: q.pageSize,
  };
  if (!tsquery) {
    return {
      ...base,
      groups: kinds.map((kind) => ({
        kind,
        label: SOURCES[kind]?.label ?? kind,
        count: 0,
        capped: false,
        hits: [],
      })),
    };
  }
  const page = q.kind
    ? { order: q.order, limit: q.pageSize, offset: offsetOf(q) }
    : { order: q.order, limit: GROUP_PREVIEW, offset: 0 };
  const groups = [];
  for (const kind of kinds) {
    const source = SOURCES[kind];
    if (!source) continue;
    const applies = FILTERS.every((f) => q[f] === undefined || source.filters.includes(f));
    groups.push({
      kind,
      label: source.label,
      ...(applies
        ? await source.find(db, actor, { tsquery, terms }, q, page)
        : { count: 0, capped: false, hits: [] }),
    });
  }
  return { ...base, groups };
}
