import { PageHeader } from '../../components/PageHeader.tsx';

export function RuleSetPage() {
  return <PageHeader title="RuleSetPage" />;
}
