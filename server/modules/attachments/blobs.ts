import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { itemAttachments, recordAttachments } from '../../db/schema/index.ts';

/**
 * Serialises everything that adds or drops a reference to one blob (per hash, until commit), so a
 * blob is never removed while an upload of the same bytes is about to point at it.
 */
export async function lockBlob(tx: Db, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${sha256}, 0))`);
}

/** How many attachments point at a blob (the same bytes may be on several items and records). */
export async function blobReferences(tx: Db, sha256: string): Promise<number> {
  const [items] = await tx
    .select({ n: count() })
    .from(itemAttachments)
    .where(eq(itemAttachments.sha256, sha256));
  const [records] = await tx
    .select({ n: count() })
    .from(recordAttachments)
    .where(eq(recordAttachments.sha256, sha256));
  return (items?.n ?? 0) + (records?.n ?? 0);
}
