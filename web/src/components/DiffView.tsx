import { ArrowRightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { ROLE_LABELS } from '../../../server/lib/roles.ts';

/** Chinese names of the fields that audit diffs mention most; unknown fields show their code. */
const FIELD_LABELS: Record<string, string> = {
  code: '编码',
  name: '名称',
  shortName: '简称',
  kind: '类型',
  level: '级别',
  sectionName: '科室',
  categoryCode: '单位类别',
  groupCode: '考核分组',
  parentId: '上级单位',
  sortOrder: '排序',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  contactEmail: '电子邮箱',
  address: '地址',
  netAccessDate: '接入日期',
  netAccessMethod: '接入方式',
  netIpRange: 'IP 段',
  netFilingNo: '备案表编号',
  active: '启用',
  validFrom: '启用日期',
  validTo: '停用日期',
  successorId: '接续单位',
  note: '备注',
  username: '用户名',
  displayName: '姓名',
  phone: '手机号',
  email: '电子邮箱',
  roles: '角色',
  units: '所属单位',
  unitIds: '所属单位',
  parentName: '上级单位名称',
  successorName: '接续单位',
  lockedUntil: '锁定至',
  lockoutCleared: '解除锁定',
  sessionsEnded: '结束会话数',
  filter: '筛选条件',
  rows: '行数',
  fileName: '文件名',
  primaryUnitId: '主单位',
  mustChangePassword: '须修改密码',
  reason: '原因',
  deactivationReason: '停用原因',
  attempts: '连续失败次数',
  minutes: '锁定分钟数',
  label: '名称',
  dictionary: '字典',
  created: '新增',
  updated: '更新',
  unchanged: '未变',
  passwordMinLength: '密码最小长度',
  passwordMinClasses: '字符种类要求',
  lockoutThreshold: '连续失败锁定次数',
  lockoutMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '空闲超时（分钟）',
  sessionAbsoluteHours: '最长登录时长（小时）',
};

function show(field: string, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">（空）</Typography.Text>;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (value.length === 0) return <Typography.Text type="secondary">（无）</Typography.Text>;
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      return value
        .map((v) =>
          field === 'roles' ? (ROLE_LABELS[v as keyof typeof ROLE_LABELS] ?? String(v)) : String(v),
        )
        .join('、');
    }
  }
  if (typeof value === 'object')
    return <code style={{ wordBreak: 'break-all' }}>{JSON.stringify(value)}</code>;
  return String(value);
}

/** Fields whose plain value is itself a list, so a change of them is a pair of lists. */
const LIST_FIELDS = new Set(['roles', 'units', 'unitIds']);

/**
 * diffRecords() writes a changed field as [before, after]; other fields log plain values (the
 * same reading as the Excel export's describeDiff in server/modules/audit/labels.ts).
 */
function isChangePair(field: string, value: unknown): value is [unknown, unknown] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  return !LIST_FIELDS.has(field) || (Array.isArray(value[0]) && Array.isArray(value[1]));
}

/** An audit event's JSON diff as a readable list: field: before → after, or field: value. */
export function DiffView({ diff }: { diff: unknown }) {
  if (diff === null || diff === undefined)
    return <Typography.Text type="secondary">无变更明细</Typography.Text>;
  if (typeof diff !== 'object' || Array.isArray(diff)) {
    return <code style={{ wordBreak: 'break-all' }}>{JSON.stringify(diff)}</code>;
  }
  const entries = Object.entries(diff as Record<string, unknown>);
  if (entries.length === 0) return <Typography.Text type="secondary">无变更明细</Typography.Text>;
  return (
    <dl
      style={{
        margin: 0,
        display: 'grid',
        gridTemplateColumns: 'minmax(80px, max-content) 1fr',
        gap: '6px 16px',
      }}
    >
      {entries.map(([field, value]) => (
        <div key={field} style={{ display: 'contents' }}>
          <dt style={{ color: '#595959' }}>{FIELD_LABELS[field] ?? field}</dt>
          <dd style={{ margin: 0, minWidth: 0 }}>
            {isChangePair(field, value) ? (
              <span>
                <span style={{ color: '#a8071a', background: '#fff1f0', padding: '0 4px', borderRadius: 2 }}>
                  {show(field, value[0])}
                </span>
                <ArrowRightOutlined style={{ margin: '0 8px', color: '#8c8c8c', fontSize: 12 }} />
                <span style={{ color: '#135200', background: '#f6ffed', padding: '0 4px', borderRadius: 2 }}>
                  {show(field, value[1])}
                </span>
              </span>
            ) : (
              show(field, value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
