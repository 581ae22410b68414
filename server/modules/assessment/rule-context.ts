import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dictionaryEntries, publications } from '../../db/schema/index.ts';
import { chinaDate } from '../../lib/clock.ts';
import { explainRules } from './engine/explain.ts';
import type { DayRange } from './engine/periods.ts';
import { type Rules, rulesSchema } from './engine/rules.ts';
import { type RuleContext, validateRules } from './engine/validate.ts';
import type { Registry } from './facts/registry.ts';

/** What an office's rule set may name: its and its upper offices' publications, the dictionaries, its members. */
export async function ruleContext(
  db: Db,
  registry: Registry,
  officeId: string,
): Promise<RuleContext & { labels: Map<string, string>; publicationNames: Map<string, string> }> {
  const offices = [officeId, ...registry.ancestors(officeId)];
  const pubs = await db
    .select({ id: publications.id, name: publications.name, active: publications.active })
    .from(publications)
    .where(inArray(publications.officeId, offices));
  const dict = await db
    .select({
      dictionary: dictionaryEntries.dictionary,
      code: dictionaryEntries.code,
      label: dictionaryEntries.label,
    })
    .from(dictionaryEntries);
  const codes = (name: string) => new Set(dict.filter((d) => d.dictionary === name).map((d) => d.code));
  const members = registry.members(officeId);
  return {
    publications: new Map(pubs.map((p) => [p.id, { name: p.name, active: p.active }])),
    publicationNames: new Map(pubs.map((p) => [p.id, p.name])),
    unitGroups: codes('assessment_group'),
    unitCategories: codes('unit_category'),
    itemCategories: codes('item_category'),
    unitIds: new Set(members.map((m) => m.id)),
    members,
    adopterOffices: new Map(offices.map((id) => [id, registry.name(id)])),
    labels: new Map(dict.map((d) => [`${d.dictionary}:${d.code}`, d.label])),
  };
}

export type CheckedRules =
  | { ok: true; rules: Rules; problems: string[]; explanation: string[] }
  | { ok: false; problems: string[]; explanation: [] };

/** Parses and checks rules: the schema's messages, then the registry's; and says them in Chinese. */
export async function checkRules(
  db: Db,
  registry: Registry,
  officeId: string,
  raw: unknown,
  period: DayRange,
  now: Date,
): Promise<CheckedRules> {
  const parsed = rulesSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        i.path.length ? `${pathLabel(i.path)}：${i.message}` : i.message,
      ),
      explanation: [],
    };
  }
  const ctx = await ruleContext(db, registry, officeId);
  const problems = validateRules(parsed.data, period, chinaDate(now), ctx);
  const dictionaryOf = {
    unit_group: 'assessment_group',
    unit_category: 'unit_category',
    item_category: 'item_category',
  };
  const explanation = explainRules(parsed.data, {
    publicationName: (id) => ctx.publicationNames.get(id) ?? '（未知刊物）',
    officeName: (id) => ctx.adopterOffices.get(id) ?? '（未知机关）',
    label: (d, code) => ctx.labels.get(`${dictionaryOf[d]}:${code}`) ?? code,
  });
  return { ok: true, rules: parsed.data, problems, explanation };
}

const SECTION_NAMES: Record<string, string> = {
  groups: '排名分组',
  adoption: '采用计分',
  rows: '规则',
  multipliers: '倍数',
  joint: '合报分配',
  submission: '报送计分',
  forwarding: '报送上级',
  instructions: '批示加分',
  commissions: '约稿',
  penalties: '扣分',
  quotas: '任务',
  zeroOut: '清零',
  floor: '最低分',
  cap: '最高分',
};

export function pathLabel(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `第${p + 1}条` : (SECTION_NAMES[String(p)] ?? String(p))))
    .join(' › ');
}
