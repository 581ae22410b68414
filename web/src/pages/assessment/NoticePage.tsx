import { PageHeader } from '../../components/PageHeader.tsx';

export function NoticePage() {
  return <PageHeader title="NoticePage" />;
}
