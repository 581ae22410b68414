/**
 * The kinds of notification and their labels, copied from server/modules/notifications/kinds.ts
 * (keep the two in step; the server's list is the one that counts, and every message carries its
 * own kindLabel anyway). `important` ones also go out by SMS.
 */
export const NOTIFICATION_KINDS = {
  item_pending_signoff: { label: '信息待签发', important: false },
  item_urgent_received: { label: '紧急信息到达', important: true },
  item_urgent_overdue: { label: '紧急信息超时未处理', important: true },
  item_returned: { label: '信息被退回', important: true },
  item_rejected: { label: '信息被退稿', important: false },
  item_accepted: { label: '信息被采用', important: false },
  item_published: { label: '信息已刊发', important: false },
  item_adopted_upper: { label: '信息被上级采用', important: false },
  commission_issued: { label: '约稿通知', important: true },
  commission_reminder: { label: '约稿即将截止', important: true },
  commission_overdue: { label: '约稿已逾期', important: true },
  commission_answered: { label: '约稿答复', important: false },
  instruction_written: { label: '领导批示', important: false },
  instruction_assigned: { label: '批示交办', important: true },
  instruction_reminder: { label: '批示反馈即将到期', important: true },
  instruction_overdue: { label: '批示反馈已逾期', important: true },
  feedback_submitted: { label: '落实反馈待审核', important: false },
  feedback_decided: { label: '落实反馈审核结果', important: false },
  topic_published: { label: '报送要点发布', important: false },
  liaison_reminder: { label: '联络员年度备案提醒', important: true },
  meeting_notice: { label: '会议通知', important: true },
  assessment_notice_issued: { label: '考评通报印发', important: false },
  assessment_adjusted: { label: '考评加减分', important: false },
  delivery_failed: { label: '消息发送失败', important: false },
} as const satisfies Record<string, { label: string; important: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const KIND_OPTIONS = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((code) => ({
  value: code,
  label: NOTIFICATION_KINDS[code].label,
}));

/** The tag colour of a kind, by what it is about; a warning (overdue, failed) is red. */
export function kindColor(kind: string): string {
  if (/overdue|failed/.test(kind)) return 'red';
  if (kind === 'item_returned' || kind === 'item_rejected') return 'orange';
  if (kind.startsWith('item_')) return 'blue';
  if (kind.startsWith('commission_')) return 'purple';
  if (kind.startsWith('instruction_') || kind.startsWith('feedback_')) return 'gold';
  return 'cyan';
}

export const CHANNEL_LABELS: Record<string, string> = {
  sms: '短信',
  email: '邮件',
  wecom: '企业微信',
  dingtalk: '钉钉',
};

export const DELIVERY_STATUS: Record<string, { label: string; color: string }> = {
  queued: { label: '待发送', color: 'blue' },
  sent: { label: '已发送', color: 'green' },
  failed: { label: '发送失败', color: 'red' },
};
