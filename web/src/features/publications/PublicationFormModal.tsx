import {
  Alert,
  App,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { formatIssueLabel } from '../../../../server/modules/publications/numbering.ts';
import { useOfficeStaff } from '../issues/api.ts';
import type { StaffMember } from '../issues/types.ts';
import { applyServerErrors, isStaleVersion } from '../orgs/formErrors.ts';
import { useSavePublication } from './api.ts';
import {
  LABEL_FORMAT_LABELS,
  type LabelFormat,
  NUMBERING_LABELS,
  type Numbering,
  type PersonRef,
  PUBLICATION_KINDS,
  type Publication,
  type PublicationFields,
} from './types.ts';

type Values = {
  name: string;
  kind: string;
  numbering: Numbering;
  labelFormat: LabelFormat;
  showTotal: boolean;
  bao: string;
  song: string;
  fa: string;
  printCount: number;
  defaultEditorId: string | null;
  defaultSignerId: string | null;
  description: string;
};

const FIELDS = [
  'name',
  'kind',
  'numbering',
  'labelFormat',
  'showTotal',
  'printCount',
  'defaultEditorId',
  'defaultSignerId',
  'description',
] as const;

const NEW_DEFAULTS: Partial<Values> = {
  kind: '普刊',
  numbering: 'yearly',
  labelFormat: 'year_issue',
  showTotal: false,
  bao: '',
  song: '',
  fa: '',
  printCount: 50,
  defaultEditorId: null,
  defaultSignerId: null,
  description: '',
};

/** The server takes an editor as the default 责任编辑 and a chief editor as the default 签发人. */
const EDITOR_ROLES = ['editor'] as const;
const SIGNER_ROLES = ['chief_editor', 'leader'] as const;

type Props = {
  open: boolean;
  /** The publication being edited, or null to create one in `officeId`. */
  publication: Publication | null;
  officeId: string | null;
  onClose: () => void;
};

/** Business-rule messages without field details, placed by their wording. */
function fieldOfMessage(m: string): string | null {
  if (m.includes('名称')) return 'name';
  if (m.includes('责任编辑')) return 'defaultEditorId';
  if (m.includes('签发人')) return 'defaultSignerId';
  return null;
}

/**
 * The office's people holding the roles, and the person already set even when they no longer
 * hold them (so the field shows a name, not an id, until someone else is chosen).
 */
function personOptions(staff: StaffMember[] | undefined, person: PersonRef) {
  const options = (staff ?? []).map((s) => ({ value: s.id, label: s.displayName }));
  if (person && !options.some((o) => o.value === person.id))
    options.unshift({ value: person.id, label: person.name || '（未知用户）' });
  return options;
}

/** 新建刊物 / 编辑刊物: one publication definition, with a live preview of its issue number. */
export function PublicationFormModal({ open, publication, officeId, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSavePublication();
  const staffOffice = publication?.officeId ?? officeId;
  const editors = useOfficeStaff(staffOffice, EDITOR_ROLES, open);
  const signers = useOfficeStaff(staffOffice, SIGNER_ROLES, open);
  const labelFormat = Form.useWatch('labelFormat', form);
  const showTotal = Form.useWatch('showTotal', form);

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    if (!publication) {
      form.setFieldsValue(NEW_DEFAULTS);
      return;
    }
    form.setFieldsValue({
      name: publication.name,
      kind: publication.kind,
      numbering: publication.numbering,
      labelFormat: publication.labelFormat,
      showTotal: publication.showTotal,
      ...publication.distribution,
      printCount: publication.printCount,
      defaultEditorId: publication.defaultEditor?.id ?? null,
      defaultSignerId: publication.defaultSigner?.id ?? null,
      description: publication.description ?? '',
    });
  }, [open, publication, form]);

  const preview = formatIssueLabel(
    { labelFormat: labelFormat ?? 'year_issue', showTotal: !!showTotal },
    { year: new Date().getFullYear(), number: 1, totalNumber: 1 },
  );

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const fields: PublicationFields = {
      name: values.name.trim(),
      kind: values.kind,
      numbering: values.numbering,
      labelFormat: values.labelFormat,
      showTotal: values.showTotal,
      distribution: { bao: values.bao ?? '', song: values.song ?? '', fa: values.fa ?? '' },
      printCount: values.printCount,
      defaultEditorId: values.defaultEditorId ?? null,
      defaultSignerId: values.defaultSignerId ?? null,
      description: values.description?.trim() ? values.description.trim() : null,
    };
    setFormError(null);
    try {
      if (publication) {
        await save.mutateAsync({ id: publication.id, version: publication.version, fields });
        message.success(`已保存“${fields.name}”`);
      } else {
        if (!officeId) return;
        await save.mutateAsync({ officeId, fields });
        message.success(`已新建刊物“${fields.name}”`);
      }
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        message.warning((err as Error).message);
        onClose();
        return;
      }
      setFormError(applyServerErrors(form, err, FIELDS, fieldOfMessage));
    }
  };

  return (
    <Modal
      open={open}
      title={publication ? `编辑刊物：${publication.name}` : '新建刊物'}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="publication" autoComplete="off">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item
              name="name"
              label="名称"
              rules={[
                { required: true, whitespace: true, message: '请填写刊物名称' },
                { max: 60, message: '刊物名称不能超过 60 字' },
              ]}
            >
              <Input placeholder="如 汾阳政务信息" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="kind" label="种类" rules={[{ required: true, message: '请选择种类' }]}>
              <Select options={PUBLICATION_KINDS.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="numbering" label="期号编排" rules={[{ required: true, message: '请选择期号编排' }]}>
          <Radio.Group
            options={(Object.keys(NUMBERING_LABELS) as Numbering[]).map((n) => ({
              value: n,
              label: NUMBERING_LABELS[n],
            }))}
          />
        </Form.Item>
        <Row gutter={16} align="bottom">
          <Col span={14}>
            <Form.Item
              name="labelFormat"
              label="期号格式"
              rules={[{ required: true, message: '请选择期号格式' }]}
              extra={
                <span>
                  预览：<Typography.Text strong>{preview}</Typography.Text>
                </span>
              }
            >
              <Radio.Group
                options={(Object.keys(LABEL_FORMAT_LABELS) as LabelFormat[]).map((f) => ({
                  value: f,
                  label: LABEL_FORMAT_LABELS[f],
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="showTotal" label="显示总期号" valuePropName="checked">
              <Switch checkedChildren="显示" unCheckedChildren="不显示" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="bao" label="报" rules={[{ max: 1000, message: '不能超过 1000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="报送的上级机关" />
        </Form.Item>
        <Form.Item name="song" label="送" rules={[{ max: 1000, message: '不能超过 1000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="抄送的领导、同级机关" />
        </Form.Item>
        <Form.Item name="fa" label="发" rules={[{ max: 1000, message: '不能超过 1000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="印发的下级单位" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="printCount" label="共印份数" rules={[{ required: true, message: '请填写印数' }]}>
              <InputNumber min={1} max={10000} precision={0} addonAfter="份" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="defaultEditorId" label="默认责任编辑">
              <Select
                allowClear
                placeholder="未设置"
                loading={editors.isLoading}
                options={personOptions(editors.data, publication?.defaultEditor ?? null)}
                notFoundContent="本办公室暂无编辑"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="defaultSignerId" label="默认签发人">
              <Select
                allowClear
                placeholder="未设置"
                loading={signers.isLoading}
                options={personOptions(signers.data, publication?.defaultSigner ?? null)}
                notFoundContent="本办公室暂无主编/签发领导"
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          新建一期时自动填入，编排时可逐期更改。签发人未设置时，本办公室任一主编/签发领导均可签发。
        </Typography.Paragraph>
        <Form.Item name="description" label="说明" rules={[{ max: 500, message: '说明不能超过 500 字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
