import type { RuleSetStatus } from '../../db/schema/index.ts';
import type { EntryKind } from './engine/score.ts';
import type { RuleSetRow } from './ledger.ts';

export const RULE_SET_STATUS_LABELS: Record<RuleSetStatus, string> = {
  draft: '草稿',
  active: '已启用',
  superseded: '已停用（旧版本）',
};

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  submission: '报送',
  late_urgent: '紧急信息迟报',
  forward: '报送上级',
  adoption: '采用',
  instruction: '领导批示',
  commission: '约稿',
  assignment: '批示反馈',
  adjustment: '加减分',
  quota: '任务完成',
  adoption_rate: '采用率',
  zero_out: '清零',
  floor: '保底',
  cap: '封顶',
};

/** 2026年度政务信息考核办法（第2版）. */
export const ruleSetLabel = (row: Pick<RuleSetRow, 'name' | 'versionNo'>) =>
  `${row.name}（第${row.versionNo}版）`;

export function presentRuleSet(row: RuleSetRow, officeName: string, computedAt: Date | null) {
  return {
    id: row.id,
    seriesId: row.seriesId,
    versionNo: row.versionNo,
    officeId: row.officeId,
    officeName,
    name: row.name,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    status: row.status,
    statusLabel: RULE_SET_STATUS_LABELS[row.status],
    note: row.note,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    activatedByName: row.activatedByName,
    version: row.version,
    computedAt: computedAt?.toISOString() ?? null,
  };
}
