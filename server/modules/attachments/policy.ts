import { ITEM_STATUSES } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { callerFacts, canEdit, type ItemRow } from '../items/index.ts';

/** Business roles that can ever hold 'edit' on an item; others are refused before any lookup. */
export const ATTACHMENT_EDITOR_ROLES = ['reporter', 'unit_signer', 'editor', 'chief_editor'] as const;

/** At most this many attachments per item. */
export const MAX_ATTACHMENTS_PER_ITEM = 20;

/**
 * Attachments are part of the text: whoever may edit the item now may add or remove them. The
 * refusal says whether it is the state (someone who edits in another state) or the caller.
 */
export function assertMayChangeAttachments(item: ItemRow, actor: Actor, verb: '添加' | '删除'): void {
  const caller = callerFacts(actor);
  if (canEdit(item, caller)) return;
  const editsInSomeState = ITEM_STATUSES.some((status) => canEdit({ ...item, status }, caller));
  throw forbidden(editsInSomeState ? `当前状态下不能${verb}附件` : `您无权为此信息${verb}附件`);
}
