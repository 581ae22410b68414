import { Tag } from 'antd';
import { formatDate } from '../../format.ts';
import type { Org } from './types.ts';

/** 启用 in green; 已停用 in grey with the date it stopped. */
export function OrgStatusTag({ org }: { org: Org }) {
  if (org.active) return <Tag color="green">启用</Tag>;
  return (
    <Tag color="default" title={org.validTo ? `失效日期 ${formatDate(org.validTo)}` : undefined}>
      已停用{org.validTo ? ` ${formatDate(org.validTo)}` : ''}
    </Tag>
  );
}
