import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';
import type { ChannelsConfig } from '../../lib/channels/index.ts';
import type { NotificationKind } from './kinds.ts';

/**
 * An office's outbound channels: one settings document per office (`notification_channels:<id>`),
 * kept by the system administrator. `robotKinds` are the kinds the office's group robots announce
 * (a group hears about an urgent item once, not once per recipient).
 */
export type OfficeChannels = { config: ChannelsConfig; robotKinds: NotificationKind[] };

export const CHANNELS_PREFIX = 'notification_channels:';
export const channelsKey = (officeId: string) => `${CHANNELS_PREFIX}${officeId}`;

export const DEFAULT_ROBOT_KINDS: NotificationKind[] = [
  'item_urgent_received',
  'item_urgent_overdue',
  'commission_issued',
  'instruction_assigned',
];

export async function loadOfficeChannels(
  tx: Db,
  officeId: string,
): Promise<OfficeChannels & { version: number }> {
  const [row] = await tx
    .select()
    .from(settings)
    .where(eq(settings.key, channelsKey(officeId)));
  if (!row) return { config: {}, robotKinds: DEFAULT_ROBOT_KINDS, version: 0 };
  const value = row.value as Partial<OfficeChannels>;
  return {
    config: value.config ?? {},
    robotKinds: value.robotKinds ?? DEFAULT_ROBOT_KINDS,
    version: row.version,
  };
}
