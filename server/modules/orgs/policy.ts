import type { SQL } from 'drizzle-orm';
import { orgs } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { registryDetailScope, scopeCondition } from '../../lib/data-scope.ts';
import type { OrgAction } from './schemas.ts';

type PolicyActor = Pick<Actor, 'roles' | 'units'>;

/** Only the system administrator maintains the registry (三员分立: not the security admin or auditor). */
export const REGISTRY_ADMIN_ROLES = ['sysadmin'] as const;
/** Roles that may keep their own unit's contact details up to date. */
export const CONTACT_MAINTAINER_ROLES = ['sysadmin', 'reporter', 'unit_signer'] as const;

export const isRegistryAdmin = (actor: PolicyActor) => actor.roles.includes('sysadmin');

/** A reporter or signer may edit the contacts of the units they belong to, and only those. */
export function canUpdateContacts(actor: PolicyActor, orgId: string): boolean {
  if (isRegistryAdmin(actor)) return true;
  const maintainer = actor.roles.includes('reporter') || actor.roles.includes('unit_signer');
  return maintainer && actor.units.some((u) => u.id === orgId);
}

/** What the caller may do to one registry entry; the UI draws its buttons from this list. */
export function orgActions(actor: PolicyActor, org: { id: string; active: boolean }): OrgAction[] {
  const actions: OrgAction[] = [];
  if (isRegistryAdmin(actor)) {
    actions.push('update', 'move', org.active ? 'deactivate' : 'reactivate');
  }
  if (canUpdateContacts(actor, org.id)) actions.push('updateContacts');
  return actions;
}

/**
 * SQL condition (over `orgs`) that is true where the caller may read the network-access
 * fields: the registry detail scope, checked against the org itself and the office above it.
 */
export function netFieldsVisible(actor: PolicyActor): SQL {
  return scopeCondition(registryDetailScope(actor), { unitId: orgs.id, officeId: orgs.parentId });
}
