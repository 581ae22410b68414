import {
  CheckOutlined,
  CloseCircleOutlined,
  EditOutlined,
  FileDoneOutlined,
  RollbackOutlined,
  SendOutlined,
  ShareAltOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { AcceptModal } from './AcceptModal.tsx';
import { useOfficeNames } from './api.ts';
import { RecordAdoptionModal } from './editor/RecordAdoptionModal.tsx';
import type { ItemAction, ItemDetail } from './types.ts';
import { ACTION_LABELS, useWorkflowActions } from './useWorkflowActions.tsx';

type ButtonSpec = { icon: ReactNode; primary?: boolean; danger?: boolean };

/** The order buttons appear in, and how each looks; 合报 lives in the inbox, not here. */
const BUTTONS: [ItemAction, ButtonSpec][] = [
  ['submit_for_signoff', { icon: <SendOutlined />, primary: true }],
  ['sign', { icon: <CheckOutlined />, primary: true }],
  ['resubmit', { icon: <SendOutlined />, primary: true }],
  ['accept', { icon: <CheckOutlined />, primary: true }],
  ['forward', { icon: <ShareAltOutlined /> }],
  ['record_adoption', { icon: <FileDoneOutlined /> }],
  ['withdraw', { icon: <UndoOutlined /> }],
  ['signer_return', { icon: <RollbackOutlined /> }],
  ['return', { icon: <RollbackOutlined /> }],
  ['reject', { icon: <CloseCircleOutlined />, danger: true }],
];

/**
 * The item's buttons, drawn only from `item.actions` (the server decides; it enforces the same
 * rules again). Every action posts the item's version; a 409 reloads the item.
 */
export function ItemActionBar({ item, onReload }: { item: ItemDetail; onReload: () => void }) {
  const navigate = useNavigate();
  const { start, perform, dialogs } = useWorkflowActions({ onConflict: onReload });
  const [accepting, setAccepting] = useState(false);
  const [recording, setRecording] = useState(false);
  const offices = useOfficeNames(item.office.id, item.actions.includes('forward'));

  const onClick = (action: ItemAction) => {
    if (action === 'accept') return setAccepting(true);
    if (action === 'record_adoption') return setRecording(true);
    start(item, action, {
      officeName: item.office.name,
      parentOfficeName: offices.data?.parentName ?? undefined,
    });
  };

  const buttons = BUTTONS.filter(([a]) => item.actions.includes(a));
  if (buttons.length === 0 && !item.actions.includes('edit')) return null;

  return (
    <>
      <Flex gap={8} wrap>
        {item.actions.includes('edit') && (
          <Button icon={<EditOutlined />} onClick={() => navigate(`/items/${item.id}/edit`)}>
            编辑
          </Button>
        )}
        {buttons.map(([action, spec]) => (
          <Button
            key={action}
            icon={spec.icon}
            type={spec.primary ? 'primary' : 'default'}
            danger={spec.danger}
            onClick={() => onClick(action)}
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </Flex>
      {dialogs}
      <AcceptModal
        open={accepting}
        title={item.title}
        onClose={() => setAccepting(false)}
        onAccept={(publicationId) => perform(item, 'accept', { targetPublicationId: publicationId })}
      />
      {item.actions.includes('record_adoption') && (
        <RecordAdoptionModal
          item={item}
          open={recording}
          onClose={() => setRecording(false)}
          onDone={() => {
            setRecording(false);
            onReload();
          }}
        />
      )}
    </>
  );
}
