import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { orgs } from '../../db/schema/index.ts';

/** Deeper than any real chain (county → city → province → 国办); stops a corrupt loop. */
const MAX_DEPTH = 10;

/**
 * The offices above an office, nearest first: whose publications may adopt what it forwards
 * (上级采用). Walks the registry tree, which is a few levels deep.
 */
export async function ancestorOfficeIds(db: Db, officeId: string): Promise<string[]> {
  const out: string[] = [];
  let parentId = (await orgNode(db, officeId))?.parentId ?? null;
  for (let depth = 0; parentId && depth < MAX_DEPTH; depth++) {
    const parent = await orgNode(db, parentId);
    if (!parent || out.includes(parent.id)) break;
    if (parent.kind === 'office') out.push(parent.id);
    parentId = parent.parentId;
  }
  return out;
}

async function orgNode(db: Db, id: string) {
  const [row] = await db
    .select({ id: orgs.id, kind: orgs.kind, parentId: orgs.parentId })
    .from(orgs)
    .where(eq(orgs.id, id));
  return row ?? null;
}
