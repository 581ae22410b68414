import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { orgs, publications, users } from '../../../db/schema/index.ts';
import type { Actor } from '../../../lib/actor.ts';
import { notFound } from '../../../lib/errors.ts';
import { canManage, canRead, PUBLICATION_NOT_FOUND } from '../definitions.ts';
import { formatIssueLabel } from '../numbering.ts';
import type { PublicationDetail } from '../schemas.ts';

const editorUser = alias(users, 'default_editor');
const signerUser = alias(users, 'default_signer');

/**
 * One publication definition (刊物设置) as the caller may see it; also the response of every
 * write. Another office's publication the caller may not read is a 404.
 */
export async function getPublication(db: Db, actor: Actor, id: string): Promise<PublicationDetail> {
  const [row] = await db
    .select({
      pub: publications,
      officeName: orgs.name,
      editorName: editorUser.displayName,
      signerName: signerUser.displayName,
    })
    .from(publications)
    .innerJoin(orgs, eq(orgs.id, publications.officeId))
    .leftJoin(editorUser, eq(editorUser.id, publications.defaultEditorId))
    .leftJoin(signerUser, eq(signerUser.id, publications.defaultSignerId))
    .where(eq(publications.id, id));
  if (!row || !(await canRead(db, actor, row.pub.officeId))) throw notFound(PUBLICATION_NOT_FOUND);
  const { pub } = row;
  return {
    id: pub.id,
    officeId: pub.officeId,
    officeName: row.officeName,
    name: pub.name,
    kind: pub.kind,
    numbering: pub.numbering,
    labelFormat: pub.labelFormat,
    showTotal: pub.showTotal,
    sampleLabel: formatIssueLabel(pub, { year: new Date().getFullYear(), number: 1, totalNumber: 1 }),
    distribution: pub.distribution,
    printCount: pub.printCount,
    defaultEditor: pub.defaultEditorId ? { id: pub.defaultEditorId, name: row.editorName ?? '' } : null,
    defaultSigner: pub.defaultSignerId ? { id: pub.defaultSignerId, name: row.signerName ?? '' } : null,
    description: pub.description,
    active: pub.active,
    sortOrder: pub.sortOrder,
    version: pub.version,
    createdAt: pub.createdAt.toISOString(),
    updatedAt: pub.updatedAt.toISOString(),
    actions: canManage(actor, pub.officeId) ? ['edit', pub.active ? 'deactivate' : 'activate'] : [],
  };
}
