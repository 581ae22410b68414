import { PageHeader } from '../../components/PageHeader.tsx';

/** 收稿箱: the office's one intake queue across all units. */
export function InboxPage() {
  return <PageHeader title="收稿箱" description="各单位报送的信息，紧急件在前。" />;
}
