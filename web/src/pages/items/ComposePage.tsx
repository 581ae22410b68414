import { Button, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useItem } from '../../features/items/api.ts';
import { ComposeForm } from '../../features/items/ComposeForm.tsx';
import { ItemStatusTag } from '../../features/items/ItemTags.tsx';

/** 写信息 (/items/new) and 编辑信息 (/items/:id/edit). */
export function ComposePage() {
  const { id } = useParams();
  const query = useItem(id);
  // Bumped after a reload, so the form starts again from the server's latest text.
  const [generation, setGeneration] = useState(0);

  if (!id) {
    return (
      <>
        <PageHeader
          title="写信息"
          description="撰写政务信息，保存草稿后可上传附件，提交后由本单位审核签发人签发报送。"
        />
        <ComposeForm />
      </>
    );
  }
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const item = query.data;
  if (!item.actions.includes('edit')) {
    return (
      <Result
        status="info"
        title="此信息当前不能编辑"
        subTitle={`信息状态为“${item.statusLabel}”，您没有编辑它的权限或它已进入下一环节。`}
        extra={
          <Link to={`/items/${item.id}`}>
            <Button type="primary">查看信息</Button>
          </Link>
        }
      />
    );
  }
  return (
    <>
      <PageHeader
        title={
          <span>
            编辑信息 <ItemStatusTag status={item.status} label={item.statusLabel} />
          </span>
        }
        description={`编号 ${item.serial}　${item.submittingUnit.name}`}
      />
      <ComposeForm
        key={`${item.id}-${generation}`}
        item={item}
        onReload={() => void query.refetch().then(() => setGeneration((g) => g + 1))}
      />
    </>
  );
}
