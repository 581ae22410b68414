import { PageHeader } from '../../components/PageHeader.tsx';

export function NoticesPage() {
  return <PageHeader title="NoticesPage" />;
}
