import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  LoadingOutlined,
} from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Finding } from './types.ts';
import type { QualityState } from './useQualityCheck.ts';

const FATAL = '#cf1322';
const WARNING = '#d46b08';

/** The message with its paragraph in front, unless the server's wording already names it. */
function placed(f: Finding): string {
  if (!f.paragraph || f.message.startsWith(`第${f.paragraph}段`)) return f.message;
  return `第${f.paragraph}段：${f.message}`;
}

/** Fatal findings first, then by paragraph, so the writer works down the text. */
function ordered(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === 'fatal' ? 0 : 1);
  return [...findings].sort((a, b) => rank(a) - rank(b) || (a.paragraph ?? 0) - (b.paragraph ?? 0));
}

function FindingRow({ finding, onSelect }: { finding: Finding; onSelect: (f: Finding) => void }) {
  const fatal = finding.severity === 'fatal';
  const color = fatal ? FATAL : WARNING;
  return (
    <li style={{ listStyle: 'none' }}>
      <button
        type="button"
        onClick={() => onSelect(finding)}
        title={finding.paragraph ? `定位到第${finding.paragraph}段` : '定位'}
        style={{
          display: 'flex',
          gap: 8,
          width: '100%',
          textAlign: 'start',
          padding: '8px 10px',
          border: 'none',
          borderInlineStart: `3px solid ${color}`,
          background: fatal ? '#fff1f0' : '#fff7e6',
          borderRadius: 4,
          cursor: 'pointer',
          font: 'inherit',
        }}
      >
        {fatal ? (
          <CloseCircleFilled style={{ color, marginTop: 4 }} />
        ) : (
          <ExclamationCircleFilled style={{ color, marginTop: 4 }} />
        )}
        <span style={{ minWidth: 0, flex: 1 }}>
          <span style={{ color, fontWeight: 500 }}>{placed(finding)}</span>
          {finding.excerpt && (
            <Typography.Text
              type="secondary"
              style={{ display: 'block', fontSize: 12, wordBreak: 'break-all' }}
            >
              “{finding.excerpt}”
            </Typography.Text>
          )}
        </span>
      </button>
      {finding.relatedItem && (
        <Typography.Text
          type="secondary"
          style={{ display: 'block', fontSize: 12, padding: '2px 10px 0 31px' }}
        >
          相似信息：
          <Link to={`/items/${finding.relatedItem.id}`} target="_blank">
            {finding.relatedItem.title}
          </Link>
          （{finding.relatedItem.unitName}，相似度 {Math.round(finding.relatedItem.similarity * 100)}%）
        </Typography.Text>
      )}
    </li>
  );
}

/**
 * 质量检查 beside the editor: fatal findings (red) block 提交签发, warnings (orange) are advice.
 * Clicking a finding selects its paragraph in the editor.
 */
export function QualityPanel({
  state,
  onSelect,
  sticky,
}: {
  state: QualityState;
  onSelect: (f: Finding) => void;
  sticky?: boolean;
}) {
  const fatal = state.findings.filter((f) => f.severity === 'fatal').length;
  const warnings = state.findings.length - fatal;
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          质量检查
          {state.checking && <LoadingOutlined style={{ color: '#8c8c8c' }} />}
        </Flex>
      }
      extra={
        state.checked && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fatal > 0 && <span style={{ color: FATAL }}>{fatal} 项必须修改</span>}
            {fatal > 0 && warnings > 0 && '，'}
            {warnings > 0 && <span style={{ color: WARNING }}>{warnings} 项建议修改</span>}
          </Typography.Text>
        )
      }
      style={sticky ? { position: 'sticky', top: 72 } : undefined}
      styles={{ body: { maxHeight: sticky ? 'calc(100vh - 180px)' : undefined, overflow: 'auto' } }}
    >
      {state.error && <Alert type="error" showIcon title="质量检查失败" description={state.error} />}
      {!state.error && !state.checked && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入标题和正文后自动检查" />
      )}
      {!state.error && state.checked && state.findings.length === 0 && (
        <Flex align="center" gap={8} style={{ color: '#389e0d', padding: '8px 0' }}>
          <CheckCircleFilled /> 未发现问题
        </Flex>
      )}
      {state.findings.length > 0 && (
        <ul style={{ margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          {ordered(state.findings).map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: findings are a fixed list from one answer
            <FindingRow key={i} finding={f} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** A plain list of findings, e.g. those a refused submission came back with. */
export function FindingList({ findings }: { findings: Finding[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {findings.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: findings are a fixed list from one answer
        <li key={i} style={{ color: f.severity === 'fatal' ? FATAL : WARNING }}>
          {placed(f)}
        </li>
      ))}
    </ul>
  );
}
