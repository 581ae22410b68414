import type { Me } from './types.ts';

/** Roles whose holders work in the office's information section (信息科). */
const SECTION_ROLES = new Set(['editor', 'chief_editor']);

/**
 * Where a user sits, as shown under the name: the primary unit, plus the office's information
 * section only for editors and chief editors — a 副市长 or an administrator of the office is not
 * a member of 信息科 because the office has one.
 */
export function membershipLine(user: Me['user'], separator = ' '): string {
  const unit = user.primaryUnit;
  if (!unit) return '';
  const inSection = unit.sectionName && user.roles.some((r) => SECTION_ROLES.has(r));
  return inSection ? `${unit.name}${separator}${unit.sectionName}` : unit.name;
}
