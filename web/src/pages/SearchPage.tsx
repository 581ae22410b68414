import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  Pagination,
  Segmented,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { STATUS_LABELS } from '../../../server/modules/items/workflow.ts';
import { ApiError } from '../api/client.ts';
import { useMe } from '../auth/context.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { cleared, hasAny, oneOf, oneOfOr, text, useListParams } from '../components/list-kit/index.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useItemCategories } from '../features/items/api.ts';
import type { ItemStatus } from '../features/items/types.ts';
import { MemberUnitSelect } from '../features/orgs/MemberUnitSelect.tsx';
import {
  countText,
  maySearch,
  SEARCH_PAGE_SIZE,
  type SearchGroup,
  type SearchHit,
  useSearch,
} from '../features/search/api.ts';
import { Highlighted } from '../features/search/Highlighted.tsx';
import { SEARCH_PLACEHOLDER } from '../features/search/TopBarSearch.tsx';
import { formatDate } from '../format.ts';
import { useIsMobile } from '../layout/useIsMobile.ts';

const ORDERS = ['relevance', 'date'] as const;
const STATUSES = Object.keys(STATUS_LABELS) as ItemStatus[];

/** The page's URL: the text, one kind (查看全部) or all, the order and the filters. */
const SPEC = {
  q: text(),
  kind: text(),
  order: oneOfOr(ORDERS, 'relevance'),
  from: text(),
  to: text(),
  status: oneOf(STATUSES),
  categoryCode: text(),
  unitId: text(),
};
const DEFAULTS = { order: 'relevance' };
const FILTER_KEYS = ['from', 'to', 'status', 'categoryCode', 'unitId'] as const;

const STYLES = `
.xb-hit { padding: 12px 0; border-bottom: 1px solid #f0f0f0; min-width: 0; }
.xb-hit:first-child { padding-top: 0; }
.xb-hit:last-child { border-bottom: none; padding-bottom: 0; }
.xb-hit-title { font-size: 15px; font-weight: 500; line-height: 1.5; overflow-wrap: anywhere; }
.xb-hit-snippet { margin-top: 4px; color: rgba(0, 0, 0, 0.72); line-height: 1.7; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
.xb-hit-meta { margin-top: 4px; font-size: 12px; line-height: 1.6; overflow-wrap: anywhere; }
.xb-mark { background: #fff1b8; color: inherit; padding: 0 1px; border-radius: 2px; }
`;

/** The query syntax of docs/domain.md §8, in the words of the empty state. */
function SyntaxTips() {
  return (
    <ul style={{ textAlign: 'start', margin: '8px auto 0', paddingInlineStart: 20, maxWidth: 420 }}>
      <li>空格分隔多个词，各词都须出现（如：农家书屋 汾阳）</li>
      <li>引号内按原文匹配（如："乡村振兴"）</li>
      <li>减号排除某词（如：农家书屋 -汾阳）</li>
      <li>单个汉字或字母按开头匹配；标点不参与检索</li>
    </ul>
  );
}

function HitRow({ hit }: { hit: SearchHit }) {
  const facts = [formatDate(hit.at), ...hit.meta].filter(Boolean);
  return (
    <div className="xb-hit" data-kind={hit.kind}>
      <div className="xb-hit-title">
        <Link to={hit.link}>
          <Highlighted parts={hit.title} />
        </Link>
      </div>
      {hit.snippet.length > 0 && (
        <div className="xb-hit-snippet">
          <Highlighted parts={hit.snippet} />
        </div>
      )}
      <Typography.Text type="secondary" className="xb-hit-meta" style={{ display: 'block' }}>
        {facts.join(' · ')}
      </Typography.Text>
    </div>
  );
}

const groupTitle = (g: SearchGroup) => `${g.label}（共 ${countText(g)} 条）`;

/**
 * 全局检索 (/search, docs/screens.md): the top bar's text searched in every kind the caller may
 * read — one section per kind with its first hits and 查看全部 — or one kind paged; 相关度 or 时间,
 * a time range and the item filters, all in the URL. The matches are marked in titles and snippets.
 */
export function SearchPage() {
  const me = useMe();
  // The administrators have no search box; a typed-in address gets the plain refusal.
  return maySearch(me.user.roles) ? <SearchScreen /> : <Forbidden />;
}

function SearchScreen() {
  const me = useMe();
  const isMobile = useIsMobile();
  const { filters, page, update, setPage } = useListParams(SPEC, DEFAULTS);
  const q = filters.q ?? '';
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const isStaff = me.user.units.some((u) => u.kind === 'office');
  const categories = useItemCategories();

  const query = useSearch(
    {
      q,
      kind: filters.kind,
      order: filters.order,
      status: filters.status,
      categoryCode: filters.categoryCode,
      unitId: isStaff ? filters.unitId : undefined,
      from: filters.from,
      to: filters.to,
    },
    page,
  );
  const data = query.data;
  const groups = data?.groups ?? [];
  const filtered = hasAny(filters, FILTER_KEYS);
  const wide = isMobile ? '100%' : undefined;

  // A new page of one kind starts at its top. (A block body: scrollTo may return a promise, which
  // React would take for the effect's cleanup.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: page and kind stand for the view
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [page, filters.kind]);

  const submit = (raw: string) => update({ q: raw.trim() || undefined });

  const controls = (
    <Card style={{ marginBottom: 16 }}>
      <Input.Search
        id="xb-search-page-q"
        role="searchbox"
        aria-label="检索内容"
        placeholder={SEARCH_PLACEHOLDER}
        enterButton="检索"
        size="large"
        allowClear
        autoFocus={!q}
        maxLength={100}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v, _e, info) => info?.source !== 'clear' && submit(v)}
        style={{ maxWidth: 680 }}
      />
      <Flex wrap gap={12} align="center" style={{ marginTop: 12 }}>
        <Segmented
          aria-label="排序"
          value={filters.order}
          onChange={(v) => update({ order: v })}
          options={[
            { label: '按相关度', value: 'relevance' },
            { label: '按时间', value: 'date' },
          ]}
        />
        <DatePicker.RangePicker
          aria-label="时间范围"
          placeholder={['开始日期', '结束日期']}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(range) =>
            update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
          style={{ width: wide ?? 250 }}
        />
        <Select
          aria-label="信息状态"
          allowClear
          placeholder="信息状态"
          value={filters.status}
          onChange={(v?: string) => update({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          style={{ width: isMobile ? 'calc(50% - 6px)' : 130 }}
        />
        <Select
          aria-label="信息类别"
          allowClear
          placeholder="信息类别"
          loading={categories.isPending}
          value={filters.categoryCode}
          onChange={(v?: string) => update({ categoryCode: v })}
          options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.label }))}
          style={{ width: isMobile ? 'calc(50% - 6px)' : 130 }}
        />
        {isStaff && (
          <MemberUnitSelect
            includeInactive
            placeholder="报送单位"
            value={filters.unitId}
            onChange={(v) => update({ unitId: v })}
            style={{ width: wide ?? 200 }}
          />
        )}
        {filtered && (
          <Button icon={<ReloadOutlined />} onClick={() => update(cleared(FILTER_KEYS))}>
            清除条件
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 10, fontSize: 12 }}>
        空格分隔多个词都须出现；"引号"内按原文匹配；-减号排除某词。状态、类别、单位只筛选信息。
      </Typography.Text>
    </Card>
  );

  let body: React.ReactNode;
  if (!q) {
    body = (
      <Card>
        <Empty description="输入要检索的内容，按回车检索">
          <Typography.Text type="secondary">
            <SyntaxTips />
          </Typography.Text>
        </Empty>
      </Card>
    );
  } else if (query.isError) {
    const err = query.error;
    body = (
      <Alert
        type={err instanceof ApiError && err.status < 500 ? 'warning' : 'error'}
        showIcon
        title={err instanceof ApiError && err.status === 403 ? '无权检索' : '检索未能完成'}
        description={err.message}
        action={
          !(err instanceof ApiError && err.status < 500) && (
            <Button size="small" onClick={() => query.refetch()}>
              重试
            </Button>
          )
        }
      />
    );
  } else if (!data) {
    body = (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  } else if (filters.kind) {
    const group = groups[0];
    body = (
      <Card
        title={group ? groupTitle(group) : '检索结果'}
        extra={
          <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => update({ kind: undefined })}>
            全部类别
          </Button>
        }
        styles={{ header: { flexWrap: 'wrap' } }}
        style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
      >
        {!group || group.hits.length === 0 ? (
          <Empty description={`没有找到与“${data.q}”相关的${group?.label ?? '内容'}`}>
            <Typography.Text type="secondary">
              <SyntaxTips />
            </Typography.Text>
          </Empty>
        ) : (
          <>
            {group.hits.map((h) => (
              <HitRow key={`${h.kind}:${h.id}`} hit={h} />
            ))}
            <Flex justify="center" style={{ marginTop: 16 }}>
              <Pagination
                current={page}
                pageSize={SEARCH_PAGE_SIZE}
                total={group.count}
                showSizeChanger={false}
                simple={isMobile}
                showTotal={isMobile ? undefined : () => `共 ${countText(group)} 条`}
                onChange={setPage}
              />
            </Flex>
          </>
        )}
      </Card>
    );
  } else {
    const found = groups.filter((g) => g.count > 0);
    const missed = groups.filter((g) => g.count === 0);
    body =
      found.length === 0 ? (
        <Card>
          <Empty
            description={
              filtered ? `在所选条件下没有找到与“${data.q}”相关的内容` : `没有找到与“${data.q}”相关的内容`
            }
          >
            <Typography.Text type="secondary">
              <SyntaxTips />
            </Typography.Text>
            {filtered && (
              <div style={{ marginTop: 12 }}>
                <Button onClick={() => update(cleared(FILTER_KEYS))}>清除条件后再检索</Button>
              </div>
            )}
          </Empty>
        </Card>
      ) : (
        <Flex vertical gap={16} style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          {found.map((g) => (
            <Card
              key={g.kind}
              title={groupTitle(g)}
              data-kind={g.kind}
              extra={
                g.count > g.hits.length && (
                  <Button type="link" onClick={() => update({ kind: g.kind })} style={{ paddingInline: 0 }}>
                    查看全部 {countText(g)} 条
                  </Button>
                )
              }
            >
              {g.hits.map((h) => (
                <HitRow key={`${h.kind}:${h.id}`} hit={h} />
              ))}
            </Card>
          ))}
          {missed.length > 0 && (
            <Typography.Text type="secondary">
              {missed.map((g) => g.label).join('、')}中没有找到相关内容。
            </Typography.Text>
          )}
        </Flex>
      );
  }

  return (
    <div style={{ maxWidth: 1080 }}>
      <style>{STYLES}</style>
      <PageHeader
        title="全局检索"
        description="在本人可以查看的信息、刊物、批示等内容中检索，结果按类别分组"
      />
      {controls}
      {body}
    </div>
  );
}
