import { PageHeader } from '../../components/PageHeader.tsx';

/** 转报与采用: our items forwarded upward, their upper status and recorded adoptions. */
export function ForwardedPage() {
  return <PageHeader title="转报与采用" description="本办转报上级的信息及上级采用情况。" />;
}
