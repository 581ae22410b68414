import { PageHeader } from '../../components/PageHeader.tsx';

/** 报送要点详情 (/topics/:id). */
export function TopicPage() {
  return <PageHeader title="报送要点" />;
}
