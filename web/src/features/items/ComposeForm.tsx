import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  type InputRef,
  Radio,
  Row,
  Select,
  Tooltip,
  Typography,
} from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { TITLE_MAX, titleTooLong } from '../../../../server/modules/items/body.ts';
import { PRIORITY_LABELS, SECRECY_LABELS } from '../../../../server/modules/items/workflow.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/context.ts';
import { applyServerErrors, errorMessage, isStaleVersion } from '../orgs/formErrors.ts';
import { TopicSelect } from '../topics/TopicSelect.tsx';
import { AttachmentsEditor } from './Attachments.tsx';
import { useCreateItem, useItemAction, useItemCategories, useUpdateItem } from './api.ts';
import { BodyEditor, selectParagraph } from './BodyEditor.tsx';
import { CommissionSelect } from './CommissionSelect.tsx';
import { FollowUpSelect } from './FollowUpSelect.tsx';
import { QualityDrawer } from './QualityDrawer.tsx';
import { FindingList, QualityPanel } from './QualityPanel.tsx';
import { ReasonModal, type ReasonRequest } from './ReasonModal.tsx';
import { ReturnNotice } from './ReturnNotice.tsx';
import type { Finding, ItemDetail, ItemInput, ItemPriority, SecrecyLevel } from './types.ts';
import { useQualityCheck } from './useQualityCheck.ts';

type FormValues = {
  title: string;
  categoryCode?: string;
  priority: ItemPriority;
  eventAt?: Dayjs | null;
  secrecy: SecrecyLevel;
  keywords: string[];
  body: string;
  authorPhone: string;
  followUpOfId?: string | null;
  commissionId?: string | null;
  topicId?: string | null;
};

const FIELDS = [
  'title',
  'categoryCode',
  'priority',
  'eventAt',
  'secrecy',
  'keywords',
  'body',
  'authorPhone',
  'commissionId',
  'topicId',
];

/** A new item may start from a 约稿 or a 报送要点 (/items/new?commissionId=… or ?topicId=…). */
function initialValues(
  item: ItemDetail | undefined,
  phone: string | null,
  preset: { commissionId: string | null; topicId: string | null },
): FormValues {
  if (!item)
    return {
      title: '',
      priority: 'normal',
      secrecy: 'public',
      keywords: [],
      body: '',
      authorPhone: phone ?? '',
      followUpOfId: null,
      ...preset,
    };
  return {
    title: item.title,
    categoryCode: item.categoryCode,
    priority: item.priority,
    eventAt: item.eventAt ? dayjs(item.eventAt) : null,
    secrecy: item.secrecy,
    keywords: item.keywords,
    body: item.body,
    authorPhone: item.author.phone ?? '',
    followUpOfId: item.followUpOf?.id ?? null,
    commissionId: item.commission?.id ?? null,
    topicId: item.topic?.id ?? null,
  };
}

function toInput(v: FormValues): ItemInput {
  return {
    title: v.title.trim(),
    body: v.body.replace(/\s+$/, ''),
    categoryCode: v.categoryCode ?? '',
    priority: v.priority,
    secrecy: v.secrecy,
    keywords: v.keywords.map((k) => k.trim()).filter(Boolean),
    authorPhone: v.authorPhone.trim(),
    // Only urgent items carry the time of the event their deadline counts from.
    eventAt: v.priority === 'urgent' && v.eventAt ? v.eventAt.toISOString() : null,
    followUpOfId: v.followUpOfId ?? undefined,
    commissionId: v.commissionId ?? null,
    topicId: v.topicId ?? null,
  };
}

/** Only what PATCH accepts and what has changed; the 续报 link is set when the item is created. */
function changes(before: ItemInput, after: ItemInput): Partial<ItemInput> {
  const out: Partial<ItemInput> = {};
  for (const key of FIELDS as (keyof ItemInput)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(out, { [key]: after[key] });
  }
  return out;
}

function findingsOf(err: unknown): Finding[] | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const details = err.details as { findings?: Finding[] } | undefined;
  return Array.isArray(details?.findings) ? details.findings : null;
}

/**
 * 写信息 and its edit mode: the form, the live quality check beside it (on a narrow screen, a
 * summary in the sticky bar that opens the findings in a drawer), attachments once saved, and
 * 保存草稿 / 提交签发. Saving an item that has left the draft stage asks for a short 修改说明,
 * which becomes the reason of the new version.
 */
export function ComposeForm({ item, onReload }: { item?: ItemDetail; onReload?: () => void }) {
  const me = useMe();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<FormValues>();
  const bodyRef = useRef<TextAreaRef>(null);
  const titleRef = useRef<InputRef>(null);
  const phoneRef = useRef<InputRef>(null);
  const categories = useItemCategories();
  const create = useCreateItem();
  const update = useUpdateItem();
  const action = useItemAction();
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [serverFindings, setServerFindings] = useState<Finding[] | null>(
    (location.state as { findings?: Finding[] } | null)?.findings ?? null,
  );
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);

  const [params] = useSearchParams();
  const presetCommission = params.get('commissionId');
  const presetTopic = params.get('topicId');
  const initial = useMemo(
    () => initialValues(item, me.user.phone, { commissionId: presetCommission, topicId: presetTopic }),
    [item, me.user.phone, presetCommission, presetTopic],
  );
  // The 约稿 link and the 报送要点 tag are the writing unit's choice; an office editor sees them.
  const ownUnit = !item || me.user.units.some((u) => u.id === item.submittingUnit.id);
  const saved = useRef<ItemInput>(toInput(initial));
  const title = Form.useWatch('title', form) ?? initial.title;
  const body = Form.useWatch('body', form) ?? initial.body;
  const authorPhone = Form.useWatch('authorPhone', form) ?? initial.authorPhone;
  const priority = Form.useWatch('priority', form) ?? initial.priority;
  const followUpOfId = Form.useWatch('followUpOfId', form) ?? undefined;
  const quality = useQualityCheck({ title, body, authorPhone, itemId: item?.id, followUpOfId });
  const fatal = quality.findings.filter((f) => f.severity === 'fatal');
  // Where the panel would fall below the whole form (phones, narrow tablets) its summary sits in
  // the sticky bar instead and opens the findings in a drawer.
  const stacked = Grid.useBreakpoint().lg === false;

  const isNew = !item;
  const isDraft = !item || item.status === 'draft';
  const canSubmit = isNew || item.actions.includes('submit_for_signoff');

  // Warn before leaving the page with unsaved text.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const current = form.getFieldsValue(true) as FormValues;
      if (Object.keys(changes(saved.current, toInput(current))).length > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [form]);

  const onSelectFinding = (f: Finding) => {
    if (f.paragraph) selectParagraph(bodyRef, f.paragraph);
    else if (/phone/.test(f.rule)) phoneRef.current?.focus({ cursor: 'end' });
    else if (/body|sentence/.test(f.rule)) bodyRef.current?.focus();
    // Findings without a paragraph are about the title (or the item as a whole).
    else if (!/signer|duplicate/.test(f.rule)) titleRef.current?.focus({ cursor: 'all' });
  };

  const handleError = (err: unknown) => {
    const findings = findingsOf(err);
    if (findings) {
      setServerFindings(findings);
      message.error(errorMessage(err));
      return;
    }
    if (isStaleVersion(err)) {
      modal.confirm({
        title: '该信息已被他人修改',
        content: '重新加载后显示最新内容，您在本页未保存的修改将丢失。如需保留，请先复制正文再重新加载。',
        okText: '重新加载',
        cancelText: '暂不',
        onOk: () => onReload?.(),
      });
      return;
    }
    setFormError(applyServerErrors(form, err, FIELDS));
  };

  /** Saves when something changed (creating the item the first time); returns the saved item. */
  const save = async (reason?: string): Promise<ItemDetail> => {
    const input = toInput(form.getFieldsValue(true) as FormValues);
    if (!item) {
      const created = await create.mutateAsync(input);
      saved.current = input;
      return created;
    }
    const diff = changes(saved.current, input);
    if (Object.keys(diff).length === 0) return item;
    const updated = await update.mutateAsync({ id: item.id, version: item.version, reason, ...diff });
    saved.current = input;
    return updated;
  };

  const isDirty = () => {
    const input = toInput(form.getFieldsValue(true) as FormValues);
    return !item || Object.keys(changes(saved.current, input)).length > 0;
  };

  /** Validates, asks for the 修改说明 when one is due, then saves and runs `after`. */
  const run = async (
    kind: 'save' | 'submit',
    after: (saved: ItemDetail, created: boolean) => Promise<void>,
  ) => {
    setFormError(null);
    try {
      await form.validateFields();
    } catch {
      message.warning('请先完善标注红色的内容');
      return;
    }
    const go = async (reason?: string) => {
      setBusy(kind);
      let created = false;
      try {
        const result = await save(reason);
        created = isNew;
        await after(result, created);
      } catch (err) {
        handleError(err);
      } finally {
        setBusy(null);
      }
    };
    if (!isDraft && isDirty()) {
      setReasonRequest({
        title: kind === 'submit' ? '保存修改并提交签发' : '保存修改',
        description: '此信息已不是草稿，修改会形成新版本。请简要说明修改了什么。',
        label: '修改说明',
        placeholder:
          item?.status === 'returned' ? '如：按退回意见补充了数据来源' : '如：精简标题，修改第二段表述',
        okText: kind === 'submit' ? '保存并提交' : '保存',
        maxLength: 100,
        onOk: (reason) => go(reason),
      });
      return;
    }
    await go();
  };

  const onSave = () =>
    run('save', async (result, created) => {
      message.success(isDraft ? '草稿已保存' : '修改已保存');
      if (created) navigate(`/items/${result.id}/edit`, { replace: true });
    });

  const onSubmit = () =>
    run('submit', async (result, created) => {
      try {
        await action.mutateAsync({ id: result.id, action: 'submit_for_signoff', version: result.version });
      } catch (err) {
        // The item exists now: keep working on it in its edit page rather than creating it again.
        if (created)
          navigate(`/items/${result.id}/edit`, { replace: true, state: { findings: findingsOf(err) } });
        throw err;
      }
      message.success('已提交签发，等待本单位审核签发人签发');
      navigate(`/items/${result.id}`);
    });

  const submitBlocked =
    fatal.length > 0 ? `质量检查有 ${fatal.length} 项必须修改：${fatal[0].message}` : null;
  const categoryOptions = (categories.data ?? [])
    .filter((c) => c.active || c.code === item?.categoryCode)
    .map((c) => ({ value: c.code, label: c.label }));

  return (
    <>
      {item && <ReturnNotice item={item} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <Form<FormValues>
              form={form}
              layout="vertical"
              name="compose"
              initialValues={initial}
              onValuesChange={() => setFormError(null)}
              requiredMark
            >
              <Form.Item
                name="title"
                label="标题"
                rules={[
                  { required: true, whitespace: true, message: '请填写标题' },
                  // Refused with the count, never cut: a pasted long title stays whole to be shortened.
                  {
                    validator: (_, v?: string) =>
                      (v ?? '').trim().length > TITLE_MAX
                        ? Promise.reject(new Error(titleTooLong((v ?? '').trim().length)))
                        : Promise.resolve(),
                  },
                ]}
              >
                <Input
                  ref={titleRef}
                  count={{ show: true, max: TITLE_MAX }}
                  placeholder="一句话概括信息的核心内容"
                  style={{ fontSize: 16, fontWeight: 500 }}
                />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="categoryCode"
                    label="信息类别"
                    rules={[{ required: true, message: '请选择信息类别' }]}
                  >
                    <Select options={categoryOptions} loading={categories.isPending} placeholder="选择类别" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="priority" label="紧急程度" rules={[{ required: true }]}>
                    <Radio.Group
                      optionType="button"
                      options={(Object.keys(PRIORITY_LABELS) as ItemPriority[]).map((p) => ({
                        value: p,
                        label: PRIORITY_LABELS[p],
                      }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {priority === 'urgent' && (
                <Form.Item
                  name="eventAt"
                  label="事件发生时间"
                  extra="紧急信息的报送时限从事件发生时起算。"
                  rules={[{ required: true, message: '紧急信息须填写事件发生时间' }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    style={{ width: '100%', maxWidth: 260 }}
                    placeholder="选择日期和时间"
                  />
                </Form.Item>
              )}
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="secrecy"
                    label="密级"
                    extra="只有“普通”信息可以公开发布。"
                    rules={[{ required: true }]}
                  >
                    <Radio.Group
                      optionType="button"
                      options={(Object.keys(SECRECY_LABELS) as SecrecyLevel[]).map((s) => ({
                        value: s,
                        label: SECRECY_LABELS[s],
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="keywords" label="关键词">
                    <Select
                      mode="tags"
                      tokenSeparators={[',', '，', '、', ' ']}
                      maxCount={10}
                      open={false}
                      suffixIcon={null}
                      placeholder="输入后回车，可填多个"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="body"
                label="正文"
                rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
              >
                <BodyEditor textAreaRef={bodyRef} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="authorPhone"
                    label="作者电话"
                    rules={[
                      { required: true, whitespace: true, message: '请填写作者电话，便于编辑核实' },
                      {
                        pattern: /^[0-9+\-\s()（）转,，/]+$/,
                        message: '联系电话只能包含数字、“-”、空格、括号和“转”',
                      },
                    ]}
                  >
                    <Input ref={phoneRef} maxLength={40} placeholder="手机或座机" inputMode="tel" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  {isNew ? (
                    <Form.Item name="followUpOfId" label="续报">
                      <FollowUpSelect />
                    </Form.Item>
                  ) : (
                    <Form.Item label="续报">
                      {item.followUpOf ? (
                        <Link to={`/items/${item.followUpOf.id}`}>{item.followUpOf.title}</Link>
                      ) : (
                        <Typography.Text type="secondary">不是续报</Typography.Text>
                      )}
                    </Form.Item>
                  )}
                </Col>
              </Row>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  {ownUnit ? (
                    <Form.Item name="commissionId" label="关联约稿">
                      <CommissionSelect />
                    </Form.Item>
                  ) : (
                    <Form.Item label="关联约稿">
                      {item?.commission ? (
                        <Link to={`/commissions/${item.commission.id}`}>{item.commission.topic}</Link>
                      ) : (
                        <Typography.Text type="secondary">无</Typography.Text>
                      )}
                    </Form.Item>
                  )}
                </Col>
                <Col xs={24} sm={12}>
                  {ownUnit ? (
                    <Form.Item name="topicId" label="报送要点">
                      <TopicSelect fallback={item?.topic} />
                    </Form.Item>
                  ) : (
                    <Form.Item label="报送要点">
                      {item?.topic ? (
                        <Link to={`/topics/${item.topic.id}`}>{item.topic.title}</Link>
                      ) : (
                        <Typography.Text type="secondary">无</Typography.Text>
                      )}
                    </Form.Item>
                  )}
                </Col>
              </Row>
              <Form.Item label="附件" style={{ marginBottom: 0 }}>
                <AttachmentsEditor itemId={item?.id} attachments={item?.attachments ?? []} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        {!stacked && (
          <Col xs={24} lg={8}>
            <QualityPanel state={quality} onSelect={onSelectFinding} sticky />
          </Col>
        )}
      </Row>
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 10,
          marginTop: 16,
          padding: '12px 16px',
          background: '#fff',
          borderTop: '1px solid #f0f0f0',
          boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        }}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        {serverFindings && serverFindings.length > 0 && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setServerFindings(null) }}
            title="提交未通过质量检查"
            description={<FindingList findings={serverFindings} />}
            style={{ marginBottom: 12 }}
          />
        )}
        {stacked && (
          <div style={{ marginBottom: 8 }}>
            <QualityDrawer state={quality} onSelect={onSelectFinding} />
          </div>
        )}
        <Flex gap={8} wrap align="center" justify="flex-end">
          {submitBlocked && canSubmit && !stacked && (
            <Typography.Text type="danger" style={{ fontSize: 13, flex: '1 1 200px' }}>
              {submitBlocked}
            </Typography.Text>
          )}
          {item && <Link to={`/items/${item.id}`}>返回详情</Link>}
          <Button
            icon={<SaveOutlined />}
            loading={busy === 'save'}
            disabled={busy !== null}
            onClick={() => void onSave()}
          >
            {isDraft ? '保存草稿' : '保存修改'}
          </Button>
          {canSubmit && (
            <Tooltip title={submitBlocked}>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'submit'}
                disabled={busy !== null || !!submitBlocked}
                onClick={() => void onSubmit()}
              >
                提交签发
              </Button>
            </Tooltip>
          )}
        </Flex>
      </div>
      <ReasonModal request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}
