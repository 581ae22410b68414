import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from './actor.ts';

/**
 * What part of the data a caller may read, as a typed value. Queries turn it into a SQL condition
 * with `scopeCondition`; nothing ever assembles scope SQL from strings.
 */
export type DataScope =
  | { kind: 'everything' }
  | { kind: 'units'; unitIds: string[] }
  | { kind: 'office'; officeIds: string[] }
  | { kind: 'circulated'; userId: string }
  | { kind: 'nothing' }
  | { kind: 'anyOf'; scopes: LeafScope[] };

/** A scope that is not a union. */
export type LeafScope = Exclude<DataScope, { kind: 'anyOf' }>;

/**
 * Where a table keeps the facts a scope is checked against. A missing column means the table
 * cannot be reached through that kind of scope (the condition is false, never true).
 * `circulatedTo` is either a column holding the recipient user id or a builder of an EXISTS
 * condition over a circulation table.
 */
export type ScopeColumns = {
  unitId?: PgColumn;
  officeId?: PgColumn;
  /** An extra condition for the office branch, e.g. "has been submitted" so drafts stay in the unit. */
  officeRequires?: SQL;
  circulatedTo?: PgColumn | ((userId: string) => SQL);
};

/** The same facts for one record already in memory. */
export type ScopeFacts = {
  unitId?: string | null;
  officeId?: string | null;
  circulatedTo?: readonly string[];
};

export const EVERYTHING: DataScope = { kind: 'everything' };
export const NOTHING: DataScope = { kind: 'nothing' };

/**
 * Combines scopes into their union and simplifies it: empty id lists vanish, ids of the same
 * kind merge, `everything` wins, and a union of one is that scope.
 */
export function unionOf(scopes: readonly DataScope[]): DataScope {
  const leaves = scopes.flatMap((s) => (s.kind === 'anyOf' ? s.scopes : [s]));
  if (leaves.some((s) => s.kind === 'everything')) return EVERYTHING;
  const unitIds = new Set<string>();
  const officeIds = new Set<string>();
  const circulated = new Set<string>();
  for (const s of leaves) {
    if (s.kind === 'units') for (const id of s.unitIds) unitIds.add(id);
    if (s.kind === 'office') for (const id of s.officeIds) officeIds.add(id);
    if (s.kind === 'circulated') circulated.add(s.userId);
  }
  const merged: LeafScope[] = [];
  if (unitIds.size) merged.push({ kind: 'units', unitIds: [...unitIds].sort() });
  if (officeIds.size) merged.push({ kind: 'office', officeIds: [...officeIds].sort() });
  for (const userId of circulated) merged.push({ kind: 'circulated', userId });
  if (merged.length === 0) return NOTHING;
  if (merged.length === 1) return merged[0];
  return { kind: 'anyOf', scopes: merged };
}

/**
 * The content (items, publications, …) a caller may read. Reporters and unit signers see their
 * units' records; editors and chief editors what was submitted to their offices and what their
 * offices forwarded upward; leaders what
 * was circulated to them; the separated administrators see no content at all. Several roles
 * give the union.
 */
export function contentScope(actor: Pick<Actor, 'userId' | 'roles' | 'units'>): DataScope {
  const parts: DataScope[] = [];
  const has = (role: Actor['roles'][number]) => actor.roles.includes(role);
  if (has('reporter') || has('unit_signer')) {
    parts.push({ kind: 'units', unitIds: actor.units.map((u) => u.id) });
  }
  if (has('editor') || has('chief_editor')) {
    const officeIds = actor.units.filter((u) => u.kind === 'office').map((u) => u.id);
    // What was submitted to the office, and what the office itself submitted upward (转报).
    parts.push({ kind: 'office', officeIds }, { kind: 'units', unitIds: officeIds });
  }
  if (has('leader')) parts.push({ kind: 'circulated', userId: actor.userId });
  return unionOf(parts);
}

/**
 * Who may read the sensitive details of a registry entry (e-government network access): the
 * system and security administrators, members of that unit, and editors or chief editors of the
 * office the unit reports to. Checked with `unitId` = the org itself, `officeId` = its parent.
 */
export function registryDetailScope(actor: Pick<Actor, 'roles' | 'units'>): DataScope {
  if (actor.roles.includes('sysadmin') || actor.roles.includes('secadmin')) return EVERYTHING;
  const parts: DataScope[] = [{ kind: 'units', unitIds: actor.units.map((u) => u.id) }];
  if (actor.roles.includes('editor') || actor.roles.includes('chief_editor')) {
    parts.push({
      kind: 'office',
      officeIds: actor.units.filter((u) => u.kind === 'office').map((u) => u.id),
    });
  }
  return unionOf(parts);
}

/** The scope as a drizzle condition for a WHERE (or CASE WHEN) clause. Fails closed. */
export function scopeCondition(scope: DataScope, columns: ScopeColumns): SQL {
  switch (scope.kind) {
    case 'everything':
      return sql`true`;
    case 'nothing':
      return sql`false`;
    case 'units':
      return columns.unitId && scope.unitIds.length ? inArray(columns.unitId, scope.unitIds) : sql`false`;
    case 'office':
      if (!columns.officeId || !scope.officeIds.length) return sql`false`;
      return columns.officeRequires
        ? (and(inArray(columns.officeId, scope.officeIds), columns.officeRequires) ?? sql`false`)
        : inArray(columns.officeId, scope.officeIds);
    case 'circulated': {
      const target = columns.circulatedTo;
      if (!target) return sql`false`;
      return typeof target === 'function' ? target(scope.userId) : eq(target, scope.userId);
    }
    case 'anyOf': {
      const parts = scope.scopes.map((s) => scopeCondition(s, columns));
      return parts.length ? (or(...parts) ?? sql`false`) : sql`false`;
    }
  }
}

/** The same decision for one record in memory (e.g. to compute the actions sent to the UI). */
export function scopeIncludes(scope: DataScope, facts: ScopeFacts): boolean {
  switch (scope.kind) {
    case 'everything':
      return true;
    case 'nothing':
      return false;
    case 'units':
      return facts.unitId != null && scope.unitIds.includes(facts.unitId);
    case 'office':
      return facts.officeId != null && scope.officeIds.includes(facts.officeId);
    case 'circulated':
      return facts.circulatedTo?.includes(scope.userId) ?? false;
    case 'anyOf':
      return scope.scopes.some((s) => scopeIncludes(s, facts));
  }
}
