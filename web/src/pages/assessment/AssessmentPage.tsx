import { PageHeader } from '../../components/PageHeader.tsx';

export function AssessmentPage() {
  return <PageHeader title="AssessmentPage" />;
}
