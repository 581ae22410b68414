import { PageHeader } from '../../components/PageHeader.tsx';

/** 约稿详情 (/commissions/:id). */
export function CommissionPage() {
  return <PageHeader title="约稿通知" />;
}
