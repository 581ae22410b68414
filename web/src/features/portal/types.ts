import type { PortalQueueStatus } from '../../../../server/db/schema/issues.ts';

export type { PortalQueueStatus };

export const PORTAL_STATUS_LABELS: Record<PortalQueueStatus, string> = {
  queued: '待发布',
  withdrawn: '已撤回',
  posted: '已发布',
};

export const PORTAL_STATUS_COLORS: Record<PortalQueueStatus, string> = {
  queued: 'blue',
  withdrawn: 'default',
  posted: 'green',
};

/** One row of the hand-off to the government website (GET /api/portal-queue). */
export type PortalEntry = {
  id: number;
  itemId: string;
  serial: number;
  title: string;
  unitName: string;
  issueLabel: string | null;
  publicationName: string | null;
  status: PortalQueueStatus;
  statusLabel: string;
  queuedByName: string;
  queuedAt: string;
  withdrawnReason: string | null;
  withdrawnAt: string | null;
  postedAt: string | null;
  version: number;
  actions: 'withdraw'[];
};
