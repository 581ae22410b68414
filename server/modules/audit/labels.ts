import { AUDIT_ACTIONS } from '../../lib/audit.ts';
import { ROLE_LABELS } from '../../lib/roles.ts';

/** Chinese names of target types, for the export; unknown types show their code. */
const TARGET_TYPES: Record<string, string> = {
  user: '用户',
  org: '单位',
  settings: '系统设置',
  system: '系统',
  dictionary: '字典',
  audit: '操作日志',
  item: '信息',
  attachment: '附件',
  publication: '刊物',
  issue: '刊物期次',
  circulation: '传阅',
  portal_queue: '网站推送',
};

/** Chinese names of the fields that diffs mention most; others show their code. */
const FIELDS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  phone: '电话',
  email: '邮箱',
  units: '所属单位',
  roles: '角色',
  active: '启用',
  reason: '原因',
  deactivationReason: '停用原因',
  attempts: '连续失败次数',
  minutes: '锁定分钟数',
  mustChangePassword: '须修改密码',
  lockoutCleared: '解除锁定',
  sessionsEnded: '结束会话数',
  lockedUntil: '锁定至',
  passwordMinLength: '密码最小长度',
  passwordMinClasses: '密码字符类别数',
  lockoutThreshold: '锁定阈值',
  lockoutMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '空闲超时（分钟）',
  sessionAbsoluteHours: '会话最长时长（小时）',
  filter: '筛选条件',
  rows: '行数',
  name: '名称',
  shortName: '简称',
  parentId: '上级单位',
};

export const actionLabel = (code: string): string => (AUDIT_ACTIONS as Record<string, string>)[code] ?? code;
export const targetTypeLabel = (code: string | null): string => (code ? (TARGET_TYPES[code] ?? code) : '');

/** Fields whose value is itself a list, so a pair of lists is a change and a pair of names is not. */
const LIST_FIELDS = new Set(['units', 'roles']);

const isChange = (key: string, v: unknown): v is [unknown, unknown] =>
  Array.isArray(v) &&
  v.length === 2 &&
  (!LIST_FIELDS.has(key) || (Array.isArray(v[0]) && Array.isArray(v[1])));

function show(v: unknown, key: string): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    const names = v.map((x) =>
      key === 'roles' ? ((ROLE_LABELS as Record<string, string>)[String(x)] ?? String(x)) : show(x, key),
    );
    return names.join('、') || '（无）';
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * A diff as a line an auditor can read in Excel: `姓名：张三 → 张三丰；角色：信息员`.
 * `{ field: [before, after] }` pairs show an arrow; other values show as they are.
 */
export function describeDiff(diff: unknown): string {
  if (diff === null || diff === undefined) return '';
  if (typeof diff !== 'object' || Array.isArray(diff)) return JSON.stringify(diff);
  return Object.entries(diff as Record<string, unknown>)
    .map(([key, v]) => {
      const label = FIELDS[key] ?? key;
      return isChange(key, v)
        ? `${label}：${show(v[0], key)} → ${show(v[1], key)}`
        : `${label}：${show(v, key)}`;
    })
    .join('；');
}
