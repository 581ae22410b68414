import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { itemVersions } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import { itemAsSeenBy } from '../office-view.ts';
import { findItemForActor } from '../repository.ts';

/** One saved version of an item, or null. Callers have checked that the item may be read. */
export async function findItemVersion(db: Db, itemId: string, versionNo: number) {
  const [row] = await db
    .select()
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, itemId), eq(itemVersions.versionNo, versionNo)));
  return row ?? null;
}

/** The text of one version, for anyone who may read the item (404 otherwise, no title leak). */
export async function getItemVersion(ctx: AppContext, actor: Actor, itemId: string, versionNo: number) {
  const item = await itemAsSeenBy(ctx.db, actor, await findItemForActor(ctx.db, actor, itemId));
  // The submitter's unsigned revisions of a returned item are not the office's to read.
  const row = versionNo <= item.currentVersion ? await findItemVersion(ctx.db, itemId, versionNo) : null;
  if (!row) throw notFound(`第 ${versionNo} 版不存在`);
  return {
    versionNo: row.versionNo,
    title: row.title,
    body: row.body,
    editorName: row.editorName,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}
