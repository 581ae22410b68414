import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Radio, Result, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { RecordFileUpload } from '../../components/RecordFiles.tsx';
import { itemQueryString } from '../items/api.ts';
import type { ItemPage } from '../items/types.ts';
import {
  INSTRUCTIONS_KEY,
  type Instruction,
  type InstructionLevel,
  instructionFileUrl,
  type LeaderRank,
  useRecordInstruction,
} from './api.ts';
import { LEVEL_LABELS } from './labels.tsx';

type Values = {
  source: 'paper' | 'upper';
  leaderName: string;
  leaderTitle?: string;
  leaderRank?: LeaderRank;
  level: InstructionLevel;
  text: string;
  instructedOn: Dayjs;
  itemId?: string;
};

/** The office's items matching a keyword, for the optional 所批信息 of a recorded instruction. */
function ItemPicker({ value, onChange }: { value?: string; onChange?: (v?: string) => void }) {
  const [q, setQ] = useState('');
  const items = useQuery({
    queryKey: ['items', 'list', 'inbox', 'instruction-picker', q],
    queryFn: () =>
      api<ItemPage>('GET', `/api/items?${itemQueryString('inbox', { q: q || undefined }, 1, 20)}`),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder="输入标题关键字查找（选填）"
      loading={items.isFetching}
      options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.serial} ${i.title}` }))}
      notFoundContent={items.isFetching ? '查找中…' : '没有找到信息'}
    />
  );
}

/**
 * 登记批示: an editor records an instruction received on paper or from an upper office; once
 * saved, the scan of the paper may be uploaded before going to the instruction.
 */
export function RecordInstructionModal({
  open,
  itemId,
  onClose,
}: {
  open: boolean;
  /** Preset when recorded from an item's page. */
  itemId?: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const record = useRecordInstruction();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [saved, setSaved] = useState<Instruction | null>(null);

  const close = () => {
    setSaved(null);
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    record.mutate(
      {
        source: v.source,
        leaderName: v.leaderName.trim(),
        leaderTitle: v.leaderTitle?.trim() || undefined,
        leaderRank: v.leaderRank,
        level: v.level,
        text: v.text,
        instructedOn: v.instructedOn.format('YYYY-MM-DD'),
        itemId: itemId ?? v.itemId,
      },
      {
        onSuccess: (created) => {
          message.success(`批示已登记（编号 ${created.serial}）`);
          setSaved(created);
        },
        onError: (err) => message.error(err.message),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="登记批示"
      onCancel={close}
      destroyOnHidden
      width={600}
      footer={
        saved ? (
          <Space>
            <Button onClick={close}>关闭</Button>
            <Button
              type="primary"
              onClick={() => {
                close();
                navigate(`/instructions/${saved.id}`);
              }}
            >
              查看并交办
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={record.isPending} onClick={() => void submit()}>
              保存
            </Button>
          </Space>
        )
      }
    >
      {saved ? (
        <Result
          status="success"
          title={`已登记批示 ${saved.serial}`}
          subTitle="如有纸质批示，可上传扫描件（可多份）；也可稍后在批示页上传。"
          extra={
            <RecordFileUpload
              url={instructionFileUrl(saved.id)}
              refresh={INSTRUCTIONS_KEY}
              label="上传扫描件"
              showList
            />
          }
        />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          name="record-instruction"
          preserve={false}
          initialValues={{ source: 'paper', instructedOn: dayjs() }}
        >
          <Form.Item name="source" label="来源" rules={[{ required: true, message: '请选择来源' }]}>
            <Radio.Group
              options={[
                { value: 'paper', label: '纸质批示' },
                { value: 'upper', label: '上级批示' },
              ]}
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="leaderName"
              label="批示领导"
              style={{ flex: 1, minWidth: 200 }}
              rules={[{ required: true, whitespace: true, message: '请填写批示领导' }]}
            >
              <Input maxLength={40} placeholder="姓名" />
            </Form.Item>
            <Form.Item name="leaderTitle" label="职务" style={{ flex: 1, minWidth: 200 }}>
              <Input maxLength={40} placeholder="如：副省长（选填）" />
            </Form.Item>
          </Flex>
          <Form.Item name="leaderRank" label="领导类别" tooltip="部分考核办法对主要领导批示单独计分">
            <Radio.Group
              options={[
                { value: 'principal', label: '主要领导' },
                { value: 'deputy', label: '分管（其他）领导' },
              ]}
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="level"
              label="批示层级"
              style={{ flex: 1, minWidth: 200 }}
              rules={[{ required: true, message: '请选择批示层级' }]}
            >
              <Select
                placeholder="请选择"
                options={(Object.keys(LEVEL_LABELS) as InstructionLevel[]).map((l) => ({
                  value: l,
                  label: LEVEL_LABELS[l],
                }))}
              />
            </Form.Item>
            <Form.Item
              name="instructedOn"
              label="批示日期"
              style={{ flex: 1, minWidth: 200 }}
              rules={[{ required: true, message: '请选择批示日期' }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="text"
            label="批示内容"
            rules={[{ required: true, whitespace: true, message: '请填写批示内容' }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          {!itemId && (
            <Form.Item name="itemId" label="所批信息">
              <ItemPicker />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
