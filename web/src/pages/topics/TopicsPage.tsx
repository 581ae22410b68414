import { PageHeader } from '../../components/PageHeader.tsx';

/** 报送要点 (/topics). */
export function TopicsPage() {
  return <PageHeader title="报送要点" />;
}
