import { and, desc, eq, gte, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { dictionaryEntries, items, orgs } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { contentScope, scopeIncludes } from '../../lib/data-scope.ts';
import { badRequest } from '../../lib/errors.ts';
import { checkText } from '../../lib/text/check.ts';
import { type Finding, finding, sortFindings } from '../../lib/text/findings.ts';
import { addWords } from '../../lib/text/segment.ts';
import { type ItemVectors, itemSimilarity, itemVectors } from '../../lib/text/similarity.ts';

export type { Finding, RuleCode, Severity } from '../../lib/text/findings.ts';
export { QUALITY_RULES } from '../../lib/text/findings.ts';

/** Items submitted to the same office within this many days are compared for near-duplicates. */
export const DUPLICATE_WINDOW_DAYS = 90;
/** At or above this similarity two items are reported as near-duplicates. */
export const DUPLICATE_THRESHOLD = 0.6;
/** The most recent candidates compared; a county submits ~750 items in the window. */
export const DUPLICATE_CANDIDATE_CAP = 2000;
/** All a unit user is told about a near-duplicate from outside their scope. */
export const HIDDEN_DUPLICATE = '其他单位已有相似信息';
/** Near-duplicates reported per check (the most similar first). */
const DUPLICATES_SHOWN = 5;

export type QualityInput = {
  title: string;
  body: string;
  /** undefined: not checked; empty: missing (fatal). */
  authorPhone?: string | null;
  /** undefined: not checked; empty: missing (warning). */
  signerName?: string | null;
  /** The item being checked, if saved: it and its chain (转报 copies, 续报, 合报 sources) are not duplicates of it. */
  itemId?: string;
  /** The unit the item is (or will be) submitted by. */
  unitId: string;
  /** The office the item is (or will be) submitted to. */
  officeId: string;
  /** A new 续报 is not a duplicate of its first report (saved items carry the link themselves). */
  followUpOfId?: string | null;
  /**
   * Who sees the findings: a related item is named only if they may read it. Without a viewer
   * (the workflow's 提交签发/签发), only items of `unitId` itself are named.
   */
  viewer?: Actor;
};

/**
 * Runs every quality rule on an item's text: the compose form shows the result while writing,
 * the editor sees it on the item, and 提交签发 / 签发 refuse fatal findings (assertNoFatalFindings).
 */
export async function checkItemQuality(ctx: AppContext, db: Db, input: QualityInput): Promise<Finding[]> {
  const [words] = await Promise.all([sensitiveWords(db), ensureRegistryWords(db)]);
  const findings = checkText(input, words);
  const started = performance.now();
  findings.push(...(await nearDuplicateFindings(db, input)));
  ctx.log.debug({ ms: Math.round(performance.now() - started) }, 'near-duplicate scan');
  return sortFindings(findings);
}

/** Blocks a transition when any finding is fatal; the client shows details.findings next to the text. */
export function assertNoFatalFindings(findings: Finding[]): void {
  const fatal = findings.filter((f) => f.severity === 'fatal');
  if (fatal.length === 0) return;
  const more = fatal.length > 1 ? `（另有${fatal.length - 1}处必须修改的问题）` : '';
  throw badRequest(`未通过质量检查：${fatal[0].message}${more}`, { findings });
}

/** The active entries of the configurable sensitive-word list (dictionary 'sensitive_word'). */
async function sensitiveWords(db: Db): Promise<string[]> {
  const rows = await db
    .select({ label: dictionaryEntries.label })
    .from(dictionaryEntries)
    .where(and(eq(dictionaryEntries.dictionary, 'sensitive_word'), eq(dictionaryEntries.active, true)));
  return rows.map((r) => r.label);
}

let registryWords: Promise<void> | null = null;

/**
 * Teaches the segmenter every unit's full and short name, once per process (a renamed unit is
 * picked up on restart; `addWords` is there for anything that must be known sooner).
 */
export function ensureRegistryWords(db: Db): Promise<void> {
  registryWords ??= db
    .select({ name: orgs.name, shortName: orgs.shortName })
    .from(orgs)
    .then((rows) => {
      addWords(rows.flatMap((r) => [r.name, r.shortName]));
    })
    .catch((error: unknown) => {
      registryWords = null;
      throw error;
    });
  return registryWords;
}

/** Segmenting is the costly part of a comparison; vectors are kept per item row version. */
const vectorCache = new Map<string, { version: number; vectors: ItemVectors }>();
const VECTOR_CACHE_MAX = 20_000;

function remember(id: string, version: number, vectors: ItemVectors): void {
  vectorCache.delete(id);
  vectorCache.set(id, { version, vectors });
  if (vectorCache.size > VECTOR_CACHE_MAX) {
    const oldest = vectorCache.keys().next().value;
    if (oldest !== undefined) vectorCache.delete(oldest);
  }
}

/** The item itself and its relatives, which are meant to resemble it. */
async function chainExclusions(db: Db, input: QualityInput): Promise<SQL[]> {
  const conditions: SQL[] = [];
  let followRoot = input.followUpOfId ?? null;
  if (input.itemId) {
    const [self] = await db
      .select({ rootId: items.rootId, followUpOfId: items.followUpOfId, mergedIntoId: items.mergedIntoId })
      .from(items)
      .where(eq(items.id, input.itemId));
    const root = self?.rootId ?? input.itemId;
    followRoot = self?.followUpOfId ?? followRoot ?? input.itemId;
    conditions.push(
      ne(items.id, input.itemId),
      ne(items.id, root),
      or(isNull(items.rootId), ne(items.rootId, root)) as SQL,
      or(isNull(items.mergedIntoId), ne(items.mergedIntoId, input.itemId)) as SQL,
    );
    if (self?.mergedIntoId) conditions.push(ne(items.id, self.mergedIntoId));
  }
  if (followRoot) {
    conditions.push(
      ne(items.id, followRoot),
      or(isNull(items.followUpOfId), ne(items.followUpOfId, followRoot)) as SQL,
    );
  }
  return conditions;
}

/**
 * Recent items of the same office that say nearly the same thing. A cheap SQL prefilter (office,
 * last 90 days, not a draft, at most 2,000 rows) and an in-memory comparison of cached vectors.
 * Compared: what the office has received, plus the unit's own items still awaiting sign-off when
 * the viewer belongs to that unit. Named only when the viewer may read the related item.
 */
async function nearDuplicateFindings(db: Db, input: QualityInput): Promise<Finding[]> {
  if (!input.title.trim() && !input.body.trim()) return [];
  const mine = itemVectors(input.title, input.body);
  if (mine.full.size === 0) return [];

  const viewerInUnit = input.viewer ? input.viewer.units.some((u) => u.id === input.unitId) : true;
  const since = new Date(Date.now() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const recency = sql`coalesce(${items.submittedAt}, ${items.updatedAt})`;
  const candidates = await db
    .select({
      id: items.id,
      version: items.version,
      submittingUnitId: items.submittingUnitId,
      officeId: items.officeId,
      submittedAt: items.submittedAt,
    })
    .from(items)
    .where(
      and(
        eq(items.officeId, input.officeId),
        ne(items.status, 'draft'),
        viewerInUnit
          ? or(isNotNull(items.submittedAt), eq(items.submittingUnitId, input.unitId))
          : isNotNull(items.submittedAt),
        gte(recency, since),
        ...(await chainExclusions(db, input)),
      ),
    )
    .orderBy(desc(recency))
    .limit(DUPLICATE_CANDIDATE_CAP);

  const missing = candidates.filter((c) => vectorCache.get(c.id)?.version !== c.version).map((c) => c.id);
  for (let i = 0; i < missing.length; i += 500) {
    const texts = await db
      .select({ id: items.id, version: items.version, title: items.title, body: items.body })
      .from(items)
      .where(inArray(items.id, missing.slice(i, i + 500)));
    for (const t of texts) remember(t.id, t.version, itemVectors(t.title, t.body));
  }

  const similar = candidates
    .map((c) => {
      const cached = vectorCache.get(c.id);
      return { ...c, similarity: cached ? itemSimilarity(mine, cached.vectors) : 0 };
    })
    .filter((c) => c.similarity >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, DUPLICATES_SHOWN);
  if (similar.length === 0) return [];

  const readable = (c: (typeof similar)[number]) =>
    input.viewer
      ? scopeIncludes(contentScope(input.viewer), {
          unitId: c.submittingUnitId,
          officeId: c.submittedAt ? c.officeId : null,
        })
      : c.submittingUnitId === input.unitId;
  const named = similar.filter(readable);
  const hidden = similar.filter((c) => !readable(c));
  const found: Finding[] = [];

  if (named.length) {
    const details = await db
      .select({ id: items.id, title: items.title, unitName: orgs.name })
      .from(items)
      .innerJoin(orgs, eq(orgs.id, items.originUnitId))
      .where(
        inArray(
          items.id,
          named.map((c) => c.id),
        ),
      );
    for (const c of named) {
      const d = details.find((x) => x.id === c.id);
      if (!d) continue;
      const similarity = Math.round(c.similarity * 100) / 100;
      found.push(
        finding(
          'near_duplicate',
          `与${d.unitName}近期报送的《${d.title}》高度相似（相似度${Math.round(similarity * 100)}%），请确认是否重复报送`,
          { relatedItem: { id: d.id, title: d.title, unitName: d.unitName, similarity } },
        ),
      );
    }
  }
  if (hidden.length) {
    // Another unit's item: not its title, unit, date, id, nor how many or how similar.
    found.push(finding('near_duplicate', `${HIDDEN_DUPLICATE}，请确认是否重复报送`));
  }
  return found;
}
