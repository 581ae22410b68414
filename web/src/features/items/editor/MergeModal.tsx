import { Alert, App, Descriptions, Form, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { TITLE_MAX, titleTooLong } from '../../../../../server/modules/items/body.ts';
import { PRIORITY_LABELS } from '../../../../../server/modules/items/workflow.ts';
import { errorMessage } from '../../orgs/formErrors.ts';
import { useItemCategories } from '../api.ts';
import type { ItemDetail, ItemPriority, ItemSummary } from '../types.ts';
import { useItemDetails, useMergeItems } from './api.ts';
import { ItemRefList } from './ItemRefList.tsx';
import { composeMergedBody, evenCredits, formatShare, mergedPriority } from './merge.ts';

type Props = {
  /** The sources, in the order the editor picked them; the first one's unit submits the joint report. */
  items: ItemSummary[];
  open: boolean;
  onClose: () => void;
  onDone: (merged: ItemDetail) => void;
};

/** The server's limit on titles (server/modules/items/schemas.ts). */

type Values = { title: string; categoryCode: string; priority: ItemPriority; body: string; reason?: string };

/**
 * 合报: several units' items about one event become one item whose credit the units share
 * evenly. The form starts from the first item's title and category and all the bodies.
 */
export function MergeModal({ items, open, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const ids = useMemo(() => items.map((i) => i.id), [items]);
  const details = useItemDetails(ids, open);
  const categories = useItemCategories();
  const merge = useMergeItems();

  const loading = details.some((d) => d.isPending);
  const failed = details.find((d) => d.isError)?.error;
  const sources = useMemo(
    () => (loading ? [] : details.flatMap((d) => (d.data ? [d.data] : []))),
    [details, loading],
  );
  const credits = evenCredits(sources.length ? sources : items);
  const ready = open && !loading && !failed && sources.length === items.length;

  // Prefill once the bodies are in; a reopen starts afresh.
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (!open) {
      setFilled(false);
      setError(null);
      return;
    }
    if (ready && !filled) {
      form.setFieldsValue({
        title: sources[0].title,
        categoryCode: sources[0].categoryCode,
        priority: mergedPriority(sources),
        body: composeMergedBody(sources),
      });
      setFilled(true);
    }
  }, [open, ready, filled, sources, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    try {
      const merged = await merge.mutateAsync({
        ids,
        title: values.title.trim(),
        body: values.body,
        categoryCode: values.categoryCode,
        priority: values.priority,
        reason: values.reason?.trim() || undefined,
        versions: Object.fromEntries(items.map((i) => [i.id, i.version])),
      });
      message.success(`已合报为一条信息：${merged.title}`);
      onDone(merged);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open={open}
      title={`合报（${items.length} 条信息合为一条）`}
      okText="合报"
      cancelText="取消"
      okButtonProps={{ disabled: !ready }}
      confirmLoading={merge.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      width={760}
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto', paddingInlineEnd: 8 } }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {failed && (
        <Alert
          type="error"
          showIcon
          title={`原信息加载失败：${failed.message}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        styles={{ label: { width: 96 } }}
      >
        <Descriptions.Item label="原信息">
          <ItemRefList items={items.map((i) => ({ ...i, unitName: i.originUnit.name }))} />
        </Descriptions.Item>
        <Descriptions.Item label="分值分配">
          <Space size={[4, 4]} wrap>
            {credits.map((c) => (
              <Tag key={c.unitId} color="blue">
                {c.unitName} {formatShare(c.share)}
              </Tag>
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
            采用后的分值由上述单位平均分享。合报信息以“{items[0]?.originUnit.name}
            ”为报送单位，原信息转为“已合报”。
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      <Spin spinning={open && loading} description="正在载入原信息正文…">
        <Form form={form} layout="vertical" name="merge-items" preserve={false}>
          <Form.Item
            name="title"
            label="合报标题"
            rules={[
              { required: true, whitespace: true, message: '请填写合报后的标题' },
              {
                validator: (_, v?: string) =>
                  (v ?? '').trim().length > TITLE_MAX
                    ? Promise.reject(new Error(titleTooLong((v ?? '').trim().length)))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input count={{ show: true, max: TITLE_MAX }} />
          </Form.Item>
          <Space size={16} style={{ display: 'flex' }} wrap>
            <Form.Item
              name="categoryCode"
              label="类别"
              rules={[{ required: true, message: '请选择类别' }]}
              style={{ minWidth: 200 }}
            >
              <Select
                loading={categories.isPending}
                options={(categories.data ?? [])
                  .filter((c) => c.active)
                  .map((c) => ({ value: c.code, label: c.label }))}
              />
            </Form.Item>
            <Form.Item name="priority" label="紧急程度" style={{ minWidth: 160 }}>
              <Select
                options={(Object.keys(PRIORITY_LABELS) as ItemPriority[]).map((p) => ({
                  value: p,
                  label: PRIORITY_LABELS[p],
                }))}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="body"
            label="合报正文"
            extra="已按单位依次汇集原信息正文（【单位】行仅作提示），请整合改写为一篇；每行一段。"
            rules={[{ required: true, whitespace: true, message: '请填写合报正文' }]}
          >
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 16 }} />
          </Form.Item>
          <Form.Item name="reason" label="说明" style={{ marginBottom: 0 }}>
            <Input maxLength={200} placeholder="可选，如：同一事件多家单位报送" />
          </Form.Item>
        </Form>
      </Spin>
    </Modal>
  );
}
