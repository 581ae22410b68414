import type { Db } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';

/** Every kind of audited event. Add here first; the auditor UI shows the label. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'auth.account_locked': '账号锁定',
  'org.created': '新建单位',
  'org.updated': '修改单位',
  'org.moved': '调整上级单位',
  'org.deactivated': '停用单位',
  'org.reactivated': '启用单位',
  'org.imported': '导入单位',
  'org.exported': '导出单位',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.password_reset': '重置密码',
  'user.unlocked': '解除锁定',
  'user.roles_changed': '调整角色',
  'user.roles_granted': '授予业务角色（待确认）',
  'user.role_grants_confirmed': '确认授权',
  'user.role_grants_rejected': '驳回授权',
  'user.deactivated': '停用用户',
  'user.activated': '启用用户',
  'user.exported': '导出用户',
  'settings.security_policy_changed': '修改安全策略',
  'settings.workflow_limits_changed': '修改办理时限',
  'dictionary.created': '新增字典项',
  'dictionary.changed': '修改字典',
  'audit.exported': '导出操作日志',
  'item.created': '新建信息',
  'item.edited': '修改信息',
  'item.transition': '信息流转',
  'item.forwarded': '转报信息',
  'item.adoption_recorded': '登记上级采用',
  'item.adoption_deleted': '删除上级采用登记',
  'item.merged': '合报信息',
  'system.initialized': '系统初始化',
  'attachment.uploaded': '上传附件',
  'attachment.deleted': '删除附件',
  'publication.created': '新建刊物',
  'publication.updated': '修改刊物设置',
  'publication.deactivated': '停用刊物',
  'publication.activated': '启用刊物',
  'issue.created': '新建刊物期次',
  'issue.updated': '修改刊物期次',
  'issue.items_changed': '调整本期信息',
  'issue.deleted': '删除刊物草稿',
  'issue.locked': '刊物定版',
  'issue.unlocked': '解除定版',
  'issue.signed': '刊物签发',
  'issue.published': '刊物发布',
  'issue.document_generated': '生成刊物文档',
  'issue.document_downloaded': '下载刊物文档',
  'circulation.sent': '传阅',
  'circulation.read': '阅读传阅件',
  'portal.queued': '推送网站',
  'portal.withdrawn': '撤回网站推送',
  'instruction.written': '领导批示',
  'instruction.recorded': '登记批示',
  'instruction.assigned': '批示交办',
  'instruction.closed': '批示办结',
  'instruction.feedback_submitted': '报送落实反馈',
  'instruction.feedback_decided': '审核落实反馈',
  'instruction.file_attached': '上传批示附件',
  'commission.created': '新建约稿',
  'commission.updated': '修改约稿',
  'commission.issued': '下发约稿通知',
  'commission.cancelled': '撤销约稿',
  'commission.closed': '结束约稿',
  'commission.read': '阅读约稿通知',
  'commission.answered': '报送约稿信息',
  'commission.declined': '婉拒约稿',
  'commission.file_attached': '上传约稿附件',
  'liaison.filed': '联络员备案',
  'liaison.updated': '变更联络员备案',
  'liaison.exported': '导出联络员通讯录',
  'meeting.created': '登记会议培训',
  'meeting.updated': '修改会议培训',
  'meeting.checklist_changed': '更新会议保障清单',
  'meeting.attendance_recorded': '登记会议出席情况',
  'meeting.file_attached': '上传会议附件',
  'notification.channels_changed': '修改消息通道',
  'notification.channel_tested': '测试消息通道',
  'notification.delivery_retried': '重新发送消息',
  'topic.created': '新建报送要点',
  'topic.updated': '修改报送要点',
  'topic.published': '发布报送要点',
  'topic.withdrawn': '撤回报送要点',
  'assessment.rule_set_created': '新建考核办法',
  'assessment.rule_set_updated': '修改考核办法草稿',
  'assessment.rule_set_versioned': '新建考核办法版本',
  'assessment.rule_set_activated': '启用考核办法',
  'assessment.rule_set_deleted': '删除考核办法草稿',
  'assessment.recomputed': '重新计算考评得分',
  'assessment.exported': '导出考评数据',
  'assessment.notice_created': '起草考评通报',
  'assessment.notice_updated': '修改考评通报',
  'assessment.notice_refreshed': '更新通报数据',
  'assessment.notice_issued': '印发考评通报',
  'assessment.notice_deleted': '删除通报草稿',
  'assessment.adjustment_registered': '登记考评加减分',
  'assessment.adjustment_revoked': '撤销考评加减分',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Who did it and from where; built once per request. */
export type AuditContext = {
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  unitName: string | null;
  ip: string | null;
  userAgent: string | null;
};

export const SYSTEM_CONTEXT: AuditContext = {
  actorId: null,
  actorName: '系统',
  unitId: null,
  unitName: null,
  ip: null,
  userAgent: 'xinbao-cli',
};

export type AuditEntry = {
  action: AuditAction;
  targetType?: string;
  targetId?: string | null;
  targetLabel?: string | null;
  diff?: unknown;
};

/** Records an audit event. Call it with the transaction that makes the change. */
export async function recordAudit(tx: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    unitId: ctx.unitId,
    unitName: ctx.unitName,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    diff: entry.diff ?? null,
  });
}

/** Field-level diff of two flat records: `{ field: [before, after] }`, only changed fields. */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: string[] = ['updatedAt', 'version', 'passwordHash'],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (ignore.includes(key)) continue;
    const a = normalize(before[key]);
    const b = normalize(after[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a, b];
  }
  return out;
}

function normalize(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}
