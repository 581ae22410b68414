import type { AppContext } from '../../../../context.ts';
import type { Actor } from '../../../../lib/actor.ts';
import { renderBriefingHtml } from '../../../../lib/documents/briefing-html.ts';
import { findIssueForActor } from '../../repository.ts';
import { loadIssueDocument } from '../briefing-input.ts';

/** The print preview of an issue for anyone who may read it; the same data as its DOCX. */
export async function previewIssue(ctx: AppContext, actor: Actor, issueId: string): Promise<string> {
  const issue = await findIssueForActor(ctx.db, actor, issueId);
  const doc = await loadIssueDocument(ctx.db, issue);
  return renderBriefingHtml(doc.input, { signed: doc.signed });
}
