import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { sessions } from '../../../db/schema/index.ts';
import { type AuditContext, recordAudit } from '../../../lib/audit.ts';

/** Ends the caller's session and records it. */
export async function logOut(ctx: AppContext, sessionId: string, audit: AuditContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await recordAudit(tx, audit, { action: 'auth.logout', targetType: 'user', targetId: audit.actorId });
  });
}
