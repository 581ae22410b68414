import { and, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import {
  auditEvents,
  type ItemStatus,
  items,
  itemVersions,
  orgs,
  type Role,
  userRoles,
  users,
  userUnits,
} from '../../db/schema/index.ts';
import { login, type Session, type TestApp } from '../../test/helpers.ts';
import type { ItemDetail } from './schemas.ts';

/** Fixtures and probes shared by the items API tests. */

/** A clean item a reporter could send as it is (no quality findings that block submission). */
export function itemInput(overrides: Record<string, unknown> = {}) {
  return {
    title: '市发改局多措并举推进重点项目建设',
    body: '今年以来，市发改局围绕全年目标任务，建立重点项目推进机制。\n截至目前，已开工项目23个，完成投资4.6亿元。',
    categoryCode: 'dynamic',
    priority: 'normal',
    secrecy: 'public',
    keywords: ['重点项目'],
    authorPhone: '0358-7221234',
    ...overrides,
  };
}

export async function createDraft(s: Session, overrides: Record<string, unknown> = {}): Promise<ItemDetail> {
  const res = await s.request('POST', '/api/items', itemInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The reporter asks for sign-off and the unit signer signs: the item lands in the office inbox. */
export async function submitThroughUnit(reporter: Session, signer: Session, id: string): Promise<ItemDetail> {
  const detail = await get(reporter, id);
  const asked = await reporter.request('POST', `/api/items/${id}/actions/submit_for_signoff`, {
    version: detail.version,
  });
  expect(asked.statusCode, asked.body).toBe(200);
  const signed = await signer.request('POST', `/api/items/${id}/actions/sign`, {
    version: asked.json().version,
  });
  expect(signed.statusCode, signed.body).toBe(200);
  return signed.json();
}

export async function get(s: Session, id: string): Promise<ItemDetail> {
  const res = await s.request('GET', `/api/items/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function itemRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(items).where(eq(items.id, id));
  return row;
}

export async function versionRows(t: TestApp, id: string) {
  return t.database.db
    .select()
    .from(itemVersions)
    .where(eq(itemVersions.itemId, id))
    .orderBy(itemVersions.versionNo);
}

export async function auditRows(t: TestApp, action: string, targetId: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .orderBy(desc(auditEvents.id));
}

/**
 * Puts an item into a state directly, for list setups that need many items at given times
 * (the workflow endpoints are tested by their own suite).
 */
export async function setState(
  t: TestApp,
  id: string,
  values: {
    status: ItemStatus;
    submittedAt?: Date | null;
    eventAt?: Date | null;
    priority?: 'normal' | 'urgent' | 'for_reading';
  },
) {
  await t.database.db.update(items).set(values).where(eq(items.id, id));
}

export async function orgByCode(t: TestApp, code: string) {
  const [row] = await t.database.db.select().from(orgs).where(eq(orgs.code, code));
  if (!row) throw new Error(`no org ${code}`);
  return row;
}

/**
 * A new account in the given org with the given roles and the demo password (copied from a
 * demo account), logged in. For callers the demo city lacks, e.g. a reporter in an office.
 */
export async function accountIn(
  t: TestApp,
  username: string,
  orgCode: string,
  roles: Role[],
): Promise<Session> {
  const db = t.database.db;
  const [template] = await db.select().from(users).where(eq(users.username, 'fy_fgj_xxy'));
  const org = await orgByCode(t, orgCode);
  const [user] = await db
    .insert(users)
    .values({ username, displayName: `测试${username}`, passwordHash: template.passwordHash })
    .returning();
  await db.insert(userUnits).values({ userId: user.id, orgId: org.id, isPrimary: true });
  await db.insert(userRoles).values(roles.map((role) => ({ userId: user.id, role })));
  return login(t.app, username);
}
