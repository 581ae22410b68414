import { randomInt } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  auditEvents,
  type ItemPriority,
  type ItemStatus,
  itemEvents,
  items,
  itemVersions,
  orgs,
  publications,
  type Role,
  type SecrecyLevel,
  userRoles,
  users,
  userUnits,
} from '../../db/schema/index.ts';
import { DEMO_PASSWORD, type Session, type TestApp } from '../../test/helpers.ts';
import { hashPassword } from '../auth/password.ts';
import type { ItemRow } from './repository.ts';
import { indexItems } from './search-index.ts';

/**
 * Fixtures for item tests: items in any state for any unit, inserted directly (with their
 * version-1 text) so a test can start where it needs to; and probes that read what a request
 * left behind.
 */

export async function orgByCode(t: TestApp, code: string) {
  const [row] = await t.database.db.select().from(orgs).where(eq(orgs.code, code));
  if (!row) throw new Error(`no org ${code}`);
  return row;
}

export async function publicationByName(t: TestApp, name: string) {
  const [row] = await t.database.db.select().from(publications).where(eq(publications.name, name));
  if (!row) throw new Error(`no publication ${name}`);
  return row;
}

/** An extra account (e.g. an editor of the provincial office, which the demo city leaves empty). */
export async function makeUser(t: TestApp, username: string, orgCode: string, roles: Role[]) {
  const db = t.database.db;
  const org = await orgByCode(t, orgCode);
  const [user] = await db
    .insert(users)
    .values({ username, displayName: `测试${username}`, passwordHash: await hashPassword(DEMO_PASSWORD) })
    .returning();
  await db.insert(userUnits).values({ userId: user.id, orgId: org.id, isPrimary: true });
  await db.insert(userRoles).values(roles.map((role) => ({ userId: user.id, role })));
  return user;
}

async function userByUsername(t: TestApp, username: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.username, username));
  return row ?? null;
}

const SUBJECTS = [
  '预算绩效管理',
  '农村饮水安全巩固提升',
  '春季动物防疫',
  '公共文化服务体系建设',
  '信访积案化解',
  '森林防火',
  '国有资产清查',
  '小型水库除险加固',
  '城乡居民收支调查',
  '惠民资金专项检查',
  '非物质文化遗产保护',
  '规模养殖场粪污治理',
  '重点项目资金保障',
  '河道清淤疏浚',
  '村级组织运转经费',
];
const VERBS = ['扎实推进', '多措并举抓好', '全面启动', '稳步推进', '着力抓好', '高标准完成', '创新开展'];
const MEASURES = [
  '成立工作专班，明确责任分工，倒排工期、挂图作战',
  '组织业务骨干深入乡镇村组开展实地核查，逐项建立台账',
  '召开专题推进会议，对照任务清单逐项督办落实',
  '邀请专家开展业务培训，累计培训基层人员{n}人次',
  '建立周调度、月通报制度，及时研究解决存在的困难和问题',
  '统筹安排专项资金{n}万元，重点向偏远村组倾斜',
  '对发现的{n}个问题实行销号管理，目前已整改到位',
  '通过政务网站、微信公众号等渠道开展政策宣传，发放资料{n}份',
];
const RESULTS = [
  '截至目前，已覆盖全市{n}个行政村，群众满意度明显提升。',
  '下一步，将持续巩固工作成效，确保各项任务按期完成。',
  '此项工作已纳入年度目标责任考核，确保取得实效。',
  '全年计划完成投资{n}万元，目前已完成进度的{p}%。',
];

let serialHint = 0;

function pick<T>(list: readonly T[]): T {
  return list[randomInt(list.length)];
}

function fill(template: string): string {
  return template.replace('{n}', String(randomInt(12, 980))).replace('{p}', String(randomInt(30, 95)));
}

/** A plausible, well-formed item text (full-width punctuation, no placeholders), different each call. */
export function sampleText(unitName = '财政局'): { title: string; body: string } {
  serialHint += 1;
  const subject = pick(SUBJECTS);
  const title = `${unitName}${pick(VERBS)}${subject}工作`;
  const month = randomInt(1, 13);
  const day = randomInt(1, 29);
  const paragraphs = [
    `为切实做好${subject}工作，${month}月${day}日以来，${unitName}${fill(pick(MEASURES))}，${fill(pick(MEASURES))}。`,
    `一是${fill(pick(MEASURES))}。二是${fill(pick(MEASURES))}。三是围绕第${serialHint}批重点任务，${fill(pick(MEASURES))}。`,
    fill(pick(RESULTS)),
  ];
  return { title, body: paragraphs.join('\n') };
}

export type MakeItemOptions = {
  /** Code of the submitting unit (or, for an upward copy, the lower office). Default fy_czj. */
  unit?: string;
  /** Code of the receiving office. Default: the submitting unit's parent. */
  office?: string;
  /** Code of the origin unit. Default: the submitting unit. */
  origin?: string;
  status?: ItemStatus;
  title?: string;
  body?: string;
  categoryCode?: string;
  priority?: ItemPriority;
  secrecy?: SecrecyLevel;
  authorPhone?: string | null;
  /** Name of the target publication for accepted items. Default: the office's first one. */
  targetPublication?: string;
  forwardedFromId?: string;
  rootId?: string;
  keywords?: string[];
};

const DECIDED: readonly ItemStatus[] = ['accepted', 'in_issue', 'published', 'returned', 'rejected'];
const WITH_TARGET: readonly ItemStatus[] = ['accepted', 'in_issue', 'published'];

/** Inserts an item in the given state, with version 1 in item_versions and no timeline yet. */
export async function makeItem(t: TestApp, opts: MakeItemOptions = {}): Promise<ItemRow> {
  const db = t.database.db;
  const unit = await orgByCode(t, opts.unit ?? 'fy_czj');
  const officeId = opts.office ? (await orgByCode(t, opts.office)).id : unit.parentId;
  if (!officeId) throw new Error(`unit ${unit.code} has no office`);
  const originId = opts.origin ? (await orgByCode(t, opts.origin)).id : unit.id;
  const status = opts.status ?? 'draft';
  const author = await userByUsername(t, `${unit.code}_xxy`);
  const signer = await userByUsername(t, `${unit.code}_qf`);
  const text = sampleText(unit.shortName);
  const submitted = !['draft', 'pending_signoff'].includes(status);
  const now = new Date();
  let targetPublicationId: string | null = null;
  if (WITH_TARGET.includes(status)) {
    const [publication] = opts.targetPublication
      ? [await publicationByName(t, opts.targetPublication)]
      : await db
          .select()
          .from(publications)
          .where(eq(publications.officeId, officeId))
          .orderBy(asc(publications.sortOrder));
    targetPublicationId = publication?.id ?? null;
  }
  const title = opts.title ?? text.title;
  const body = opts.body ?? text.body;
  const [row] = await db
    .insert(items)
    .values({
      officeId,
      submittingUnitId: unit.id,
      originUnitId: originId,
      forwardedFromId: opts.forwardedFromId ?? null,
      rootId: opts.rootId ?? null,
      title,
      body,
      categoryCode: opts.categoryCode ?? 'dynamic',
      priority: opts.priority ?? 'normal',
      secrecy: opts.secrecy ?? 'public',
      keywords: opts.keywords ?? [],
      authorId: author?.id ?? null,
      authorName: author?.displayName ?? '测试信息员',
      authorPhone: opts.authorPhone === undefined ? '0358-7221234' : opts.authorPhone,
      signerId: submitted ? (signer?.id ?? null) : null,
      signerName: submitted ? (signer?.displayName ?? '审核签发人') : null,
      signedAt: submitted ? now : null,
      status,
      targetPublicationId,
      submittedAt: submitted ? now : null,
      decidedAt: DECIDED.includes(status) ? now : null,
    })
    .returning();
  await db.insert(itemVersions).values({
    itemId: row.id,
    versionNo: 1,
    title,
    body,
    editorId: author?.id ?? null,
    editorName: author?.displayName ?? '测试信息员',
    reason: '新建',
  });
  await indexItems(db, [row.id]);
  return row;
}

export async function itemRow(t: TestApp, id: string): Promise<ItemRow> {
  const [row] = await t.database.db.select().from(items).where(eq(items.id, id));
  if (!row) throw new Error(`no item ${id}`);
  return row;
}

export async function timeline(t: TestApp, id: string) {
  return t.database.db
    .select()
    .from(itemEvents)
    .where(eq(itemEvents.itemId, id))
    .orderBy(asc(itemEvents.at), asc(itemEvents.id));
}

export async function itemAudits(t: TestApp, id: string, action?: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(
      action
        ? and(eq(auditEvents.targetId, id), eq(auditEvents.action, action))
        : eq(auditEvents.targetId, id),
    )
    .orderBy(asc(auditEvents.id));
}

/**
 * Everything a refused request must leave as it was: the item row, and how many timeline
 * events, audit events and items exist (a refused forward or merge must not leave a copy).
 */
export async function snapshot(t: TestApp, id: string) {
  const db = t.database.db;
  const [events] = await db.select({ n: count() }).from(itemEvents).where(eq(itemEvents.itemId, id));
  const [audits] = await db.select({ n: count() }).from(auditEvents);
  const [allItems] = await db.select({ n: count() }).from(items);
  return { row: await itemRow(t, id), events: events.n, audits: audits.n, items: allItems.n };
}

/** Posts a workflow action with the item's current version unless the body says otherwise. */
export function act(
  s: Session,
  item: { id: string; version: number },
  action: string,
  body: Record<string, unknown> = {},
) {
  return s.request('POST', `/api/items/${item.id}/actions/${action}`, { version: item.version, ...body });
}

/**
 * Sends a request that must be refused with `status` (and `message`, when given) and checks
 * that it changed nothing: the row, its timeline, the audit log and the number of items.
 */
export async function expectRefused(
  t: TestApp,
  itemId: string,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  message?: string | RegExp,
) {
  const before = await snapshot(t, itemId);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  if (message !== undefined) {
    if (typeof message === 'string') expect(res.json().message).toBe(message);
    else expect(res.json().message).toMatch(message);
  }
  expect(await snapshot(t, itemId)).toEqual(before);
  return res;
}
