import { eq } from 'drizzle-orm';
import type { SecurityPolicy } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';

export const SECURITY_POLICY_KEY = 'security_policy';

/** The policy in force: the security administrator's saved values over the environment defaults. */
export async function getSecurityPolicy(
  db: Db,
  defaults: SecurityPolicy,
): Promise<SecurityPolicy & { version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, SECURITY_POLICY_KEY)).limit(1);
  if (!row) return { ...defaults, version: 0 };
  return { ...defaults, ...(row.value as Partial<SecurityPolicy>), version: row.version };
}
