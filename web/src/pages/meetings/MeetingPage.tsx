import { PageHeader } from '../../components/PageHeader.tsx';

/** 会议详情 (/meetings/:id). */
export function MeetingPage() {
  return <PageHeader title="会议详情" />;
}
