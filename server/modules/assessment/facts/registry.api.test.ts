import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { arrayLiteral, Registry, rowsOf } from './registry.ts';

/**
 * Registry.forOffice loads only what an office's assessment reaches (its ancestors, its members
 * and, for the facts, the subtree below them by links); whatever the assessment asks of it must be
 * answered exactly as by the whole registry — for every office of the demo province, and for a
 * tree deeper than the app lets one build (a unit under a unit, written behind its back).
 */

let t: TestApp;
let db: Db;
let orgIds: string[] = [];
let offices: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  // Deeper than the registry rules allow: a unit under one of 汾阳's units, and one under that.
  await db.execute(sql`insert into orgs (code, name, short_name, kind, parent_id, sort_order)
    select 'deep1', '深层单位一', '深一', 'unit', id, 0 from orgs where code = 'fy_czj'`);
  await db.execute(sql`insert into orgs (code, name, short_name, kind, parent_id, sort_order)
    select 'deep2', '深层单位二', '深二', 'unit', id, 0 from orgs where code = 'deep1'`);
  const rows = await rowsOf<{ id: string; kind: string }>(db, sql`select id, kind from orgs order by code`);
  orgIds = rows.map((r) => r.id);
  offices = rows.filter((r) => r.kind === 'office').map((r) => r.id);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('Registry.forOffice', () => {
  it('answers as the whole registry for every office: members, ancestors, memberOf, tiers, names', async () => {
    const full = await Registry.load(db);
    expect(offices.length).toBeGreaterThan(3);
    for (const office of offices) {
      const mine = await Registry.forOffice(db, office);
      const ancestors = full.ancestors(office);
      expect(mine.ancestors(office)).toEqual(ancestors);
      expect(mine.members(office)).toEqual(full.members(office));
      expect(mine.descendantOffices(office).sort()).toEqual(full.descendantOffices(office).sort());
      for (const id of orgIds) {
        expect(mine.memberOf(id, office), `${id} at ${office}`).toBe(full.memberOf(id, office));
      }
      for (const id of [office, ...ancestors, ...full.members(office).map((m) => m.id)]) {
        expect(mine.get(id)).toEqual(full.get(id));
        expect(mine.tierOf(id, office)).toBe(full.tierOf(id, office));
      }
      const item = { originUnitId: orgIds[orgIds.length - 1] ?? '', submittingUnitId: office };
      const joint = orgIds.slice(0, 5).map((unitId) => ({ unitId, shareMille: 200 }));
      expect(mine.credits(office, item, joint)).toEqual(full.credits(office, item, joint));
    }
  });

  it('credits a unit two levels below a member to that member', async () => {
    const [deep] = await rowsOf<{ id: string; fy: string; czj: string }>(
      db,
      sql`select d.id, (select id from orgs where code = 'fy') as fy, (select id from orgs where code = 'fy_czj') as czj
          from orgs d where d.code = 'deep2'`,
    );
    const mine = await Registry.forOffice(db, deep?.fy ?? '');
    expect(mine.memberOf(deep?.id ?? '', deep?.fy ?? '')).toBe(deep?.czj);
    // Named as well (loaded in full), the walk still goes below it.
    const [deep1] = await rowsOf<{ id: string }>(db, sql`select id from orgs where code = 'deep1'`);
    const named = await Registry.forOffice(db, deep?.fy ?? '', { ids: [deep1?.id ?? ''] });
    expect(named.memberOf(deep?.id ?? '', deep?.fy ?? '')).toBe(deep?.czj);
    expect(named.name(deep1?.id ?? '')).toBe('深层单位一');
    // 吕梁 sees it under 汾阳, its member.
    const [ll] = await rowsOf<{ id: string }>(db, sql`select id from orgs where code = 'll'`);
    expect((await Registry.forOffice(db, ll?.id ?? '')).memberOf(deep?.id ?? '', ll?.id ?? '')).toBe(
      deep?.fy,
    );
  });

  it('with members only, peers and single ids: what rule checks, rankings and names ask', async () => {
    const full = await Registry.load(db);
    for (const office of offices) {
      const members = await Registry.forOffice(db, office, { scope: 'members' });
      expect(members.members(office)).toEqual(full.members(office));
      expect(members.ancestors(office)).toEqual(full.ancestors(office));
      expect(members.name(office)).toBe(full.name(office));
      const parent = full.get(office)?.parentId;
      const peers = await Registry.forOffice(db, office, { peers: true });
      if (parent) expect(peers.members(parent)).toEqual(full.members(parent));
      const someone = orgIds[0] ?? '';
      const named = await Registry.forOffice(db, office, { scope: 'members', ids: [someone] });
      expect(named.name(someone)).toBe(full.name(someone));
    }
  });
});

describe('arrayLiteral', () => {
  it('carries any text through a text[] parameter unchanged, nulls included', async () => {
    const values = [
      'a"b',
      'c\\d',
      '{e,f}',
      'NULL',
      '',
      ' 空格 ',
      '《标题》“引号”\\"',
      'x\ny\tz',
      "it's",
      null,
    ];
    const rows = await rowsOf<{ v: string | null }>(
      db,
      sql`select unnest(${arrayLiteral(values)}::text[]) as v`,
    );
    expect(rows.map((r) => r.v)).toEqual(values);
  });
});
