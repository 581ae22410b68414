import { Tag } from 'antd';
import type { RankingRow } from '../api.ts';
import type { NoticePeriod, NoticeStatus } from './api.ts';

export const NOTICE_PERIOD_LABELS: Record<NoticePeriod, string> = {
  month: '月度',
  quarter: '季度',
  year: '年度',
};

export function NoticeStatusTag({ status, label }: { status: NoticeStatus; label?: string }) {
  return status === 'issued' ? (
    <Tag color="green">{label ?? '已印发'}</Tag>
  ) : (
    <Tag color="gold">{label ?? '草稿'}</Tag>
  );
}

/** 零报送 (nothing submitted) or 零采用 (submitted, nothing adopted): what the notice names. */
export function ZeroTags({ row }: { row: Pick<RankingRow, 'noSubmissions' | 'noAdoptions'> }) {
  if (row.noSubmissions) return <Tag color="red">零报送</Tag>;
  if (row.noAdoptions) return <Tag color="orange">零采用</Tag>;
  return null;
}

/** The first 12 hex digits of the archived file's SHA-256: enough to compare two copies by eye. */
export const shortHash = (sha256: string) => sha256.slice(0, 12);
