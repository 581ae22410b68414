import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { orgs } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import { selectOrgViews } from '../present.ts';
import { ORG_NOT_FOUND } from '../registry.ts';
import type { OrgView } from '../schemas.ts';

/** One registry entry as the caller may see it (also the response of every registry command). */
export async function getOrg(db: Db, actor: Actor, id: string): Promise<OrgView> {
  const [view] = await selectOrgViews(db, actor, eq(orgs.id, id));
  if (!view) throw notFound(ORG_NOT_FOUND);
  return view;
}
