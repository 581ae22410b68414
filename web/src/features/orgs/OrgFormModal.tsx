import {
  Alert,
  App,
  Col,
  Collapse,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  CODE_PATTERN,
  CODE_RULE,
  IP_RANGE_RULE,
  isEmail,
  normalizeIpRanges,
  TEXT_LIMITS,
} from '../../../../server/modules/orgs/fields.ts';
import { dictionaryOptions, useDictionary } from '../dictionaries/api.ts';
import { useCreateOrg, useOrgs, useUpdateOrg } from './api.ts';
import { applyServerErrors, isStaleVersion } from './formErrors.ts';
import { OrgTreeSelect } from './OrgTreeSelect.tsx';
import { subtreeIds } from './tree.ts';
import { LEVEL_LABELS, type OfficeLevel, type Org, type OrgInput, type OrgKind } from './types.ts';

/** The server's length limit for a text field, with its message. */
const maxRule = (field: keyof typeof TEXT_LIMITS) => ({
  max: TEXT_LIMITS[field],
  message: `不能超过 ${TEXT_LIMITS[field]} 个字`,
});

type Values = Omit<OrgInput, 'netAccessDate' | 'validFrom'> & {
  netAccessDate?: Dayjs | null;
  validFrom?: Dayjs | null;
};

const FIELDS = [
  'code',
  'name',
  'shortName',
  'kind',
  'level',
  'sectionName',
  'categoryCode',
  'groupCode',
  'parentId',
  'sortOrder',
  'contactPerson',
  'contactPhone',
  'contactEmail',
  'address',
  'netAccessDate',
  'netAccessMethod',
  'netIpRange',
  'netFilingNo',
  'validFrom',
  'note',
] as const;

const NET_FIELDS = ['netAccessDate', 'netAccessMethod', 'netIpRange', 'netFilingNo'];
const NET_METHODS = ['光纤专线', 'VPN 接入', '无线专网', '其他'];

type Props = {
  open: boolean;
  /** The org being edited, or null to create one. */
  org: Org | null;
  /** Preselected parent for a new org (the office chosen in the tree). */
  defaultParentId?: string | null;
  onClose: () => void;
  onSaved: (org: Org) => void;
};

/** 新建单位 / 编辑单位: every registry field, checked here as the server will check it. */
export function OrgFormModal({ open, org, defaultParentId, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  // A long form may be scrolled down when the server refuses it: bring the reason into view.
  useEffect(() => {
    if (formError) alertRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [formError]);
  const [netOpen, setNetOpen] = useState<string[]>([]);
  const kind = Form.useWatch('kind', form) as OrgKind | undefined;
  const { data: orgs } = useOrgs();
  const categories = useDictionary('unit_category');
  const groups = useDictionary('assessment_group');
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const saving = create.isPending || update.isPending;
  const ownSubtree = useMemo(() => (org && orgs ? subtreeIds(orgs, org.id) : undefined), [org, orgs]);

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    if (org) {
      form.setFieldsValue({
        ...org,
        netAccessDate: org.netAccessDate ? dayjs(org.netAccessDate) : null,
        validFrom: org.validFrom ? dayjs(org.validFrom) : null,
      });
      setNetOpen(
        org.netAccessDate || org.netIpRange || org.netFilingNo || org.netAccessMethod ? ['net'] : [],
      );
    } else {
      form.setFieldsValue({
        kind: 'unit',
        sortOrder: 0,
        parentId: defaultParentId ?? undefined,
        validFrom: dayjs(),
      });
      setNetOpen([]);
    }
  }, [open, org, defaultParentId, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch (e) {
      const failed = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      if (failed.some((f) => NET_FIELDS.includes(String(f.name[0])))) setNetOpen(['net']);
      return;
    }
    const input = toInput(values, !!org);
    setFormError(null);
    try {
      const saved = org
        ? await update.mutateAsync({ ...input, id: org.id, version: org.version })
        : await create.mutateAsync(input);
      message.success(org ? '单位信息已保存' : `已新建单位“${saved.name}”`);
      onSaved(saved);
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
      title={org ? '编辑单位' : '新建单位'}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      width={800}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div ref={alertRef}>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      </div>
      <Form form={form} layout="vertical" requiredMark autoComplete="off" name="org-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label="单位编码"
              rules={[
                { required: true, whitespace: true, message: '请输入单位编码' },
                { pattern: CODE_PATTERN, message: CODE_RULE },
              ]}
            >
              <Input placeholder="如 fy_czj" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label="单位全称"
              rules={[
                { required: true, whitespace: true, message: '请输入单位全称' },
                { max: TEXT_LIMITS.name, message: `单位全称不能超过 ${TEXT_LIMITS.name} 个字` },
              ]}
            >
              <Input placeholder="如 汾阳市财政局" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="shortName"
              label="简称"
              rules={[
                { required: true, whitespace: true, message: '请输入简称' },
                { max: TEXT_LIMITS.shortName, message: `简称不能超过 ${TEXT_LIMITS.shortName} 个字` },
              ]}
            >
              <Input placeholder="如 财政局" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'office', label: '办公室' },
                  { value: 'unit', label: '报送单位' },
                ]}
              />
            </Form.Item>
          </Col>
          {kind === 'office' ? (
            <Col xs={24} md={8}>
              <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择办公室层级' }]}>
                <Select
                  placeholder="请选择"
                  options={(Object.keys(LEVEL_LABELS) as OfficeLevel[]).map((v) => ({
                    value: v,
                    label: LEVEL_LABELS[v],
                  }))}
                />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} md={8} />
          )}
          {kind === 'office' && (
            <Col xs={24} md={8}>
              <Form.Item name="sectionName" label="信息科室" rules={[maxRule('sectionName')]}>
                <Input placeholder="如 信息科" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={kind === 'office' ? 16 : 24}>
            <Form.Item
              name="parentId"
              label="上级单位"
              rules={[{ required: !org && kind === 'unit', message: '报送单位须指定上级办公室' }]}
              extra={
                org
                  ? '如需更换上级单位，请使用列表中的“调整上级”'
                  : kind === 'office'
                    ? '最高一级的办公室可不选上级'
                    : '报送单位向所选办公室报送信息'
              }
            >
              <OrgTreeSelect
                officesOnly
                excludeIds={ownSubtree}
                placeholder="请选择上级办公室"
                disabled={!!org}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="categoryCode" label="单位类别">
              <Select
                allowClear
                placeholder="请选择"
                loading={categories.isLoading}
                options={dictionaryOptions(categories.data, org?.categoryCode)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="groupCode" label="考核分组">
              <Select
                allowClear
                placeholder="请选择"
                loading={groups.isLoading}
                options={dictionaryOptions(groups.data, org?.groupCode)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="sortOrder" label="排序" extra="数字小的排在前面">
              <InputNumber min={0} max={999999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactPerson" label="联系人" rules={[maxRule('contactPerson')]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactPhone" label="联系电话" rules={[maxRule('contactPhone')]}>
              <Input placeholder="手机或座机" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contactEmail"
              label="电子邮箱"
              rules={[
                {
                  validator: (_, v?: string) =>
                    !v?.trim() || isEmail(v.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error('电子邮箱格式不正确')),
                },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label="地址" rules={[maxRule('address')]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Collapse
              size="small"
              activeKey={netOpen}
              onChange={(keys) => setNetOpen(Array.isArray(keys) ? keys : [keys])}
              style={{ marginBottom: 24 }}
              items={[
                {
                  key: 'net',
                  label: '电子政务外网接入备案',
                  forceRender: true,
                  children: (
                    <Row gutter={16}>
                      <Col xs={24} md={12}>
                        <Form.Item name="netAccessDate" label="接入日期">
                          <DatePicker style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name="netAccessMethod" label="接入方式">
                          <Select
                            allowClear
                            placeholder="请选择"
                            options={NET_METHODS.map((m) => ({ value: m, label: m }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item
                          name="netIpRange"
                          label="IP段"
                          rules={[
                            maxRule('netIpRange'),
                            {
                              validator: (_, v?: string) =>
                                !v?.trim() || normalizeIpRanges(v) !== null
                                  ? Promise.resolve()
                                  : Promise.reject(new Error(IP_RANGE_RULE)),
                            },
                          ]}
                        >
                          <Input placeholder="如 10.72.11.0/24，多个以逗号分隔" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name="netFilingNo" label="备案表编号" rules={[maxRule('netFilingNo')]}>
                          <Input />
                        </Form.Item>
                      </Col>
                    </Row>
                  ),
                },
              ]}
            />
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="validFrom"
              label="生效日期"
              rules={[{ required: true, message: '请选择生效日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="note" label="备注" rules={[maxRule('note')]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** Which field a business-rule message (no validation details) is about. */
function fieldOfMessage(message: string): string | null {
  if (message.startsWith('单位编码')) return 'code';
  if (message.includes('层级')) return 'level';
  if (message.includes('上级')) return 'parentId';
  if (message.includes('单位类别')) return 'categoryCode';
  if (message.includes('考核分组')) return 'groupCode';
  return null;
}

/**
 * Form values → request body. Blank optional text becomes null on edit (to clear the field) and
 * is left out on create; office-only fields are dropped for units.
 */
function toInput(values: Values, editing: boolean): OrgInput {
  const text = (v: string | null | undefined) => {
    const t = v?.trim();
    return t ? t : editing ? null : undefined;
  };
  const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : editing ? null : undefined);
  const office = values.kind === 'office';
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    shortName: values.shortName.trim(),
    kind: values.kind,
    level: office ? (values.level ?? null) : editing ? null : undefined,
    sectionName: office ? text(values.sectionName) : editing ? null : undefined,
    categoryCode: values.categoryCode ?? (editing ? null : undefined),
    groupCode: values.groupCode ?? (editing ? null : undefined),
    // The parent changes only through 调整上级 (its own endpoint and audit event).
    parentId: editing ? undefined : (values.parentId ?? undefined),
    sortOrder: values.sortOrder ?? 0,
    contactPerson: text(values.contactPerson),
    contactPhone: text(values.contactPhone),
    contactEmail: text(values.contactEmail),
    address: text(values.address),
    netAccessDate: date(values.netAccessDate),
    netAccessMethod: text(values.netAccessMethod),
    netIpRange: text(values.netIpRange),
    netFilingNo: text(values.netFilingNo),
    validFrom: values.validFrom ? values.validFrom.format('YYYY-MM-DD') : undefined,
    note: text(values.note),
  };
}
