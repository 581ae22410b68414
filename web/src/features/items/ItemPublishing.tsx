import { CloudUploadOutlined, ReadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/context.ts';
import { useCirculationOf } from '../circulation/api.ts';
import { CirculationPanel } from '../issues/IssueCirculation.tsx';
import { IssueStatusTag } from '../issues/IssueTags.tsx';
import { errorMessage } from '../orgs/formErrors.ts';
import { useQueueForPortal } from '../portal/api.ts';
import type { ItemDetail, ItemStatus } from './types.ts';

/** Statuses in which the office may circulate an item to its leaders. */
const CIRCULABLE: ItemStatus[] = ['accepted', 'in_issue', 'published'];

/** True when the caller is an editor or chief editor of the item's office. */
function useIsOfficeStaff(item: ItemDetail): boolean {
  const me = useMe();
  const staff = me.user.roles.includes('editor') || me.user.roles.includes('chief_editor');
  return staff && me.user.units.some((u) => u.id === item.office.id);
}

/** 所在刊物: the issue the item is in, a link to it for those who may open it. */
export function ItemIssueLine({ item }: { item: ItemDetail }) {
  const staff = useIsOfficeStaff(item);
  if (!item.issue && !item.portal) return null;
  const name = item.issue ? `《${item.issue.publicationName}》${item.issue.label}` : '';
  return (
    <Space size={6} wrap>
      {item.issue && (
        <>
          <Typography.Text type="secondary">所在刊物：</Typography.Text>
          {staff ? <Link to={`/issues/${item.issue.id}`}>{name}</Link> : <span>{name}</span>}
          <IssueStatusTag status={item.issue.status} />
        </>
      )}
      {item.portal && (
        <>
          <Typography.Text type="secondary">网站推送：</Typography.Text>
          {staff ? (
            <Link to="/portal-queue">{item.portal.statusLabel}</Link>
          ) : (
            <span>{item.portal.statusLabel}</span>
          )}
        </>
      )}
    </Space>
  );
}

/**
 * 传阅 (office staff; an accepted, issued or published item) and 推送网站 (a published 普通 item).
 * The server decides again and its refusal is shown as it says it.
 */
export function ItemPublishingButtons({ item }: { item: ItemDetail }) {
  const { message, modal } = App.useApp();
  const staff = useIsOfficeStaff(item);
  const [circulating, setCirculating] = useState(false);
  const queue = useQueueForPortal();
  const entries = useCirculationOf({ itemId: item.id }, staff && circulating);
  if (!staff) return null;
  const mayCirculate = CIRCULABLE.includes(item.status);
  // Queued or posted already: the line above says so; a withdrawn entry may be queued again.
  const mayQueue =
    item.status === 'published' &&
    item.secrecy === 'public' &&
    (item.portal === null || item.portal.status === 'withdrawn');
  if (!mayCirculate && !mayQueue) return null;

  const pushToPortal = () =>
    modal.confirm({
      title: `推送“${item.title}”到政府网站？`,
      content: '信息进入网站推送队列，由网站发布；发布前可在“网站推送”中撤回。',
      okText: '推送',
      cancelText: '取消',
      onOk: async () => {
        try {
          await queue.mutateAsync(item.id);
          message.success('已加入网站推送队列');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <>
      {mayCirculate && (
        <Button icon={<ReadOutlined />} onClick={() => setCirculating(true)}>
          传阅
        </Button>
      )}
      {mayQueue && (
        <Button icon={<CloudUploadOutlined />} loading={queue.isPending} onClick={pushToPortal}>
          推送网站
        </Button>
      )}
      <Modal
        open={circulating}
        title={`传阅：${item.title}`}
        footer={null}
        onCancel={() => setCirculating(false)}
        width={720}
        destroyOnHidden
      >
        <CirculationPanel
          subject={{ itemId: item.id }}
          officeId={item.office.id}
          entries={entries.data ?? []}
          mayCirculate
          onDone={() => void entries.refetch()}
        />
      </Modal>
    </>
  );
}
