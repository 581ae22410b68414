import type { OfficeLevel, OrgKind } from '../../db/schema/index.ts';
import { LEVEL_LABELS, LEVEL_RANK } from './fields.ts';

/**
 * The shape rules of the registry tree, as pure functions over plain nodes so the JSON API
 * (one org at a time) and the Excel import (the whole tree at once) apply the same rules.
 * Each returns a Chinese reason or null.
 */
export type OrgNode = {
  id: string;
  code: string;
  name: string;
  kind: OrgKind;
  level: OfficeLevel | null;
  parentId: string | null;
  active: boolean;
};

/** Kind and level agree: an office has a level, a unit has none. */
export function kindLevelProblem(org: Pick<OrgNode, 'kind' | 'level'>): string | null {
  if (org.kind === 'office' && !org.level) return '办公室须选择层级（县级、市级或省级）';
  if (org.kind === 'unit' && org.level) return '报送单位不设层级，层级须为空';
  return null;
}

/** The org may sit under this parent (null = a root). */
export function parentProblem(
  org: Omit<OrgNode, 'id' | 'code' | 'parentId'>,
  parent: OrgNode | null,
): string | null {
  if (!parent) return org.kind === 'unit' ? '报送单位须指定上级办公室' : null;
  if (parent.kind !== 'office') return `上级单位“${parent.name}”是报送单位，只有办公室可以作为上级`;
  if (
    org.kind === 'office' &&
    org.level &&
    parent.level &&
    LEVEL_RANK[parent.level] <= LEVEL_RANK[org.level]
  ) {
    return `上级办公室“${parent.name}”（${LEVEL_LABELS[parent.level]}）的层级须高于本办公室（${LEVEL_LABELS[org.level]}）`;
  }
  if (org.active && !parent.active) return `上级单位“${parent.name}”已停用`;
  return null;
}

export type ChildrenProblem = { field: 'kind' | 'level' | 'active'; message: string };

/** The org can keep these children: a unit has none, an office only lower offices and units. */
export function childrenProblem(
  org: Omit<OrgNode, 'parentId'>,
  children: readonly OrgNode[],
): ChildrenProblem | null {
  if (children.length === 0) return null;
  if (org.kind === 'unit') {
    return { field: 'kind', message: `“${org.name}”下还有 ${children.length} 个下级单位，不能设为报送单位` };
  }
  const level = org.level;
  const tooHigh = level
    ? children.find((c) => c.kind === 'office' && c.level && LEVEL_RANK[c.level] >= LEVEL_RANK[level])
    : undefined;
  if (tooHigh?.level) {
    return {
      field: 'level',
      message: `下级办公室“${tooHigh.name}”为${LEVEL_LABELS[tooHigh.level]}，本办公室的层级须高于它`,
    };
  }
  const activeChildren = children.filter((c) => c.active);
  if (!org.active && activeChildren.length) {
    const names = activeChildren
      .slice(0, 3)
      .map((c) => c.name)
      .join('、');
    const more = activeChildren.length > 3 ? ` 等 ${activeChildren.length} 个` : '';
    return {
      field: 'active',
      message: `该办公室下还有启用中的下级单位（${names}${more}），请先停用或调整这些单位`,
    };
  }
  return null;
}

/**
 * True when putting `orgId` under `parentId` would close a loop, walking up with `parentOf`
 * (which sees the tree as it will be).
 */
export function createsCycle(
  orgId: string,
  parentId: string | null,
  parentOf: (id: string) => string | null,
): boolean {
  let current = parentId;
  for (let steps = 0; current && steps < 10_000; steps++) {
    if (current === orgId) return true;
    current = parentOf(current);
  }
  return false;
}
