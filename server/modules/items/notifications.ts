import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { items, users } from '../../db/schema/index.ts';
import { publishLive } from '../../lib/live.ts';
import {
  type NotificationKind,
  notify,
  officeStaff,
  unitStaff,
  usersWithRoles,
} from '../notifications/index.ts';
import type { ItemRow } from './repository.ts';
import type { ItemAction } from './workflow.ts';

/**
 * Who hears what when an item moves (docs/screens.md, 消息中心): the unit's signers when an item
 * waits for them; the writer when the office returns, rejects, takes or prints it (at any office
 * up the chain — the writer of the original); the office's editors when an urgent item or a
 * 送阅件 arrives (every arrival refreshes open inboxes without a message). Runs in the
 * transition's transaction.
 */
export async function notifyItemMoved(
  tx: Db,
  row: ItemRow,
  action: ItemAction | 'forwarded_copy',
  extra: { reason?: string | null; detail?: string } = {},
): Promise<void> {
  const at = new Date();
  const title = `《${row.title}》`;
  const link = `/items/${row.id}`;
  const subject = { type: 'item', id: row.id };
  const toWriter = async (kind: NotificationKind, heading: string, body = '') => {
    const writers = await writersOf(tx, row);
    await notify(tx, {
      userIds: writers,
      officeId: row.officeId,
      kind,
      title: `${heading}${title}`,
      body,
      link: `/items/${row.rootId ?? row.id}`,
      subject,
      at,
    });
    await publishLive(tx, writers, 'items');
  };
  switch (action) {
    case 'submit_for_signoff': {
      const signers = await usersWithRoles(tx, [row.submittingUnitId], ['unit_signer']);
      await notify(tx, {
        userIds: signers,
        officeId: row.officeId,
        kind: 'item_pending_signoff',
        title: `待签发${title}`,
        body: `${row.authorName}提交签发`,
        link,
        subject,
        at,
      });
      await publishLive(tx, signers, 'items');
      return;
    }
    case 'sign':
    case 'resubmit':
    case 'forwarded_copy': {
      const staff = await officeStaff(tx, row.officeId);
      if (row.priority !== 'normal') {
        const heading = row.priority === 'urgent' ? '紧急信息' : '送阅件';
        await notify(tx, {
          userIds: staff,
          officeId: row.officeId,
          kind: 'item_urgent_received',
          title: `${heading}${title}`,
          body: extra.detail ?? '',
          link,
          subject,
          at,
        });
      }
      await publishLive(tx, staff, 'inbox');
      return;
    }
    case 'signer_return':
      return toWriter('item_returned', '签发人退回', extra.reason ?? '');
    case 'return':
      return toWriter('item_returned', '信息被退回修改', extra.reason ?? '');
    case 'reject':
      return toWriter('item_rejected', '信息被退稿', extra.reason ?? '');
    case 'accept':
      return toWriter('item_accepted', '信息拟采用', extra.detail ?? '');
    case 'publish':
      return toWriter('item_published', '信息已刊发', extra.detail ?? '');
    case 'record_adoption':
      return toWriter('item_adopted_upper', '信息被上级采用', extra.detail ?? '');
    default:
      return;
  }
}

/** The writer of the original item if their account is active, else the unit's 信息员 and 签发人. */
async function writersOf(tx: Db, row: ItemRow): Promise<string[]> {
  const rootId = row.rootId ?? row.id;
  const [root] =
    rootId === row.id
      ? [{ authorId: row.authorId, unitId: row.submittingUnitId }]
      : await tx
          .select({ authorId: items.authorId, unitId: items.submittingUnitId })
          .from(items)
          .where(eq(items.id, rootId));
  if (!root) return [];
  if (root.authorId) {
    const [author] = await tx.select({ active: users.active }).from(users).where(eq(users.id, root.authorId));
    if (author?.active) return [root.authorId];
  }
  return unitStaff(tx, [root.unitId]);
}
