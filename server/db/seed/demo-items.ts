/**
 * The demo year: a year of items consistent with the seed (汾阳's 2009 summary, replayed in the
 * last complete calendar year), so that counts, forwarding, adoptions and the county ranking can
 * be checked against the seed's own figures on first start — plus today's items, so the queues
 * are not empty. Loaded by `seedDemo(db, password, { items: true })` (xinbao serve, seed demo).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  type ItemPriority,
  itemEvents,
  items,
  itemVersions,
  orgs,
  publications,
  upperAdoptions,
  users,
} from '../schema/index.ts';
import {
  type Actor,
  type AdoptionRow,
  beijing,
  compose,
  DAY,
  demoYear,
  type EventRow,
  HOUR,
  type ItemRow,
  Life,
  later,
  MINUTE,
  officeBefore,
  officeDays,
  parts,
  polish,
  Rng,
  revise,
  type TextContext,
  type VersionRow,
  ymd,
} from './demo-items-kit.ts';
import {
  COUNTY_TOPICS,
  type ItemTopic,
  PLACES,
  type Places,
  REJECT_REASONS,
  RETURN_REASONS,
  SIGNER_RETURN_REASONS,
  UNIT_PARTNERS,
  UNIT_SUBJECTS,
  UNIT_TOPICS,
  UPPER_REJECT_REASONS,
  UPPER_RETURN_REASONS,
} from './item-templates.ts';

export { beijing, demoYear } from './demo-items-kit.ts';

/** What the seed's ten units submitted to 汾阳 in the year (the only units that reported). */
export const SEED_UNIT_ITEMS: Readonly<Record<string, number>> = {
  fy_czj: 137,
  fy_jsj: 22,
  fy_swj: 55,
  fy_dcd: 7,
  fy_whj: 45,
  fy_xmj: 61,
  fy_xfj: 1,
  fy_sbsq: 1,
  fy_lyj: 2,
  fy_thq: 5,
};
/** Items 汾阳 forwarded (转报) to 吕梁 in the year. */
export const SEED_FORWARDED = 238;
/** Upper adoptions of 汾阳's items up to the third quarter, per publication (DEMO_PUBLICATIONS). */
export const SEED_ADOPTIONS = [
  { publication: '吕梁政务信息●普刊', count: 23 },
  { publication: '晋政信息●普刊', count: 9 },
  { publication: '晋政信息●互联网', count: 8 },
] as const;

type CountySeed = {
  code: 'xy' | 'ls' | 'jc' | 'ws';
  /** Items the county office sent 吕梁 in the year. */
  items: number;
  /** Adoptions in the order of SEED_ADOPTIONS; at 1, 4 and 2 points each (吕梁's rule set, demo-assessment.ts): 110, 86, 50, 40. */
  adoptions: readonly [number, number, number];
  scope: string;
  author: string;
  phone: string;
  signer: string;
};

/** 吕梁's other counties (not on this installation): 孝义 and 离石 ahead of 汾阳 (75), 交城 and 文水 behind. */
export const COUNTY_SEEDS: readonly CountySeed[] = [
  {
    code: 'xy',
    items: 240,
    adoptions: [30, 14, 12],
    scope: '全市',
    author: '韩晓峰',
    phone: '0358-7621345',
    signer: '冯建军',
  },
  {
    code: 'ls',
    items: 200,
    adoptions: [26, 11, 8],
    scope: '全区',
    author: '白雪梅',
    phone: '0358-8221567',
    signer: '贺志远',
  },
  {
    code: 'jc',
    items: 140,
    adoptions: [18, 5, 6],
    scope: '全县',
    author: '武丽娜',
    phone: '0358-3521983',
    signer: '阎国强',
  },
  {
    code: 'ws',
    items: 110,
    adoptions: [16, 4, 4],
    scope: '全县',
    author: '郝文斌',
    phone: '0358-3025716',
    signer: '任海平',
  },
];

const FY_PUBLICATION = '汾阳政务信息';
const LL_PUBLICATION = '吕梁政务信息●普刊';
const ADOPTION_NOTES: Record<string, string> = {
  [LL_PUBLICATION]: '离线登记：据本级刊物编发记录',
  '晋政信息●普刊': '离线登记：据省政府办公厅采用通报',
  '晋政信息●互联网': '离线登记：据省政府办公厅采用通报',
};

type Org = { id: string; name: string };

export type DemoRefs = {
  org(code: string): Org;
  user(username: string): { id: string; name: string; phone: string | null };
  publication(name: string): string;
};

export type DemoPlan = {
  year: number;
  items: ItemRow[];
  events: EventRow[];
  versions: VersionRow[];
  adoptions: AdoptionRow[];
};

/** What every planning step shares: the generator, the look-ups, the people and the growing plan. */
type Planner = {
  rng: Rng;
  refs: DemoRefs;
  year: number;
  lives: Life[];
  adoptions: AdoptionRow[];
  fy: Org;
  ll: Org;
  /** The day the demo is loaded: nothing is planned after it. */
  now: Date;
  person(username: string, unitName: string): Actor;
};

/**
 * A stretch of 汾阳's reporting: the office days its units write on, how many items each unit
 * writes, how many 汾阳 forwards, and when upper adoptions may fall.
 */
type Span = {
  days: readonly Date[];
  perUnit: Readonly<Record<string, number>>;
  forwarded: number;
  /** Items written from this instant on go straight through (no returns), so the span's business closes. */
  straightFrom: Date;
  /** Upper adoptions of 汾阳's items: how many per publication (SEED_ADOPTIONS order), of items sent before `adoptBefore`. */
  adoptions: readonly number[];
  adoptBefore: Date;
  /** No adoption is dated after this day. */
  lastAdoption: Date;
};

/** An item on an upper office's desk: who sent it there and when. */
type Sent = { life: Life; at: Date; editor: Actor };
/** An item 汾阳 forwarded, with the id its 吕梁 copy will have. */
type Forwarded = Sent & { copyId: string };

/**
 * Plans every row of the demo items. Pure and deterministic: the same refs, year and day give
 * the same plan, ids included.
 */
export function planDemoItems(refs: DemoRefs, now: Date = new Date()): DemoPlan {
  const year = demoYear(now);
  const p: Planner = {
    rng: new Rng(0x2009_0336 ^ year),
    refs,
    year,
    lives: [],
    adoptions: [],
    fy: refs.org('fy'),
    ll: refs.org('ll'),
    now,
    person(username, unitName) {
      const u = refs.user(username);
      return { id: u.id, name: u.name, unitName };
    },
  };
  planSpan(p, {
    days: officeDays(year, 12, 5),
    perUnit: SEED_UNIT_ITEMS,
    forwarded: SEED_FORWARDED,
    straightFrom: beijing(year, 12, 1),
    adoptions: SEED_ADOPTIONS.map((a) => a.count),
    adoptBefore: beijing(year, 9, 12),
    lastAdoption: beijing(year, 9, 30, 12),
  });
  for (const county of COUNTY_SEEDS)
    planCounty(p, county, {
      days: officeDays(year, 12, 10),
      items: county.items,
      adoptions: county.adoptions,
      adoptBefore: beijing(year, 9, 7),
      lastAdoption: beijing(year, 9, 30, 12),
    });
  // This year up to today, on its own generator so the demo year is the same whatever the day.
  planYearToDate({ ...p, rng: new Rng(0x2009_0337 ^ (year + 1)), year: year + 1 });
  planCurrentItems(p, now);

  const plan: DemoPlan = { year, items: [], events: [], versions: [], adoptions: p.adoptions };
  for (const life of p.lives) {
    life.recordAdoptions();
    plan.items.push(life.done());
    plan.events.push(...life.events);
    plan.versions.push(...life.versions);
  }
  // Serials follow creation: the oldest item gets the smallest number.
  plan.items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return plan;
}

/** 汾阳's reporting over a span, the copies of its forwarded items at 吕梁 and their upper adoptions. */
function planSpan(p: Planner, span: Span): void {
  const forwarded = planFenyangYear(p, span);
  const adopted = planAdoptions(
    p,
    forwarded.filter((f) => f.at.getTime() < span.adoptBefore.getTime()),
    span.adoptions,
    (f) => f.editor,
    () => null,
    span.lastAdoption,
  );
  planUpperCopies(p, forwarded, adopted);
}

/** The current year's work is planned up to this many days before today; then come the current items. */
const YEAR_TO_DATE_GAP_DAYS = 10;

/** Where the current items begin: after the year-to-date (on the first days of January, at New Year). */
export function currentItemsSince(now: Date): Date {
  const newYear = beijing(parts(now).y, 1, 1);
  return new Date(Math.max(newYear.getTime(), now.getTime() - YEAR_TO_DATE_GAP_DAYS * DAY));
}

/**
 * The current year up to ten days ago, at the demo year's pace: 汾阳's units report, 汾阳
 * forwards and upper offices adopt, 吕梁's other counties report too — so in December the
 * queues, issues and rankings of this year are as full as the calendar says (empty on the
 * first days of January). The last days belong to the current items (CURRENT).
 */
function planYearToDate(p: Planner): void {
  const end = currentItemsSince(p.now);
  const full = officeDays(p.year, 12, 5);
  const days = full.filter((d) => d.getTime() + DAY <= end.getTime());
  if (days.length === 0) return;
  const share = days.length / full.length;
  const scale = (n: number) => Math.round(n * share);
  const perUnit = Object.fromEntries(Object.entries(SEED_UNIT_ITEMS).map(([code, n]) => [code, scale(n)]));
  const written = Object.values(perUnit).reduce((a, b) => a + b, 0);
  // An adoption comes one to four weeks after an item goes up and is registered within a week
  // (a weekend more at most), so the last ones are registered before today.
  const lastAdoption = new Date(end.getTime() - 3 * DAY);
  const adoptBefore = new Date(end.getTime() - 31 * DAY);
  planSpan(p, {
    days,
    perUnit,
    forwarded: Math.min(written, scale(SEED_FORWARDED)),
    straightFrom: new Date(end.getTime() - 30 * DAY),
    adoptions: SEED_ADOPTIONS.map((a) => scale(a.count)),
    adoptBefore,
    lastAdoption,
  });
  for (const county of COUNTY_SEEDS)
    planCounty(p, county, {
      days,
      items: scale(county.items),
      adoptions: county.adoptions.map(scale),
      adoptBefore,
      lastAdoption,
    });
}

/** Largest-remainder split of `total` in proportion to `weights`. */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  let left = total - out.reduce((a, b) => a + b, 0);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

/** `n` working-hour instants on random office days, oldest first. */
function workdays(rng: Rng, days: readonly Date[], n: number): Date[] {
  return Array.from({ length: n }, () => rng.pick(days))
    .map((d) => new Date(d.getTime() + rng.int(520, 990) * MINUTE))
    .sort((a, b) => a.getTime() - b.getTime());
}

function topicFor(rng: Rng, topics: readonly ItemTopic[], month: number): ItemTopic {
  const usable = topics.filter((t) => !t.explicitOnly && !t.perYear);
  const inSeason = usable.filter((t) => !t.months || t.months.includes(month));
  return rng.weighted(inSeason.length > 0 ? inSeason : usable);
}

/** The items given to topics that come a fixed number of times a year (in their months, when there are such days). */
function fixedTopics(rng: Rng, topics: readonly ItemTopic[], dates: readonly Date[]): Map<number, ItemTopic> {
  const fixed = new Map<number, ItemTopic>();
  for (const topic of topics) {
    if (!topic.perYear) continue;
    const free = dates
      .map((d, i) => ({ i, m: parts(d).m }))
      .filter(({ i, m }) => !fixed.has(i) && (!topic.months || topic.months.includes(m)));
    for (const { i } of rng.shuffle(free).slice(0, topic.perYear)) fixed.set(i, topic);
  }
  return fixed;
}

type Start = {
  office: Org;
  submitter: Org;
  author: Actor;
  authorPhone: string | null;
  topic: ItemTopic;
  priority: ItemPriority;
  createdAt: Date;
  eventAt: Date | null;
  text: Omit<TextContext, 'at' | 'eventAt'>;
};

/** A new item written by its author: version 1 and the 'created' event. */
function startItem(p: Planner, s: Start): Life {
  const life = new Life(
    {
      id: p.rng.uuid(),
      officeId: s.office.id,
      submittingUnitId: s.submitter.id,
      originUnitId: s.submitter.id,
      title: '',
      body: '',
      categoryCode: s.topic.category,
      priority: s.priority,
      secrecy: 'public',
      keywords: [...s.topic.keywords],
      authorId: s.author.id,
      authorName: s.author.name,
      authorPhone: s.authorPhone,
      eventAt: s.eventAt,
      createdAt: s.createdAt,
    },
    compose(p.rng, s.topic, { ...s.text, at: s.createdAt, eventAt: s.eventAt }),
  );
  p.lives.push(life);
  life.create(s.author);
  return life;
}

/** The seed's text context for 汾阳's units. */
const fenyangText = (code: string, unitName: string) => ({
  unit: UNIT_SUBJECTS[code] ?? unitName,
  county: '汾阳市',
  scope: '全市',
  places: PLACES.fy as Places,
  partners: UNIT_PARTNERS[code] ?? UNIT_PARTNERS.default ?? [],
});

/** The unit's signer signs it off and it lands in the office's inbox. */
function sign(life: Life, rng: Rng, signer: Actor): void {
  life.step(later(rng, life.t, 20, 540), signer, 'sign', 'submitted', { data: { signerName: signer.name } });
  Object.assign(life.row, {
    signerId: signer.id,
    signerName: signer.name,
    signedAt: life.t,
    submittedAt: life.t,
    decidedAt: null,
  });
}

function accept(life: Life, at: Date, editor: Actor, publicationId: string, publicationName: string): void {
  life.step(at, editor, 'accept', 'accepted', { data: { publicationId, publicationName } });
  Object.assign(life.row, { decidedAt: at, targetPublicationId: publicationId });
}

/**
 * 汾阳's year: the seed's units write, sign and submit their items; 汾阳's editors return some
 * (most come back revised), reject some, accept the rest and forward 238 of them to 吕梁.
 */
function planFenyangYear(p: Planner, span: Span): Forwarded[] {
  const { rng, fy, ll } = p;
  const fyPublication = p.refs.publication(FY_PUBLICATION);
  const zhang = p.person('editor', fy.name);
  const liu = p.person('editor2', fy.name);
  const codes = Object.keys(span.perUnit);
  const quotas = apportion(
    codes.map((c) => span.perUnit[c] ?? 0),
    span.forwarded,
  );
  const days = span.days;
  const forwarded: Forwarded[] = [];
  codes.forEach((code, ci) => {
    const unit = p.refs.org(code);
    const reporter = p.person(`${code}_xxy`, unit.name);
    const signer = p.person(`${code}_qf`, unit.name);
    const dates = workdays(rng, days, span.perUnit[code] ?? 0);
    const forwardSet = new Set(rng.shuffle(dates.map((_, i) => i)).slice(0, quotas[ci]));
    const topics = UNIT_TOPICS[code] ?? [];
    const fixed = fixedTopics(rng, topics, dates);
    dates.forEach((createdAt, i) => {
      const topic = fixed.get(i) ?? topicFor(rng, topics, parts(createdAt).m);
      const urgent = topic.priority === 'urgent';
      const life = startItem(p, {
        office: fy,
        submitter: unit,
        author: reporter,
        authorPhone: p.refs.user(`${code}_xxy`).phone,
        topic,
        priority: topic.priority ?? 'normal',
        createdAt,
        eventAt: urgent ? new Date(createdAt.getTime() - rng.int(40, 150) * MINUTE) : null,
        text: fenyangText(code, unit.name),
      });
      const editor = rng.chance(0.6) ? zhang : liu;
      const outcome = forwardSet.has(i)
        ? 'forwarded'
        : rng.weighted([
            { o: 'accepted', weight: 4 },
            { o: 'rejected', weight: 4 },
            { o: 'returned', weight: 2 },
          ]).o;
      // The span's last items go straight through, so its business closes within it.
      const roomForDetours = createdAt.getTime() < span.straightFrom.getTime();

      life.step(later(rng, life.t, 10, 150), reporter, 'submit_for_signoff', 'pending_signoff');
      const signerFix = roomForDetours && rng.chance(0.04) ? revise(life.text) : null;
      if (signerFix) {
        life.step(later(rng, life.t, 30, 300), signer, 'signer_return', 'draft', {
          reason: rng.pick(SIGNER_RETURN_REASONS),
        });
        life.edit(later(rng, life.t, 30, 600), reporter, '按签发人意见修改', signerFix);
        life.step(later(rng, life.t, 5, 30), reporter, 'submit_for_signoff', 'pending_signoff');
      }
      sign(life, rng, signer);

      if (outcome === 'returned' || outcome === 'rejected') {
        const returned = outcome === 'returned';
        life.step(later(rng, life.t, 60, 1500), editor, returned ? 'return' : 'reject', outcome, {
          reason: rng.pick(returned ? RETURN_REASONS : REJECT_REASONS),
        });
        life.row.decidedAt = life.t;
        return;
      }
      const editorFix = roomForDetours && rng.chance(0.1) ? revise(life.text) : null;
      if (editorFix) {
        life.step(later(rng, life.t, 60, 900), editor, 'return', 'returned', {
          reason: rng.pick(RETURN_REASONS),
        });
        life.row.decidedAt = life.t;
        life.edit(later(rng, life.t, 120, 2400), reporter, '根据退回意见修改', editorFix);
        life.step(later(rng, life.t, 5, 30), reporter, 'submit_for_signoff', 'pending_signoff');
        sign(life, rng, signer);
      }
      const upward = outcome === 'forwarded';
      const polished = rng.chance(upward ? 0.75 : 0.4) ? polish(life.text, upward) : null;
      if (polished) life.edit(later(rng, life.t, 30, 480), editor, '编辑修改', polished);
      accept(life, later(rng, life.t, 30, 960), editor, fyPublication, FY_PUBLICATION);
      if (!upward) return;
      const copyId = rng.uuid();
      life.step(later(rng, life.t, 20, 1200), editor, 'forward', null, {
        data: { toItemId: copyId, toOfficeName: ll.name },
      });
      life.row.forwardedToId = copyId;
      forwarded.push({ life, at: life.t, editor, copyId });
    });
  });
  return forwarded;
}

function adoptionKind(rng: Rng, publication: string): string {
  const kinds =
    publication === LL_PUBLICATION
      ? [
          { k: '全文采用', weight: 7 },
          { k: '摘要采用', weight: 2 },
          { k: '综合采用', weight: 1 },
        ]
      : publication === '晋政信息●普刊'
        ? [
            { k: '综合采用', weight: 5 },
            { k: '摘要采用', weight: 3 },
            { k: '全文采用', weight: 2 },
          ]
        : [
            { k: '全文采用', weight: 8 },
            { k: '摘要采用', weight: 2 },
          ];
  return rng.weighted(kinds).k;
}

/** 吕梁 numbers its issues about twice a week, the province's 普刊 about three times; the web edition has none. */
function issueLabel(publication: string, adoptedOn: Date): string | null {
  const p = parts(adoptedOn);
  const dayOfYear = Math.floor((adoptedOn.getTime() - beijing(p.y, 1, 1).getTime()) / DAY) + 1;
  if (publication === LL_PUBLICATION) return `${p.y}年第${Math.ceil(dayOfYear / 3.5)}期`;
  if (publication === '晋政信息●普刊') return `${p.y}年第${Math.ceil(dayOfYear / 2.4)}期`;
  return null;
}

/**
 * Upper adoptions of `candidates` (in the order of SEED_ADOPTIONS: 吕梁, 晋政普刊, 晋政互联网),
 * each 6–28 days after the item went up and no later than `lastDay` (in the demo year 30
 * September, so the figures hold "截至第三季度"). The province also takes some of what 吕梁 printed. Returns each adopted item's
 * first adoption day (its upper office must have accepted it before).
 */
function planAdoptions(
  p: Planner,
  candidates: readonly Sent[],
  counts: readonly number[],
  recorder: (s: Sent) => Actor,
  note: (publication: string) => string | null,
  lastDay: Date,
): Map<Life, Date> {
  const { rng } = p;
  const list = rng.shuffle(candidates);
  // Early in a year there may be fewer candidates than the year's pace asks for.
  const room = Math.floor(list.length / 3);
  const [l = 0, s = 0, w = 0] = counts.map((n) => Math.min(n, room));
  const sOverlap = Math.min(Math.floor(s / 2), l);
  const wOverlap = Math.min(Math.floor(w / 2), l - sOverlap);
  const rest = list.slice(l);
  if (list.length < l + s - sOverlap + w - wOverlap) throw new Error('演示数据：可登记采用的信息不足');
  const picks = [
    list.slice(0, l),
    [...list.slice(0, sOverlap), ...rest.slice(0, s - sOverlap)],
    [...list.slice(sOverlap, sOverlap + wOverlap), ...rest.slice(s - sOverlap, s - sOverlap + w - wOverlap)],
  ];
  const first = new Map<Life, Date>();
  SEED_ADOPTIONS.forEach(({ publication }, pi) => {
    for (const sent of picks[pi] ?? []) {
      const drawn = new Date(sent.at.getTime() + rng.int(6, 28) * DAY);
      const adoptedOn = drawn.getTime() > lastDay.getTime() ? lastDay : drawn;
      const earlier = first.get(sent.life);
      if (!earlier || adoptedOn < earlier) first.set(sent.life, adoptedOn);
      const by = recorder(sent);
      const id = rng.uuid();
      const facts = {
        adoptionKind: adoptionKind(rng, publication),
        adoptedOn: ymd(adoptedOn),
        issueLabel: issueLabel(publication, adoptedOn),
      };
      const recordedAt = later(rng, new Date(adoptedOn.getTime() + rng.int(1, 6) * DAY), 0, 240);
      p.adoptions.push({
        id,
        itemId: sent.life.row.id,
        publicationId: p.refs.publication(publication),
        ...facts,
        note: note(publication),
        recordedBy: by.id,
        recordedByName: by.name,
        recordedAt,
      });
      sent.life.pendingAdoptions.push({
        at: recordedAt,
        actor: by,
        data: { adoptionId: id, publicationName: publication, ...facts },
      });
    }
  });
  return first;
}

/**
 * 吕梁's decision on an item on its desk: accepted (before any adoption of it), or — for most
 * of what was never adopted — rejected.
 */
function decideAtLuliang(p: Planner, life: Life, adoptedOn: Date | undefined, deciders: readonly Actor[]) {
  const { rng } = p;
  const decider = rng.pick(deciders);
  let at = later(rng, life.t, 60, 2400);
  if (adoptedOn && at.getTime() > adoptedOn.getTime() - 2 * HOUR)
    at = new Date(Math.max(life.t.getTime() + MINUTE, adoptedOn.getTime() - 2 * HOUR));
  if (adoptedOn || rng.chance(0.35)) {
    accept(life, at, decider, p.refs.publication(LL_PUBLICATION), LL_PUBLICATION);
    return;
  }
  life.step(at, decider, 'reject', 'rejected', { reason: rng.pick(UPPER_REJECT_REASONS) });
  life.row.decidedAt = at;
}

function luliangDeciders(p: Planner): Actor[] {
  const editor = p.person('ll_editor', p.ll.name);
  return [editor, editor, p.person('ll_chief', p.ll.name)];
}

/**
 * The copies of 汾阳's forwarded items at 吕梁 (as the forward command makes them): 吕梁 accepts
 * what was adopted and decides the rest; a few come back to 汾阳 for revision first.
 */
function planUpperCopies(p: Planner, forwarded: readonly Forwarded[], adopted: Map<Life, Date>): void {
  const { rng, fy, ll } = p;
  const deciders = luliangDeciders(p);
  for (const f of forwarded) {
    const lower = f.life.row;
    const copy = new Life(
      {
        id: f.copyId,
        officeId: ll.id,
        submittingUnitId: fy.id,
        originUnitId: lower.originUnitId,
        rootId: lower.id,
        forwardedFromId: lower.id,
        title: '',
        body: '',
        categoryCode: lower.categoryCode,
        priority: lower.priority,
        secrecy: lower.secrecy,
        keywords: lower.keywords,
        authorId: lower.authorId,
        authorName: lower.authorName,
        authorPhone: lower.authorPhone,
        signerId: f.editor.id,
        signerName: f.editor.name,
        signedAt: f.at,
        submittedAt: f.at,
        eventAt: lower.eventAt,
        createdAt: f.at,
      },
      f.life.text,
    );
    p.lives.push(copy);
    copy.save(f.at, f.editor, '转报', f.life.text);
    copy.step(f.at, f.editor, 'forwarded_in', 'submitted', {
      data: { fromItemId: lower.id, fromOfficeName: fy.name },
    });
    const adoptedOn = adopted.get(f.life);
    const fix = !adoptedOn && rng.chance(0.03) ? revise(copy.text) : null;
    if (fix) {
      copy.step(later(rng, copy.t, 120, 1500), rng.pick(deciders), 'return', 'returned', {
        reason: rng.pick(UPPER_RETURN_REASONS),
      });
      copy.row.decidedAt = copy.t;
      copy.edit(later(rng, copy.t, 60, 900), f.editor, '根据吕梁市政府办意见修改', fix);
      copy.step(later(rng, copy.t, 5, 60), f.editor, 'resubmit', 'submitted');
      Object.assign(copy.row, { submittedAt: copy.t, decidedAt: null });
    }
    decideAtLuliang(p, copy, adoptedOn, deciders);
  }
}

/**
 * One of 吕梁's other counties: not on this installation, so its items sit at 吕梁 as submitted
 * by the county office itself, and 吕梁's editor registers their upper adoptions offline.
 */
type CountySpan = {
  days: readonly Date[];
  items: number;
  adoptions: readonly number[];
  adoptBefore: Date;
  lastAdoption: Date;
};

function planCounty(p: Planner, c: CountySeed, span: CountySpan): void {
  const { rng } = p;
  const office = p.refs.org(c.code);
  const author: Actor = { id: null, name: c.author, unitName: office.name };
  const signer: Actor = { id: null, name: c.signer, unitName: office.name };
  const sent: Sent[] = [];
  for (const createdAt of workdays(rng, span.days, span.items)) {
    const topic = topicFor(rng, COUNTY_TOPICS, parts(createdAt).m);
    const life = startItem(p, {
      office: p.ll,
      submitter: office,
      author,
      authorPhone: c.phone,
      topic,
      priority: topic.priority && rng.chance(0.5) ? topic.priority : 'normal',
      createdAt,
      eventAt: null,
      text: {
        unit: office.name,
        county: office.name.replace('人民政府办公室', ''),
        scope: c.scope,
        places: PLACES[c.code] as Places,
        partners: UNIT_PARTNERS.default ?? [],
      },
    });
    life.step(later(rng, life.t, 10, 120), author, 'submit_for_signoff', 'pending_signoff');
    life.step(later(rng, life.t, 20, 480), signer, 'sign', 'submitted', {
      data: { signerName: signer.name },
    });
    Object.assign(life.row, { signerName: signer.name, signedAt: life.t, submittedAt: life.t });
    sent.push({ life, at: life.t, editor: author });
  }
  const llEditor = p.person('ll_editor', p.ll.name);
  const adopted = planAdoptions(
    p,
    sent.filter((s) => s.at.getTime() < span.adoptBefore.getTime()),
    span.adoptions,
    () => llEditor,
    (publication) => ADOPTION_NOTES[publication] ?? '离线登记',
    span.lastAdoption,
  );
  const deciders = luliangDeciders(p);
  for (const s of sent) decideAtLuliang(p, s.life, adopted.get(s.life), deciders);
}

// ---------------------------------------------------------------- this month

type CurrentState = 'draft' | 'draft_edited' | 'signer_returned' | 'pending' | 'submitted' | 'returned';
type CurrentSpec = {
  unit: string;
  /** Candidate topics: the first in season is written. */
  topics: readonly string[];
  state: CurrentState;
  /** Office hours since it was written (an emergency: clock hours, with the event before it). */
  hoursAgo: number;
  eventHoursAgo?: number;
  priority?: ItemPriority;
};

/** What is on the desks today: drafts, sign-offs, 汾阳's inbox (one urgent, one 送阅件), one return. */
const CURRENT: readonly CurrentSpec[] = [
  { unit: 'fy_czj', topics: ['spending', 'revenue'], state: 'draft', hoursAgo: 14 },
  { unit: 'fy_czj', topics: ['one_matter', 'village_accounts'], state: 'draft_edited', hoursAgo: 20 },
  { unit: 'fy_czj', topics: ['procurement', 'treasury'], state: 'signer_returned', hoursAgo: 24 },
  { unit: 'fy_czj', topics: ['budget_prep', 'performance'], state: 'pending', hoursAgo: 6 },
  { unit: 'fy_czj', topics: ['inspection'], state: 'pending', hoursAgo: 2 },
  { unit: 'fy_swj', topics: ['pipe_burst'], state: 'submitted', hoursAgo: 2.6, eventHoursAgo: 3 },
  { unit: 'fy_dcd', topics: ['cpi'], state: 'submitted', hoursAgo: 4, priority: 'for_reading' },
  { unit: 'fy_czj', topics: ['revenue'], state: 'submitted', hoursAgo: 9 },
  { unit: 'fy_czj', topics: ['farm_subsidy', 'treasury'], state: 'submitted', hoursAgo: 22 },
  { unit: 'fy_whj', topics: ['culture_to_villages', 'village_libraries'], state: 'submitted', hoursAgo: 3 },
  {
    unit: 'fy_xmj',
    topics: ['autumn_immunization', 'spring_immunization', 'scale_farming'],
    state: 'submitted',
    hoursAgo: 30,
  },
  { unit: 'fy_lyj', topics: ['fire_prevention', 'afforestation', 'pests'], state: 'submitted', hoursAgo: 16 },
  { unit: 'fy_thq', topics: ['heating', 'community_service'], state: 'submitted', hoursAgo: 6 },
  { unit: 'fy_swj', topics: ['drinking_water'], state: 'returned', hoursAgo: 40 },
];

/**
 * The current items, dated back from `now` in office hours (an emergency in clock hours). On the
 * first days of a year, when that would reach into the demo year, they are squeezed into the
 * hours since New Year instead.
 */
function planCurrentItems(p: Planner, now: Date): void {
  const { rng, fy } = p;
  const editor = p.person('editor', fy.name);
  const yearStart = beijing(parts(now).y, 1, 1).getTime();
  const longest = Math.max(...CURRENT.map((c) => c.eventHoursAgo ?? c.hoursAgo));
  const squeeze = officeBefore(now, longest * 60).getTime() <= yearStart;
  const scale = Math.min(1, (now.getTime() - yearStart) / (longest * 1.05 * HOUR));
  const ago = (hours: number, clock: boolean) =>
    squeeze
      ? new Date(now.getTime() - hours * HOUR * scale)
      : clock
        ? new Date(now.getTime() - hours * HOUR)
        : officeBefore(now, Math.round(hours * 60));
  for (const spec of CURRENT) {
    const clock = spec.eventHoursAgo !== undefined;
    const unit = p.refs.org(spec.unit);
    const reporter = p.person(`${spec.unit}_xxy`, unit.name);
    const signer = p.person(`${spec.unit}_qf`, unit.name);
    const createdAt = ago(spec.hoursAgo, clock);
    const month = parts(createdAt).m;
    const topics = UNIT_TOPICS[spec.unit] ?? [];
    const candidates = spec.topics
      .map((key) => topics.find((t) => t.key === key))
      .filter((t): t is ItemTopic => t !== undefined);
    const topic =
      candidates.find((t) => !t.months || t.months.includes(month)) ??
      candidates.find((t) => !t.months) ??
      topicFor(rng, topics, month);
    const life = startItem(p, {
      office: fy,
      submitter: unit,
      author: reporter,
      authorPhone: p.refs.user(`${spec.unit}_xxy`).phone,
      topic,
      priority: spec.priority ?? topic.priority ?? 'normal',
      createdAt,
      eventAt: spec.eventHoursAgo ? ago(spec.eventHoursAgo, true) : null,
      text: fenyangText(spec.unit, unit.name),
    });
    // Each step a share of the way from writing it to now, on the same clock.
    const at = (fraction: number) => ago(spec.hoursAgo * (1 - fraction), clock);
    if (spec.state === 'draft') continue;
    if (spec.state === 'draft_edited') {
      const fixed = revise(life.text);
      if (fixed) life.edit(at(0.9), reporter, '修改', fixed);
      continue;
    }
    life.step(at(0.1), reporter, 'submit_for_signoff', 'pending_signoff');
    if (spec.state === 'pending') continue;
    if (spec.state === 'signer_returned') {
      life.step(at(0.4), signer, 'signer_return', 'draft', { reason: SIGNER_RETURN_REASONS[0] });
      continue;
    }
    life.step(at(0.25), signer, 'sign', 'submitted', { data: { signerName: signer.name } });
    Object.assign(life.row, {
      signerId: signer.id,
      signerName: signer.name,
      signedAt: life.t,
      submittedAt: life.t,
    });
    if (spec.state === 'returned') {
      life.step(at(0.7), editor, 'return', 'returned', { reason: RETURN_REASONS[0] });
      life.row.decidedAt = life.t;
    }
  }
}

// ---------------------------------------------------------------- database

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Looks up the demo city's offices, units, accounts and publications by code and name. */
async function loadRefs(tx: Db): Promise<DemoRefs> {
  const orgRows = await tx.select({ id: orgs.id, code: orgs.code, name: orgs.name }).from(orgs);
  const userRows = await tx
    .select({ id: users.id, username: users.username, name: users.displayName, phone: users.phone })
    .from(users);
  const pubRows = await tx.select({ id: publications.id, name: publications.name }).from(publications);
  const need = <T>(map: Map<string, T>, key: string, what: string): T => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`演示数据缺少${what}：${key}`);
    return v;
  };
  const orgMap = new Map(orgRows.map((o) => [o.code ?? '', { id: o.id, name: o.name }]));
  const userMap = new Map(userRows.map((u) => [u.username, { id: u.id, name: u.name, phone: u.phone }]));
  const pubMap = new Map(pubRows.map((p) => [p.name, p.id]));
  return {
    org: (code) => need(orgMap, code, '单位'),
    user: (username) => need(userMap, username, '账号'),
    publication: (name) => need(pubMap, name, '刊物'),
  };
}

export type DemoItemsSummary = {
  year: number;
  items: number;
  events: number;
  versions: number;
  adoptions: number;
};

/**
 * Loads the demo year and today's items into the demo city, in the caller's transaction, with
 * multi-row inserts (a few hundred rows each) so the whole demo seed stays fast on PGlite.
 */
export async function seedDemoItems(tx: Db, now: Date = new Date()): Promise<DemoItemsSummary> {
  const plan = planDemoItems(await loadRefs(tx), now);
  // Copies come after their originals; the originals' forwardedToId is set once both exist.
  for (const chunk of chunks(plan.items, 250))
    await tx.insert(items).values(chunk.map((r) => ({ ...r, forwardedToId: null })));
  await tx.execute(
    sql`UPDATE items AS lo SET forwarded_to_id = up.id FROM items AS up WHERE up.forwarded_from_id = lo.id`,
  );
  for (const chunk of chunks(plan.versions, 500)) await tx.insert(itemVersions).values(chunk);
  for (const chunk of chunks(plan.events, 1000)) await tx.insert(itemEvents).values(chunk);
  for (const chunk of chunks(plan.adoptions, 500)) await tx.insert(upperAdoptions).values(chunk);
  return {
    year: plan.year,
    items: plan.items.length,
    events: plan.events.length,
    versions: plan.versions.length,
    adoptions: plan.adoptions.length,
  };
}
