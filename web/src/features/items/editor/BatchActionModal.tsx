import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../orgs/formErrors.ts';
import { usePublications } from '../api.ts';
import type { ItemSummary } from '../types.ts';
import { useBatchAction } from './api.ts';
import { ItemRefList } from './ItemRefList.tsx';
import { PublicationSelect } from './PublicationSelect.tsx';

export type BatchKind = 'accept' | 'return';

type Props = {
  kind: BatchKind | null;
  items: ItemSummary[];
  onClose: () => void;
  /** After the server applied the action to every item. */
  onDone: () => void;
};

type Values = { targetPublicationId?: string; reason?: string };

const TEXTS = {
  accept: { title: '批量拟采用', single: '拟采用', ok: '拟采用', done: '已拟采用' },
  return: { title: '批量退回', single: '退回', ok: '退回', done: '已退回' },
} as const;

/**
 * 拟采用 (with the target publication) or 退回 (with a reason) of one row, or of several as
 * 批量拟采用 / 批量退回: the server applies it to all the items or to none, and its message names
 * the item that stopped it. One item is worded as the single action, never as a batch of one.
 */
export function BatchActionModal({ kind, items, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const batch = useBatchAction();
  const publications = usePublications('own', kind === 'accept');
  const open = kind !== null;
  const batchOf = items.length > 1;

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  // One own publication: nothing to choose.
  useEffect(() => {
    const list = publications.data;
    if (kind === 'accept' && list?.length === 1 && !form.getFieldValue('targetPublicationId')) {
      form.setFieldsValue({ targetPublicationId: list[0].id });
    }
  }, [kind, publications.data, form]);

  const submit = async () => {
    if (!kind) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    try {
      await batch.mutateAsync({
        action: kind,
        ids: items.map((i) => i.id),
        versions: Object.fromEntries(items.map((i) => [i.id, i.version])),
        targetPublicationId: kind === 'accept' ? values.targetPublicationId : undefined,
        reason: kind === 'return' ? values.reason?.trim() : undefined,
      });
      message.success(
        batchOf
          ? `${TEXTS[kind].done} ${items.length} 条信息`
          : `${TEXTS[kind].done}第 ${items[0]?.serial} 号信息`,
      );
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const texts = kind ? TEXTS[kind] : TEXTS.accept;
  return (
    <Modal
      open={open}
      title={batchOf ? `${texts.title}（${items.length} 条）` : texts.single}
      okText={texts.ok}
      okButtonProps={{ danger: kind === 'return' }}
      cancelText="取消"
      confirmLoading={batch.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          description={
            batchOf ? '批量操作要么全部完成，要么都不执行；本次未做任何修改。' : '本次未做任何修改。'
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <div style={{ marginBottom: 16 }}>
        <ItemRefList items={items.map((i) => ({ ...i, unitName: i.submittingUnit.name }))} />
      </div>
      <Form form={form} layout="vertical" name={`batch-${kind ?? 'none'}`} preserve={false}>
        {kind === 'accept' ? (
          <Form.Item
            name="targetPublicationId"
            label="拟用刊物"
            rules={[{ required: true, message: '请选择拟采用的刊物' }]}
          >
            <PublicationSelect publications={publications.data} loading={publications.isPending} />
          </Form.Item>
        ) : (
          <Form.Item
            name="reason"
            label="退回原因"
            extra={`原因会出现在${batchOf ? '每条' : ''}信息的时间线上，报送单位据此修改后重新提交。`}
            rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder="如：要素不全，请补充时间、地点和数据来源"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
