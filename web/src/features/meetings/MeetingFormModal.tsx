import { App, DatePicker, Flex, Form, type FormInstance, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { MemberUnitSelect } from '../orgs/MemberUnitSelect.tsx';
import {
  inputOf,
  type Meeting,
  type MeetingInput,
  type MeetingKind,
  type MeetingLevel,
  useCreateMeeting,
  useUpdateMeeting,
} from './api.ts';
import { KIND_OPTIONS, LEVEL_OPTIONS } from './labels.tsx';

type Values = {
  kind: MeetingKind;
  level: MeetingLevel;
  title: string;
  organiser: string;
  startsAt: Dayjs;
  endsAt?: Dayjs | null;
  location?: string;
  unitIds?: string[];
  minutes?: string;
};

const FIELDS = [
  'kind',
  'level',
  'title',
  'organiser',
  'startsAt',
  'endsAt',
  'location',
  'unitIds',
  'minutes',
];

/** Times go to the server with the offset of the zone they were picked in: 2026-03-10T09:00:00+08:00. */
const iso = (d: Dayjs) => d.second(0).format('YYYY-MM-DDTHH:mm:ssZ');

/**
 * A refusal the server tied to a field (its details name `/endsAt`) goes under that field; any
 * other is a message. Returns true when it was placed on the form.
 */
export function showOnForm(form: FormInstance, err: Error): boolean {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return false;
  const placed = (err.details as { path?: string; message?: string }[])
    .map((d) => ({ name: d.path?.split('/')[1] ?? '', message: d.message ?? '' }))
    .filter((d) => FIELDS.includes(d.name));
  if (!placed.length) return false;
  form.setFields(placed.map((d) => ({ name: d.name, errors: [d.message] })));
  return true;
}

/**
 * 登记会议 and 编辑会议: a work meeting, training course or video conference — kind, level, name,
 * organiser, time, place and the member units invited. The edit form sends the version read; a
 * 409 (someone saved first) shows the server's message and the page reloads the meeting.
 */
export function MeetingFormModal({
  open,
  meeting,
  onClose,
}: {
  open: boolean;
  /** The meeting to edit; none to record a new one. */
  meeting?: Meeting;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const create = useCreateMeeting();
  const update = useUpdateMeeting();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const editing = !!meeting;

  const initialValues: Partial<Values> = meeting
    ? {
        kind: meeting.kind,
        level: meeting.level,
        title: meeting.title,
        organiser: meeting.organiser,
        startsAt: dayjs(meeting.startsAt),
        endsAt: meeting.endsAt ? dayjs(meeting.endsAt) : null,
        location: meeting.location ?? '',
        unitIds: meeting.participants.map((p) => p.unit.id),
      }
    : {
        kind: 'video_conference',
        level: 'county',
        startsAt: dayjs().add(1, 'day').hour(9).minute(0).second(0),
        unitIds: [],
      };

  const submit = async () => {
    const v = await form.validateFields();
    const input: MeetingInput = {
      kind: v.kind,
      level: v.level,
      title: v.title.trim(),
      organiser: v.organiser.trim(),
      startsAt: iso(v.startsAt),
      endsAt: v.endsAt ? iso(v.endsAt) : null,
      location: v.location?.trim() || null,
      unitIds: v.unitIds ?? [],
    };
    const onError = (err: Error) => {
      if (!showOnForm(form, err)) message.error(err.message);
      // Someone saved first: the page reloads the meeting, to be edited again from there.
      if (err instanceof ApiError && (err.details as { currentVersion?: number })?.currentVersion) onClose();
    };
    if (meeting) {
      update.mutate(
        { ...inputOf(meeting), ...input, id: meeting.id, version: meeting.version },
        {
          onSuccess: () => {
            message.success('会议信息已保存');
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { ...input, minutes: v.minutes?.trim() || undefined },
        {
          onSuccess: (created) => {
            message.success(
              dayjs(created.startsAt).isAfter(dayjs()) && created.participants.length
                ? `已登记，${created.participants.length} 个参会单位将收到会议通知`
                : '已登记',
            );
            onClose();
            navigate(`/meetings/${created.id}`);
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? '编辑会议信息' : '登记会议'}
      okText="保存"
      onOk={() => void submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name={editing ? 'edit-meeting' : 'create-meeting'}
        preserve={false}
        initialValues={initialValues}
      >
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Radio.Group options={KIND_OPTIONS} optionType="button" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="level"
            label="级别"
            style={{ flex: '1 1 140px' }}
            rules={[{ required: true, message: '请选择级别' }]}
          >
            <Select options={LEVEL_OPTIONS} placeholder="请选择" />
          </Form.Item>
          <Form.Item
            name="organiser"
            label="主办单位"
            style={{ flex: '3 1 240px' }}
            rules={[{ required: true, whitespace: true, message: '请填写主办单位' }]}
          >
            <Input maxLength={100} placeholder="如：山西省人民政府办公厅" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="title"
          label="会议名称"
          rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}
        >
          <Input maxLength={200} placeholder="如：全省政务信息工作视频会议" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="startsAt"
            label="开始时间"
            style={{ flex: '1 1 220px' }}
            rules={[{ required: true, message: '请选择开始时间' }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item
            name="endsAt"
            label="结束时间"
            style={{ flex: '1 1 220px' }}
            dependencies={['startsAt']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, end: Dayjs | null | undefined) => {
                  const start = getFieldValue('startsAt') as Dayjs | undefined;
                  return end && start && end.isBefore(start)
                    ? Promise.reject(new Error('结束时间不能早于开始时间'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              placeholder="选填"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="location" label="地点">
          <Input maxLength={200} placeholder="如：市政府三楼视频会议室（选填）" />
        </Form.Item>
        <Form.Item
          name="unitIds"
          label="参会单位"
          extra={
            editing
              ? '已登记出席情况的单位不能移出；新增的单位会收到会议通知。'
              : '会议尚未召开时，所选单位的信息员会收到会议通知。'
          }
        >
          <MemberUnitSelect multiple style={{ width: '100%' }} />
        </Form.Item>
        {!editing && (
          <Form.Item name="minutes" label="会议纪要">
            <Input.TextArea rows={3} maxLength={20000} placeholder="选填，也可会后在会议页填写" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
