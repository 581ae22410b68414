import { Alert, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../format.ts';
import type { RuleSetDetail } from '../api.ts';
import { RuleSetStatusTag } from './labels.tsx';

/** 规则说明: the server's sentence per rule, numbered, as the saved version says it. */
export function RuleExplanation({ explanation, dirty }: { explanation: string[]; dirty: boolean }) {
  return (
    <Card size="small" title="规则说明" data-testid="rule-explanation">
      {dirty && (
        <Typography.Paragraph type="warning" style={{ fontSize: 13 }}>
          有未保存的修改；说明按已保存的版本，保存后更新。
        </Typography.Paragraph>
      )}
      {explanation.length === 0 ? (
        <Typography.Text type="secondary">保存后显示每条规则的说明。</Typography.Text>
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: 22, lineHeight: '22px' }}>
          {explanation.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the sentences are numbered by their place
            <li key={i} style={{ marginBottom: 4 }}>
              {line}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** 问题: what keeps a draft from being activated, in the server's words. */
export function RuleProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0)
    return <Alert type="success" showIcon title="规则检查通过，没有发现问题" data-testid="rule-problems" />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="rule-problems"
      title={`发现 ${problems.length} 处问题，改正后才能启用`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      }
    />
  );
}

/** 版本: every version of the series, newest first, each a link; the one shown is marked. */
export function VersionHistory({ detail }: { detail: RuleSetDetail }) {
  return (
    <Card size="small" title="版本" data-testid="rule-versions">
      <Flex vertical gap={10}>
        {detail.versions.map((v) => {
          const current = v.id === detail.id;
          return (
            <div key={v.id}>
              <Flex gap={8} align="center" wrap>
                {current ? (
                  <Typography.Text strong>第{v.versionNo}版（当前查看）</Typography.Text>
                ) : (
                  <Link to={`/assessment/rules/${v.id}`}>第{v.versionNo}版</Link>
                )}
                <RuleSetStatusTag status={v.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {v.createdByName} 创建于 {formatDateTime(v.createdAt)}
                {v.activatedAt && `；${v.activatedByName ?? ''} 启用于 ${formatDateTime(v.activatedAt)}`}
              </Typography.Text>
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}
