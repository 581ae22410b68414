import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { selectOrgViews, treeOrder } from '../present.ts';
import type { OrgView } from '../schemas.ts';

/** `%`, `_` and `\` typed by a user are literal characters, not patterns. */
const likeLiteral = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The registry as a flat list in tree order. Any logged-in user may list it (pickers need the
 * names); sensitive fields come masked by the caller's scope. With `q` only matching entries
 * are returned (a match whose parent is absent starts its own branch).
 */
export async function listOrgs(
  ctx: AppContext,
  actor: Actor,
  filter: { includeInactive: boolean; q?: string },
): Promise<OrgView[]> {
  const conditions: SQL[] = [];
  if (!filter.includeInactive) conditions.push(eq(orgs.active, true));
  if (filter.q) {
    const pattern = likeLiteral(filter.q);
    conditions.push(
      or(ilike(orgs.name, pattern), ilike(orgs.shortName, pattern), ilike(orgs.code, pattern))!,
    );
  }
  const rows = await selectOrgViews(ctx.db, actor, conditions.length ? and(...conditions) : undefined);
  return treeOrder(rows);
}
