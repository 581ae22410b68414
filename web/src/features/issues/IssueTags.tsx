import { Tag } from 'antd';
import {
  ISSUE_STATUS_COLORS,
  ISSUE_STATUS_LABELS,
} from '../../../../server/modules/issues/issue-workflow.ts';
import type { IssueStatus } from './types.ts';

/** An issue's status in the colour it has everywhere. */
export function IssueStatusTag({ status }: { status: IssueStatus }) {
  return (
    <Tag color={ISSUE_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {ISSUE_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}
