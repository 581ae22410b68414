import { and, eq, type SQL, sql } from 'drizzle-orm';
import { PgDialect, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema/index.ts';
import type { ActorUnit } from './actor.ts';
import {
  contentScope,
  type DataScope,
  registryDetailScope,
  type ScopeColumns,
  scopeCondition,
  scopeIncludes,
  unionOf,
} from './data-scope.ts';

const items = pgTable('items', {
  id: uuid('id').primaryKey(),
  unitId: uuid('unit_id'),
  officeId: uuid('office_id'),
  title: text('title'),
});
const circulations = pgTable('circulations', { itemId: uuid('item_id'), userId: uuid('user_id') });
const columns = {
  unitId: items.unitId,
  officeId: items.officeId,
  circulatedTo: (userId: string) =>
    sql`exists (select 1 from ${circulations} where ${circulations.itemId} = ${items.id} and ${eq(circulations.userId, userId)})`,
};

const dialect = new PgDialect();
const toQuery = (condition: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(condition);
  return { sql: text, params };
};
const render = (scope: DataScope, cols: ScopeColumns = columns) => toQuery(scopeCondition(scope, cols));

const FY = '00000000-0000-4000-8000-000000000001';
const CZJ = '00000000-0000-4000-8000-000000000002';
const SWJ = '00000000-0000-4000-8000-000000000003';
const USER = '00000000-0000-4000-8000-0000000000aa';

const unit = (id: string, kind: 'office' | 'unit'): ActorUnit => ({
  id,
  name: id,
  shortName: id,
  kind,
  parentId: kind === 'unit' ? FY : null,
  isPrimary: true,
});
const actor = (roles: Role[], units: ActorUnit[]) => ({ userId: USER, roles, units });

describe('contentScope', () => {
  it('gives reporters and unit signers their own units', () => {
    expect(contentScope(actor(['reporter'], [unit(CZJ, 'unit')]))).toEqual({ kind: 'units', unitIds: [CZJ] });
    expect(contentScope(actor(['unit_signer'], [unit(SWJ, 'unit')]))).toEqual({
      kind: 'units',
      unitIds: [SWJ],
    });
  });

  it('gives editors and chief editors their offices (received and forwarded), never plain units', () => {
    const units = [unit(FY, 'office'), unit(CZJ, 'unit')];
    const expected = {
      kind: 'anyOf',
      scopes: [
        { kind: 'units', unitIds: [FY] },
        { kind: 'office', officeIds: [FY] },
      ],
    };
    expect(contentScope(actor(['editor'], units))).toEqual(expected);
    expect(contentScope(actor(['chief_editor'], units))).toEqual(expected);
  });

  it('gives leaders what was circulated to them', () => {
    expect(contentScope(actor(['leader'], [unit(FY, 'office')]))).toEqual({
      kind: 'circulated',
      userId: USER,
    });
  });

  it('gives the separated administrators no content', () => {
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as Role[]) {
      expect(contentScope(actor([role], [unit(FY, 'office')]))).toEqual({ kind: 'nothing' });
    }
  });

  it('gives a user with several roles the union of their scopes', () => {
    const scope = contentScope(actor(['editor', 'leader', 'reporter'], [unit(FY, 'office')]));
    expect(scope).toEqual({
      kind: 'anyOf',
      scopes: [
        { kind: 'units', unitIds: [FY] },
        { kind: 'office', officeIds: [FY] },
        { kind: 'circulated', userId: USER },
      ],
    });
  });

  it('gives an editor without an office nothing rather than everything', () => {
    expect(contentScope(actor(['editor'], [unit(CZJ, 'unit')]))).toEqual({ kind: 'nothing' });
  });
});

describe('registryDetailScope', () => {
  it('lets system and security administrators see every entry', () => {
    expect(registryDetailScope(actor(['sysadmin'], []))).toEqual({ kind: 'everything' });
    expect(registryDetailScope(actor(['secadmin'], []))).toEqual({ kind: 'everything' });
  });

  it('lets a unit member see only their unit', () => {
    const scope = registryDetailScope(actor(['reporter'], [unit(CZJ, 'unit')]));
    expect(scopeIncludes(scope, { unitId: CZJ, officeId: FY })).toBe(true);
    expect(scopeIncludes(scope, { unitId: SWJ, officeId: FY })).toBe(false);
  });

  it('lets an editor see the units of their office and the office itself', () => {
    const scope = registryDetailScope(actor(['editor'], [unit(FY, 'office')]));
    expect(scopeIncludes(scope, { unitId: CZJ, officeId: FY })).toBe(true);
    expect(scopeIncludes(scope, { unitId: FY, officeId: null })).toBe(true);
    expect(scopeIncludes(scope, { unitId: SWJ, officeId: CZJ })).toBe(false);
  });

  it('does not open an office to a leader beyond their own membership', () => {
    const scope = registryDetailScope(actor(['leader'], [unit(FY, 'office')]));
    expect(scopeIncludes(scope, { unitId: FY, officeId: null })).toBe(true);
    expect(scopeIncludes(scope, { unitId: CZJ, officeId: FY })).toBe(false);
  });

  it('gives an auditor with no units nothing', () => {
    expect(registryDetailScope(actor(['auditor'], []))).toEqual({ kind: 'nothing' });
  });
});

describe('scopeCondition', () => {
  it('renders unit and office scopes as parameterised IN lists', () => {
    expect(render({ kind: 'units', unitIds: [CZJ, SWJ] })).toEqual({
      sql: '"items"."unit_id" in ($1, $2)',
      params: [CZJ, SWJ],
    });
    expect(render({ kind: 'office', officeIds: [FY] })).toEqual({
      sql: '"items"."office_id" in ($1)',
      params: [FY],
    });
  });

  it('renders a circulated scope through the supplied subquery or column', () => {
    const q = render({ kind: 'circulated', userId: USER });
    expect(q.sql).toContain('exists (select 1 from "circulations"');
    expect(q.params).toEqual([USER]);
    const direct = render({ kind: 'circulated', userId: USER }, { ...columns, circulatedTo: items.title });
    expect(direct).toEqual({ sql: '"items"."title" = $1', params: [USER] });
  });

  it('renders everything as true and nothing as false', () => {
    expect(render({ kind: 'everything' }).sql).toBe('true');
    expect(render({ kind: 'nothing' }).sql).toBe('false');
  });

  it('fails closed for empty id lists and for columns a table does not have', () => {
    expect(render({ kind: 'units', unitIds: [] }).sql).toBe('false');
    expect(render({ kind: 'office', officeIds: [FY] }, { unitId: items.unitId }).sql).toBe('false');
    expect(render({ kind: 'circulated', userId: USER }, { unitId: items.unitId }).sql).toBe('false');
  });

  it('renders a union as OR of its parts and composes with other conditions', () => {
    const scope = unionOf([
      { kind: 'units', unitIds: [CZJ] },
      { kind: 'office', officeIds: [FY] },
    ]);
    const q = toQuery(and(eq(items.title, 'x'), scopeCondition(scope, columns))!);
    expect(q.sql).toBe(
      '("items"."title" = $1 and ("items"."unit_id" in ($2) or "items"."office_id" in ($3)))',
    );
    expect(q.params).toEqual(['x', CZJ, FY]);
  });

  it('keeps user-supplied ids out of the SQL text', () => {
    const evil = "x') or true --";
    const q = render({ kind: 'units', unitIds: [evil] });
    expect(q.sql).not.toContain(evil);
    expect(q.params).toEqual([evil]);
  });
});

describe('unionOf', () => {
  it('merges ids, drops empty parts and lets everything win', () => {
    expect(
      unionOf([
        { kind: 'units', unitIds: [SWJ] },
        { kind: 'units', unitIds: [CZJ, SWJ] },
        { kind: 'office', officeIds: [] },
      ]),
    ).toEqual({ kind: 'units', unitIds: [CZJ, SWJ] });
    expect(unionOf([{ kind: 'nothing' }, { kind: 'everything' }])).toEqual({ kind: 'everything' });
    expect(unionOf([])).toEqual({ kind: 'nothing' });
  });
});
