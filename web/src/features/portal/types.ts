import type { PortalQueueStatus } from '../../../../server/db/schema/issues.ts';
import type { PortalEntry, PortalPage } from '../../../../server/modules/portal/schemas.ts';

/** The portal queue's shapes, from the server's schemas (type-only). */
export type { PortalEntry, PortalPage, PortalQueueStatus };

/** The filter's words (the rows carry the server's own statusLabel). */
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
