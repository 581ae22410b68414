import { PageHeader } from '../../components/PageHeader.tsx';

/** 会议与培训 (/meetings): the office's meetings, training and video conferences. */
export function MeetingsPage() {
  return <PageHeader title="会议与培训" />;
}
