import { PageHeader } from '../../components/PageHeader.tsx';

/** 约稿 (/commissions). */
export function CommissionsPage() {
  return <PageHeader title="约稿" />;
}
