import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { presentItemDetail } from '../present.ts';
import type { ItemDetail } from '../schemas.ts';

/** An item with its timeline, versions and upward chain, as the caller may see it (404 otherwise). */
export function getItem(ctx: AppContext, actor: Actor, id: string): Promise<ItemDetail> {
  return presentItemDetail(ctx.db, actor, id);
}
