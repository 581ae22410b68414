import { type ChangeObject, diffChars } from 'diff';
import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../lib/actor.ts';
import { badRequest } from '../../../lib/errors.ts';
import { itemAsSeenBy } from '../office-view.ts';
import { findItemForActor } from '../repository.ts';
import { findItemVersion } from './get-item-version.ts';

export type DiffSegment = { type: 'equal' | 'insert' | 'delete'; text: string };

/** Past this, a diff of two very different texts is given up and shown as replaced wholesale. */
const DIFF_TIMEOUT_MS = 2000;

/** Change objects as segments; adjacent segments of one type are joined, empty ones dropped. */
export function toSegments(changes: readonly ChangeObject<string>[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const c of changes) {
    if (!c.value) continue;
    const type = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = out.at(-1);
    if (last && last.type === type) last.text += c.value;
    else out.push({ type, text: c.value });
  }
  return out;
}

/** The whole old text deleted and the new one inserted: the fallback when a diff takes too long. */
export function replacedWholesale(from: string, to: string): DiffSegment[] {
  return [
    ...(from ? [{ type: 'delete' as const, text: from }] : []),
    ...(to ? [{ type: 'insert' as const, text: to }] : []),
  ];
}

/**
 * A character-level diff (Chinese has no spaces to split words on). Runs asynchronously in
 * chunks so a long body does not block other requests, and gives up after a time limit.
 */
export function segmentDiff(from: string, to: string, timeout = DIFF_TIMEOUT_MS): Promise<DiffSegment[]> {
  if (from === to) return Promise.resolve(from ? [{ type: 'equal', text: from }] : []);
  return new Promise((resolve) => {
    diffChars(from, to, {
      timeout,
      callback: (changes) => resolve(changes ? toSegments(changes) : replacedWholesale(from, to)),
    });
  });
}

/** Two versions of an item compared; 400 when either number does not exist. */
export async function diffItemVersions(
  ctx: AppContext,
  actor: Actor,
  itemId: string,
  from: number,
  to: number,
) {
  const item = await itemAsSeenBy(ctx.db, actor, await findItemForActor(ctx.db, actor, itemId));
  // Versions past what the caller may see (a returned item's unsigned revisions) do not exist for them.
  const visible = (n: number) => (n <= item.currentVersion ? findItemVersion(ctx.db, itemId, n) : null);
  const [a, b] = [await visible(from), await visible(to)];
  const missing = [a ? null : from, b ? null : to].filter((n) => n !== null);
  if (!a || !b) throw badRequest(`第 ${[...new Set(missing)].join('、')} 版不存在`);
  return {
    from,
    to,
    title: await segmentDiff(a.title, b.title),
    body: await segmentDiff(a.body, b.body),
  };
}
