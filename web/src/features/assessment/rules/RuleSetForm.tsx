import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { MemberUnitSelect } from '../../orgs/MemberUnitSelect.tsx';
import { PUBLICATION_KINDS } from '../../publications/types.ts';
import { AmountInput, amountRules, MultiPick, RowHead, rowBox } from './fields.tsx';
import { type InstructionKey, LEADER_RANKS, nextKey, type RuleSetFormValues, usedKeys } from './formModel.ts';
import {
  ADOPTION_KIND_OPTIONS,
  COMBINE_OPTIONS,
  COUNT_OPTIONS,
  INSTRUCTION_LEVELS,
  INSTRUCTION_MODE_OPTIONS,
  JOINT_OPTIONS,
  OUTLET_OPTIONS,
  PERIOD_OPTIONS,
  ROUTE_OPTIONS,
  TIER_OPTIONS,
  ZERO_OUT_OPTIONS,
} from './labels.tsx';
import {
  adopterOfficeOptions,
  type Option,
  publicationOptions,
  useRuleDictionaries,
  useRulePublications,
} from './options.ts';

const KIND_OPTIONS: Option[] = PUBLICATION_KINDS.map((k) => ({ value: k, label: k }));
/** 报送上级 goes up: 本级 is offered only when an old rule already names it. */
const FORWARD_TIERS: Option[] = TIER_OPTIONS.map((t) => ({ ...t, inactive: t.value === 'own' }));
const item = { style: { marginBottom: 12 } };

function Section({
  id,
  title,
  extra,
  children,
  hint,
}: {
  id: string;
  title: string;
  extra?: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card size="small" id={id} title={title} extra={extra} style={{ marginBottom: 16 }}>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 12 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {children}
    </Card>
  );
}

const EmptyList = ({ text }: { text: string }) => (
  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '8px 0 16px' }} />
);

const EXTRA_KEYS = [
  'tiers',
  'adopterOfficeIds',
  'publicationKinds',
  'outlet',
  'categories',
  'adoptionKinds',
  'picturePoints',
  'route',
];
const isSet = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== '');

/**
 * The further conditions of an adoption row or multiplier (all optional; every given one must
 * hold), folded away until asked for or set, so a row that only names publications stays short.
 */
function MatchFields({ list, name, extra }: { list: string; name: number; extra: ReactNode }) {
  const form = Form.useFormInstance();
  const row = Form.useWatch([list, name], { form, preserve: true }) as Record<string, unknown> | undefined;
  const set = EXTRA_KEYS.filter((k) => isSet(row?.[k])).length;
  // The watch is empty on the first render: the stored row decides whether to start open.
  const [open, setOpen] = useState(() => EXTRA_KEYS.some((k) => isSet(form.getFieldValue([list, name, k]))));
  const dicts = useRuleDictionaries();
  const publications = useRulePublications();
  return (
    <>
      {open && (
        <>
          <Col xs={24} md={8}>
            <Form.Item {...item} label="采用层级" name={[name, 'tiers']}>
              <MultiPick options={TIER_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              {...item}
              label="采用机关"
              name={[name, 'adopterOfficeIds']}
              tooltip="按采用刊物的主办机关区分，如同为国家级的中办与国办"
            >
              <MultiPick options={adopterOfficeOptions(publications.all)} loading={publications.isPending} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item {...item} label="刊物类别" name={[name, 'publicationKinds']}>
              <MultiPick options={KIND_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item {...item} label="渠道" name={[name, 'outlet']}>
              <Select allowClear placeholder="不限" options={OUTLET_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item {...item} label="信息类别" name={[name, 'categories']}>
              <MultiPick options={dicts.itemCategoryOptions} loading={dicts.isPending} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item {...item} label="采用方式" name={[name, 'adoptionKinds']}>
              <MultiPick options={ADOPTION_KIND_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            {extra}
          </Col>
        </>
      )}
      <Col span={24}>
        <Button
          type="link"
          size="small"
          disabled={false}
          onClick={() => setOpen(!open)}
          style={{
            padding: 0,
            marginBottom: 8,
            marginTop: open ? -4 : -6,
            height: 'auto',
            whiteSpace: 'normal',
            textAlign: 'left',
          }}
        >
          {open
            ? '收起条件'
            : `更多条件（采用层级、采用机关、刊物类别、渠道、信息类别、采用方式等）${set ? `：已设置${set}项` : ''}`}
        </Button>
      </Col>
    </>
  );
}

/**
 * Points per leader level; optionally apart for a level's principal leader (主要领导) and its
 * deputies (分管（其他）领导) — a rank left empty takes the level's points.
 */
function InstructionPoints() {
  const form = Form.useFormInstance<RuleSetFormValues>();
  const [byRank, setByRank] = useState(() =>
    Object.keys(form.getFieldValue('instructionPoints') ?? {}).some((k) => k.includes(':')),
  );
  const cell = (key: InstructionKey, label: string, placeholder: string) => (
    <Col key={key} flex="1 1 130px">
      <Form.Item
        {...item}
        label={label}
        name={['instructionPoints', key]}
        rules={amountRules(`${label}批示加分`)}
      >
        <AmountInput placeholder={placeholder} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <Row gutter={12}>{INSTRUCTION_LEVELS.map((l) => cell(l.value, `${l.label}领导`, '不加分'))}</Row>
      {byRank &&
        LEADER_RANKS.map((r) => (
          <Row gutter={12} key={r.value}>
            {INSTRUCTION_LEVELS.map((l) => cell(`${l.value}:${r.value}`, `${l.label}${r.label}`, '同上'))}
          </Row>
        ))}
      <Checkbox checked={byRank} onChange={(e) => setByRank(e.target.checked)} style={{ marginBottom: 12 }}>
        主要领导与分管（其他）领导分别计分（不填的按该级别领导计分）
      </Checkbox>
    </>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="dashed" icon={<PlusOutlined />} onClick={onClick} block style={{ marginBottom: 12 }}>
      {children}
    </Button>
  );
}

/**
 * The structured editor of one 考核办法: basic facts, ranking groups, adoption rows (first match
 * wins, so they can be moved), multipliers, the other bonuses, penalties, quotas, zero-outs and
 * the score range. Read-only versions show the same form disabled.
 */
export function RuleSetForm({
  form,
  initialValues,
  editable,
  onChange,
}: {
  form: FormInstance<RuleSetFormValues>;
  initialValues: RuleSetFormValues;
  editable: boolean;
  onChange?: () => void;
}) {
  const publications = useRulePublications();
  const dicts = useRuleDictionaries();
  const pubOptions = publicationOptions(publications.all);
  const groups = Form.useWatch('groups', { form, preserve: true }) as RuleSetFormValues['groups'] | undefined;
  const submissionOn = Form.useWatch('submissionOn', form) as boolean | undefined;
  const lowRateOn = Form.useWatch('lowRateOn', form) as boolean | undefined;
  const quotas = Form.useWatch('quotas', { form, preserve: true }) as RuleSetFormValues['quotas'] | undefined;
  const groupOptions = (groups ?? [])
    .filter((g) => g?.code)
    .map((g) => ({ value: g.code, label: g.name || g.code }));
  const freshKey = (prefix: string) => nextKey(prefix, usedKeys(form.getFieldsValue(true)));

  return (
    <Form<RuleSetFormValues>
      form={form}
      name="rule-set"
      layout="vertical"
      initialValues={initialValues}
      disabled={!editable}
      onValuesChange={onChange}
      scrollToFirstError={{ block: 'center' }}
      requiredMark={editable}
    >
      <Section id="rs-basic" title="基本信息">
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item
              {...item}
              label="名称"
              name="name"
              rules={[
                { required: true, whitespace: true, message: '请填写考核办法名称' },
                { max: 60, message: '名称最多60字' },
              ]}
            >
              <Input placeholder="如：2026年度政务信息工作考核办法" maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              {...item}
              label="考核期间"
              name="period"
              rules={[{ required: true, message: '请选择考核期间' }]}
            >
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item {...item} label="说明" name="note" rules={[{ max: 1000, message: '说明最多1000字' }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="如：依据的文件、适用范围" />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section
        id="rs-groups"
        title="排名分组"
        hint="各分组分别排名。单位按顺序归入第一个包含它的分组；按考核分组、单位类别、下级政府办公室或指定单位划定。"
      >
        <Form.List name="groups">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} style={rowBox} data-testid={`group-${i}`}>
                  <RowHead
                    title={`分组${i + 1}`}
                    extra={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        编号 {groups?.[i]?.code}
                      </Typography.Text>
                    }
                    index={i}
                    count={fields.length}
                    editable={editable && fields.length > 1}
                    onMove={move}
                    onRemove={() => remove(f.name)}
                  />
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        {...item}
                        label="分组名称"
                        name={[f.name, 'name']}
                        rules={[
                          { required: true, whitespace: true, message: '请填写分组名称' },
                          { max: 30, message: '分组名称最多30字' },
                        ]}
                      >
                        <Input placeholder="如：一类部门" maxLength={30} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item {...item} label="考核分组" name={[f.name, 'unitGroups']}>
                        <MultiPick
                          options={dicts.unitGroupOptions}
                          loading={dicts.isPending}
                          placeholder="不选"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item {...item} label="单位类别" name={[f.name, 'unitCategories']}>
                        <MultiPick
                          options={dicts.unitCategoryOptions}
                          loading={dicts.isPending}
                          placeholder="不选"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={16}>
                      <Form.Item {...item} label="指定单位" name={[f.name, 'unitIds']}>
                        <MemberUnitSelect multiple includeInactive placeholder="不选（可按类别全选）" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        {...item}
                        label="下级政府办公室"
                        name={[f.name, 'offices']}
                        valuePropName="checked"
                      >
                        <Switch checkedChildren="包含" unCheckedChildren="不含" />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              {editable && fields.length < 20 && (
                <AddButton
                  onClick={() =>
                    add({
                      code: nextKey(
                        'g',
                        new Set((form.getFieldValue('groups') ?? []).map((g: { code: string }) => g?.code)),
                      ),
                      name: '',
                    })
                  }
                >
                  添加分组
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section
        id="rs-adoption"
        title="采用计分"
        hint="每次采用按顺序找第一条符合的规则计分（请把更具体的规则排在前面）；条件不填表示不限。"
      >
        <Form.List name="rows">
          {(fields, { add, remove, move }) => (
            <>
              {fields.length === 0 && <EmptyList text="没有采用计分规则：采用不计分" />}
              {fields.map((f, i) => (
                <div key={f.key} style={rowBox} data-testid={`adoption-row-${i}`}>
                  <RowHead
                    title={`第${i + 1}条`}
                    index={i}
                    count={fields.length}
                    editable={editable}
                    onMove={move}
                    onRemove={() => remove(f.name)}
                  />
                  <Row gutter={12}>
                    <Col xs={24} md={7}>
                      <Form.Item
                        {...item}
                        label="名称"
                        name={[f.name, 'label']}
                        rules={[{ max: 60, message: '名称最多60字' }]}
                      >
                        <Input placeholder="可不填" maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={11}>
                      <Form.Item {...item} label="刊物" name={[f.name, 'publicationIds']}>
                        <MultiPick options={pubOptions} loading={publications.isPending} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        {...item}
                        label="分值"
                        name={[f.name, 'points']}
                        rules={amountRules('分值', true)}
                      >
                        <AmountInput />
                      </Form.Item>
                    </Col>
                    <MatchFields
                      list="rows"
                      name={f.name}
                      extra={
                        <Form.Item
                          {...item}
                          label="每张图片分值"
                          name={[f.name, 'picturePoints']}
                          rules={amountRules('每张图片分值')}
                          tooltip="只适用于门户网站或互联网类刊物的采用"
                        >
                          <AmountInput placeholder="不计" />
                        </Form.Item>
                      }
                    />
                  </Row>
                </div>
              ))}
              {editable && fields.length < 100 && (
                <AddButton onClick={() => add({ key: freshKey('r'), points: '1' })}>
                  添加采用计分规则
                </AddButton>
              )}
            </>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item {...item} label="同一条信息被多次采用" name="combine">
              <Radio.Group optionType="button" options={COMBINE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item {...item} label="合报信息得分" name="joint">
              <Radio.Group optionType="button" options={JOINT_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section
        id="rs-multipliers"
        title="倍数"
        hint="符合条件的采用，其分值再乘以倍数（如经本办转报的上级采用按1.5倍计）。"
      >
        <Form.List name="multipliers">
          {(fields, { add, remove, move }) => (
            <>
              {fields.length === 0 && <EmptyList text="没有倍数规则" />}
              {fields.map((f, i) => (
                <div key={f.key} style={rowBox} data-testid={`multiplier-${i}`}>
                  <RowHead
                    title={`倍数${i + 1}`}
                    index={i}
                    count={fields.length}
                    editable={editable}
                    onMove={move}
                    onRemove={() => remove(f.name)}
                  />
                  <Row gutter={12}>
                    <Col xs={24} md={7}>
                      <Form.Item
                        {...item}
                        label="名称"
                        name={[f.name, 'label']}
                        rules={[{ max: 60, message: '名称最多60字' }]}
                      >
                        <Input placeholder="可不填" maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={11}>
                      <Form.Item {...item} label="刊物" name={[f.name, 'publicationIds']}>
                        <MultiPick options={pubOptions} loading={publications.isPending} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        {...item}
                        label="倍数"
                        name={[f.name, 'factor']}
                        rules={amountRules('倍数', true)}
                      >
                        <AmountInput suffix="倍" step={0.1} />
                      </Form.Item>
                    </Col>
                    <MatchFields
                      list="multipliers"
                      name={f.name}
                      extra={
                        <Form.Item {...item} label="报送途径" name={[f.name, 'route']}>
                          <Select allowClear placeholder="不限" options={ROUTE_OPTIONS} />
                        </Form.Item>
                      }
                    />
                  </Row>
                </div>
              ))}
              {editable && fields.length < 50 && (
                <AddButton onClick={() => add({ key: freshKey('m'), factor: '1.5' })}>添加倍数规则</AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="rs-submission" title="报送计分与报送上级">
        <Row gutter={12} align="bottom">
          <Col xs={24} md={6}>
            <Form.Item {...item} label="报送计分" name="submissionOn" valuePropName="checked">
              <Switch checkedChildren="计分" unCheckedChildren="不计" />
            </Form.Item>
          </Col>
          {submissionOn && (
            <>
              <Col xs={12} md={6}>
                <Form.Item
                  {...item}
                  label="每报送一条"
                  name={['submission', 'points']}
                  rules={amountRules('报送每条分值', true)}
                >
                  <AmountInput />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  {...item}
                  label="报送分上限"
                  name={['submission', 'cap']}
                  rules={amountRules('报送分上限')}
                >
                  <AmountInput placeholder="不限" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item {...item} label="信息类别" name={['submission', 'categories']}>
                  <MultiPick options={dicts.itemCategoryOptions} loading={dicts.isPending} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Typography.Text strong style={{ display: 'block', margin: '4px 0 8px' }}>
          报送上级
        </Typography.Text>
        <Form.List name="forwarding">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} style={rowBox} data-testid={`forwarding-${i}`}>
                  <RowHead
                    title={`报送上级${i + 1}`}
                    index={i}
                    count={fields.length}
                    editable={editable}
                    movable={false}
                    onRemove={() => remove(f.name)}
                  />
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        {...item}
                        label="名称"
                        name={[f.name, 'label']}
                        rules={[{ max: 60, message: '名称最多60字' }]}
                      >
                        <Input placeholder="可不填" maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item
                        {...item}
                        label="报送到"
                        name={[f.name, 'tiers']}
                        rules={[{ required: true, message: '请选择报送层级' }]}
                      >
                        <MultiPick options={FORWARD_TIERS} placeholder="请选择" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        {...item}
                        label="每条分值"
                        name={[f.name, 'points']}
                        rules={amountRules('报送上级每条分值', true)}
                      >
                        <AmountInput />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              {fields.length === 0 && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  信息经本办公室报送到上级的，可按上级层级另行计分。
                </Typography.Paragraph>
              )}
              {editable && fields.length < 10 && (
                <AddButton onClick={() => add({ key: freshKey('f'), tiers: ['city'], points: '1' })}>
                  添加报送上级计分
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="rs-instructions" title="批示加分" hint="信息获领导批示的加分，不填的级别不加分。">
        <InstructionPoints />
        <Form.Item {...item} label="同一条信息多次批示" name="instructionMode">
          <Radio.Group optionType="button" options={INSTRUCTION_MODE_OPTIONS} />
        </Form.Item>
      </Section>

      <Section id="rs-commissions" title="约稿">
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item
              {...item}
              label="完成加分"
              name={['commissions', 'answeredPoints']}
              rules={amountRules('完成约稿加分')}
            >
              <AmountInput placeholder="不加分" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              {...item}
              label="加分上限"
              name={['commissions', 'answeredCap']}
              rules={amountRules('约稿加分上限')}
            >
              <AmountInput placeholder="不限" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              {...item}
              label="逾期扣分"
              name={['commissions', 'latePenalty']}
              rules={amountRules('约稿迟报扣分')}
            >
              <AmountInput placeholder="不扣分" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              {...item}
              label="未报扣分"
              name={['commissions', 'missedPenalty']}
              rules={amountRules('约稿未报扣分')}
            >
              <AmountInput placeholder="不扣分" />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section id="rs-penalties" title="扣分">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              {...item}
              label="紧急信息迟报（每条）"
              name={['penalties', 'lateUrgent']}
              rules={amountRules('紧急信息迟报扣分')}
            >
              <AmountInput placeholder="不扣分" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              {...item}
              label="批示未反馈（每件）"
              name={['penalties', 'instructionOverdue']}
              rules={amountRules('批示未反馈扣分')}
            >
              <AmountInput placeholder="不扣分" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              {...item}
              label="批示反馈逾期（每件）"
              name={['penalties', 'instructionLate']}
              rules={amountRules('批示反馈逾期扣分')}
            >
              <AmountInput placeholder="不扣分" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12} align="bottom">
          <Col xs={24} md={6}>
            <Form.Item {...item} label="采用率过低扣分" name="lowRateOn" valuePropName="checked">
              <Switch checkedChildren="扣分" unCheckedChildren="不扣" />
            </Form.Item>
          </Col>
          {lowRateOn && (
            <>
              <Col xs={8} md={6}>
                <Form.Item
                  {...item}
                  label="统计周期"
                  name={['lowRate', 'period']}
                  rules={[{ required: true, message: '请选择周期' }]}
                >
                  <Select
                    options={PERIOD_OPTIONS.map((p) => ({
                      ...p,
                      label: `每${p.label === '季' ? '季度' : p.label}`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={8} md={6}>
                <Form.Item
                  {...item}
                  label="采用率低于"
                  name={['lowRate', 'belowPercent']}
                  rules={[{ required: true, message: '请填写采用率' }]}
                >
                  <InputNumber min={0.01} max={100} step={1} suffix="%" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={8} md={6}>
                <Form.Item
                  {...item}
                  label="每周期扣分"
                  name={['lowRate', 'penalty']}
                  rules={amountRules('采用率扣分', true)}
                >
                  <AmountInput />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Section>

      <Section
        id="rs-quotas"
        title="任务"
        hint="按周期给分组下达报送或采用任务：完成得基础分，超额加分，未完成按少报条数扣分。"
      >
        <Form.List name="quotas">
          {(fields, { add, remove, move }) => (
            <>
              {fields.length === 0 && <EmptyList text="没有任务规则" />}
              {fields.map((f, i) => (
                <div key={f.key} style={rowBox} data-testid={`quota-${i}`}>
                  <RowHead
                    title={`任务${i + 1}`}
                    index={i}
                    count={fields.length}
                    editable={editable}
                    onMove={move}
                    onRemove={() => remove(f.name)}
                  />
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        {...item}
                        label="名称"
                        name={[f.name, 'label']}
                        rules={[{ max: 60, message: '名称最多60字' }]}
                      >
                        <Input placeholder="如：季度报送任务" maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item {...item} label="分组" name={[f.name, 'groups']}>
                        <MultiPick options={groupOptions} placeholder="全部分组" />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      <Form.Item
                        {...item}
                        label="周期"
                        name={[f.name, 'period']}
                        rules={[{ required: true, message: '请选择周期' }]}
                      >
                        <Select options={PERIOD_OPTIONS} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      <Form.Item
                        {...item}
                        label="计数"
                        name={[f.name, 'counts']}
                        rules={[{ required: true, message: '请选择' }]}
                      >
                        <Select options={COUNT_OPTIONS} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={8}>
                      <Form.Item {...item} label="信息类别" name={[f.name, 'categories']}>
                        <MultiPick options={dicts.itemCategoryOptions} loading={dicts.isPending} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      <Form.Item
                        {...item}
                        label="任务数"
                        name={[f.name, 'min']}
                        rules={[{ required: true, message: '请填写任务数' }]}
                      >
                        <InputNumber
                          min={1}
                          max={10000}
                          precision={0}
                          suffix="条"
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={6}>
                      <Form.Item
                        {...item}
                        label="基础分"
                        name={[f.name, 'basePoints']}
                        rules={amountRules('基础分')}
                      >
                        <AmountInput placeholder="不计" />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={6}>
                      <Form.Item
                        {...item}
                        label="每少一条扣分"
                        name={[f.name, 'shortPenaltyPerItem']}
                        rules={amountRules('每少一条扣分')}
                      >
                        <AmountInput placeholder="不扣" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={12}>
                      <Form.Item
                        {...item}
                        label="超额每条加分"
                        name={[f.name, 'extraPerItem']}
                        rules={amountRules('超额每条加分')}
                      >
                        <AmountInput placeholder="不加" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={12}>
                      <Form.Item
                        {...item}
                        label="超额加分上限"
                        name={[f.name, 'extraCap']}
                        rules={amountRules('超额加分上限')}
                      >
                        <AmountInput placeholder="不限" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        {...item}
                        label="同时须完成"
                        name={[f.name, 'requires']}
                        tooltip="如“每月报送8条，且每季度至少1篇调研”：只有前提任务在相应周期也完成，本任务才得基础分和超额加分"
                      >
                        <Select
                          allowClear
                          placeholder="无前提任务"
                          options={(quotas ?? []).slice(0, i).map((q, j) => ({
                            value: q?.key,
                            label: q?.label || `任务${j + 1}`,
                          }))}
                          notFoundContent="只能选择排在前面的任务"
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              {editable && fields.length < 20 && (
                <AddButton
                  onClick={() =>
                    add({
                      key: freshKey('q'),
                      period: 'quarter',
                      counts: 'submitted',
                      min: 3,
                      basePoints: '2',
                    })
                  }
                >
                  添加任务
                </AddButton>
              )}
            </>
          )}
        </Form.List>
      </Section>

      <Section id="rs-zero" title="清零与得分范围">
        <Form.List name="zeroOut">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} style={rowBox} data-testid={`zero-out-${i}`}>
                  <RowHead
                    title={`清零${i + 1}`}
                    index={i}
                    count={fields.length}
                    editable={editable}
                    movable={false}
                    onRemove={() => remove(f.name)}
                  />
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        {...item}
                        label="名称"
                        name={[f.name, 'label']}
                        rules={[{ max: 60, message: '名称最多60字' }]}
                      >
                        <Input placeholder="可不填" maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={10}>
                      <Form.Item
                        {...item}
                        label="条件"
                        name={[f.name, 'when']}
                        rules={[{ required: true, message: '请选择条件' }]}
                      >
                        <Select options={ZERO_OUT_OPTIONS} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        {...item}
                        label="累计达到"
                        name={[f.name, 'atLeast']}
                        rules={[{ required: true, message: '请填写次数' }]}
                      >
                        <InputNumber min={1} max={100} precision={0} suffix="次" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              {fields.length === 0 && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  考核期内约稿未报送或批示逾期未反馈累计达到一定次数的，可将当期得分清零。
                </Typography.Paragraph>
              )}
              {editable && fields.length < 10 && (
                <AddButton
                  onClick={() => add({ key: freshKey('z'), when: 'commissions_missed', atLeast: 3 })}
                >
                  添加清零条件
                </AddButton>
              )}
            </>
          )}
        </Form.List>
        <Flex gap={12} wrap>
          <Form.Item
            {...item}
            label="最低分"
            name="floor"
            rules={amountRules('最低分')}
            style={{ ...item.style, width: 180 }}
          >
            <AmountInput placeholder="不限" />
          </Form.Item>
          <Form.Item
            {...item}
            label="最高分"
            name="cap"
            rules={amountRules('最高分')}
            style={{ ...item.style, width: 180 }}
          >
            <AmountInput placeholder="不限" />
          </Form.Item>
        </Flex>
      </Section>
    </Form>
  );
}
