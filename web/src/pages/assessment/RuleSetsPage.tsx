import { PageHeader } from '../../components/PageHeader.tsx';

export function RuleSetsPage() {
  return <PageHeader title="RuleSetsPage" />;
}
