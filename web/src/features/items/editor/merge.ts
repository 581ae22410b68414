import type { ItemPriority } from '../types.ts';

export type MergeSource = {
  id: string;
  title: string;
  body: string;
  priority: ItemPriority;
  originUnit: { id: string; name: string };
};

/**
 * The starting text of a joint report: each source's paragraphs under a line naming its unit,
 * so the editor sees whose material is whose while rewriting it into one item.
 */
export function composeMergedBody(sources: readonly MergeSource[]): string {
  return sources
    .map((s) => [`【${s.originUnit.name}】`, ...s.body.split('\n').filter((p) => p.trim() !== '')].join('\n'))
    .join('\n');
}

/**
 * How the credit of a joint report is shared: evenly across the distinct origin units in the
 * order given, in thousandths that sum to 1000; the first unit takes the remainder, as the
 * server does.
 */
export function evenCredits(
  sources: readonly Pick<MergeSource, 'originUnit'>[],
): { unitId: string; unitName: string; share: number }[] {
  const units = new Map<string, string>();
  for (const s of sources) if (!units.has(s.originUnit.id)) units.set(s.originUnit.id, s.originUnit.name);
  if (units.size === 0) return [];
  const base = Math.floor(1000 / units.size);
  const remainder = 1000 - base * units.size;
  return [...units].map(([unitId, unitName], i) => ({
    unitId,
    unitName,
    share: base + (i === 0 ? remainder : 0),
  }));
}

/** A share in thousandths as a percentage: 333 → 33.3%. */
export function formatShare(share: number): string {
  return `${(share / 10).toFixed(share % 10 === 0 ? 0 : 1)}%`;
}

const PRIORITY_RANK: Record<ItemPriority, number> = { normal: 0, for_reading: 1, urgent: 2 };

/** A joint report is as urgent as its most urgent source. */
export function mergedPriority(sources: readonly Pick<MergeSource, 'priority'>[]): ItemPriority {
  return sources.reduce<ItemPriority>(
    (acc, s) => (PRIORITY_RANK[s.priority] > PRIORITY_RANK[acc] ? s.priority : acc),
    'normal',
  );
}
