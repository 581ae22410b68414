import { Modal } from 'antd';

export type RecordAdoptionModalProps = {
  item: { id: string; version: number; title: string };
  open: boolean;
  onClose: () => void;
  onDone: () => void;
};

/** 登记上级采用: records that an upper office's publication adopted a forwarded item. */
export function RecordAdoptionModal({ item, open, onClose }: RecordAdoptionModalProps) {
  return (
    <Modal title="登记上级采用" open={open} onCancel={onClose} footer={null} destroyOnHidden>
      {item.title}
    </Modal>
  );
}
