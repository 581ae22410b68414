import type { NoticeStatus } from '../../../db/schema/index.ts';
import type { NoticeRow } from './document.ts';
import type { NoticeSnapshot } from './snapshot.ts';

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { draft: '草稿', issued: '已印发' };

export function presentNoticeSummary(row: NoticeRow) {
  const s = row.snapshot as NoticeSnapshot;
  return {
    id: row.id,
    officeId: row.officeId,
    officeName: s.office.name,
    period: row.period,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    periodTitle: s.periodTitle,
    title: row.title,
    status: row.status,
    statusLabel: NOTICE_STATUS_LABELS[row.status],
    ruleSet: { id: s.ruleSet.id, name: s.ruleSet.name, versionNo: s.ruleSet.versionNo },
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    issuedByName: row.issuedByName,
    fileSha256: row.fileSha256,
    version: row.version,
  };
}
