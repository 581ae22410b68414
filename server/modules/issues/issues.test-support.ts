import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  auditEvents,
  issueItems,
  itemEvents,
  items,
  portalQueue,
  publicationIssues,
  upperAdoptions,
} from '../../db/schema/index.ts';
import type { Session, TestApp } from '../../test/helpers.ts';
import type { IssueDetail } from './schemas.ts';

/** Fixtures and probes shared by the issue API tests. */

export async function createIssue(s: Session, publicationId: string, title?: string): Promise<IssueDetail> {
  const res = await s.request('POST', '/api/issues', { publicationId, ...(title ? { title } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function getIssue(s: Session, id: string): Promise<IssueDetail> {
  const res = await s.request('GET', `/api/issues/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Replaces the issue's items (public, not for the portal unless said). */
export function putItems(
  s: Session,
  issue: { id: string; version: number },
  list: (string | { itemId: string; forPortal: boolean })[],
) {
  return s.request('PUT', `/api/issues/${issue.id}/items`, {
    version: issue.version,
    items: list.map((i) => (typeof i === 'string' ? { itemId: i, forPortal: false } : i)),
  });
}

export async function setItems(
  s: Session,
  issue: { id: string; version: number },
  list: (string | { itemId: string; forPortal: boolean })[],
): Promise<IssueDetail> {
  const res = await putItems(s, issue, list);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export function transition(
  s: Session,
  issue: { id: string; version: number },
  action: string,
  extra: Record<string, unknown> = {},
) {
  return s.request('POST', `/api/issues/${issue.id}/transitions`, {
    action,
    version: issue.version,
    ...extra,
  });
}

export async function move(
  s: Session,
  issue: { id: string; version: number },
  action: string,
  extra: Record<string, unknown> = {},
): Promise<IssueDetail> {
  const res = await transition(s, issue, action, extra);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/**
 * Everything a refused issue request must leave as it was: the issue rows, the issue's items,
 * every item's status and version, timelines, audit log, adoptions and the portal queue.
 */
export async function issueSnapshot(t: TestApp) {
  const db = t.database.db;
  const counted = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  return {
    issues: await db.select().from(publicationIssues).orderBy(publicationIssues.id),
    issueItems: await db.select().from(issueItems).orderBy(issueItems.itemId),
    items: await db
      .select({ id: items.id, status: items.status, version: items.version })
      .from(items)
      .orderBy(items.id),
    events: await counted(db.select({ n: count() }).from(itemEvents)),
    audits: await counted(db.select({ n: count() }).from(auditEvents)),
    adoptions: await counted(db.select({ n: count() }).from(upperAdoptions)),
    portal: await counted(db.select({ n: count() }).from(portalQueue)),
  };
}

/** Sends a request that must be refused with `status` (and `message`) and changed nothing. */
export async function expectIssueRefused(
  t: TestApp,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  message?: string | RegExp,
) {
  const before = await issueSnapshot(t);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  if (typeof message === 'string') expect(res.json().message).toBe(message);
  else if (message) expect(res.json().message).toMatch(message);
  expect(await issueSnapshot(t)).toEqual(before);
  return res;
}

export async function issueRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(publicationIssues).where(eq(publicationIssues.id, id));
  return row;
}
