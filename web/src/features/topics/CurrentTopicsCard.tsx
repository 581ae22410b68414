import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { QueryError } from '../../components/QueryError.tsx';
import { composeLink, useCanCompose, useCurrentTopics } from './api.ts';

/**
 * 当前报送要点, for a unit's home page: the published topics in force today with their 报送要求
 * cut to two lines, each with a way to write an item on it (for a 信息员, where `actions` carries
 * `tag`). With `hideWhenEmpty` the card is left out when there are none.
 */
export function CurrentTopicsCard({ hideWhenEmpty = false }: { hideWhenEmpty?: boolean }) {
  const query = useCurrentTopics();
  const canCompose = useCanCompose();
  const topics = query.data?.items ?? [];
  if (hideWhenEmpty && query.isSuccess && topics.length === 0) return null;
  return (
    <Card
      size="small"
      title="当前报送要点"
      data-testid="current-topics"
      extra={<Link to="/topics">全部要点</Link>}
    >
      {query.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : topics.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有进行中的报送要点" />
      ) : (
        <Flex vertical gap={12}>
          {topics.map((t) => (
            <Flex key={t.id} gap={8} justify="space-between" align="flex-start" wrap>
              <div style={{ flex: '1 1 220px', minWidth: 0 }}>
                <Link to={`/topics/${t.id}`} style={{ fontWeight: 500 }}>
                  {t.title}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {t.periodLabel}
                </Typography.Text>
                {t.description && (
                  <Typography.Paragraph
                    type="secondary"
                    ellipsis={{ rows: 2, tooltip: t.description }}
                    style={{ fontSize: 13, margin: '2px 0 0' }}
                  >
                    {t.description}
                  </Typography.Paragraph>
                )}
              </div>
              {canCompose && t.actions.includes('tag') && (
                <Link to={composeLink(t.id)}>
                  <Button size="small" icon={<EditOutlined />}>
                    写信息
                  </Button>
                </Link>
              )}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
