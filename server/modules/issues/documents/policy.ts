import type { Actor } from '../../../lib/actor.ts';
import { forbidden } from '../../../lib/errors.ts';
import type { IssueRow } from '../repository.ts';

/** Who may generate and archive documents: editors and chief editors. */
export const DOCUMENT_ROLES = ['editor', 'chief_editor'] as const;

/**
 * Generating a document is office work: an editor or chief editor of the issue's own office, in
 * any status (a draft's DOCX is a proof, a published one's is the record).
 */
export function assertMayGenerate(issue: IssueRow, actor: Actor): void {
  const inOffice = actor.units.some((u) => u.id === issue.officeId);
  const staff = DOCUMENT_ROLES.some((r) => actor.roles.includes(r));
  if (!inOffice || !staff) throw forbidden('只有本办公室的编辑可以生成刊物文档');
}
