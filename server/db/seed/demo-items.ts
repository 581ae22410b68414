import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  type ItemPriority,
  type ItemStatus,
  itemEvents,
  items,
  itemVersions,
  orgs,
  publications,
  upperAdoptions,
  users,
} from '../schema/index.ts';
import {
  COUNTY_TOPICS,
  type ItemTopic,
  PLACES,
  type Places,
  REJECT_REASONS,
  RETURN_REASONS,
  SIGNER_RETURN_REASONS,
  UNIT_SUBJECTS,
  UNIT_TOPICS,
  UPPER_REJECT_REASONS,
  UPPER_RETURN_REASONS,
} from './item-templates.ts';

/**
 * The demo year: a year of items consistent with the seed (汾阳's 2009 summary, replayed in the
 * last complete calendar year), so that counts, forwarding, adoptions and the county ranking
 * can be checked against the seed's own figures on first start.
 */

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
  /** Adoptions in the order of SEED_ADOPTIONS; with 1, 4 and 2 points: 110, 86, 50, 40. */
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
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

/** The last complete calendar year before `now`, in Beijing time (2026-11-25 → 2025). */
export function demoYear(now: Date = new Date()): number {
  return new Date(now.getTime() + BEIJING).getUTCFullYear() - 1;
}

/** An instant given in Beijing wall-clock time. */
export function beijing(y: number, m: number, d: number, h = 0, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min) - BEIJING);
}

function parts(t: Date) {
  const b = new Date(t.getTime() + BEIJING);
  const dow = b.getUTCDay();
  return {
    y: b.getUTCFullYear(),
    m: b.getUTCMonth() + 1,
    d: b.getUTCDate(),
    h: b.getUTCHours(),
    min: b.getUTCMinutes(),
    weekday: dow >= 1 && dow <= 5,
  };
}

/** A small seeded generator (mulberry32): the same seed gives the same demo year everywhere. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  weighted<T extends { weight?: number }>(list: readonly T[]): T {
    const total = list.reduce((s, x) => s + (x.weight ?? 1), 0);
    let r = this.next() * total;
    for (const x of list) {
      r -= x.weight ?? 1;
      if (r < 0) return x;
    }
    return list[list.length - 1] as T;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** Moves an instant into office hours (Mon–Fri 8:30–17:50, Beijing), to the next morning if needed. */
function officeHours(rng: Rng, t: Date): Date {
  const p = parts(t);
  const minutes = p.h * 60 + p.min;
  if (p.weekday && minutes >= 510 && minutes <= 1070) return t;
  let day = beijing(p.y, p.m, p.d);
  if (!(p.weekday && minutes < 510)) day = new Date(day.getTime() + DAY);
  while (!parts(day).weekday) day = new Date(day.getTime() + DAY);
  return new Date(day.getTime() + 510 * MINUTE + rng.int(0, 50) * MINUTE);
}

/** Some minutes later, in office hours. */
function later(rng: Rng, t: Date, lo: number, hi: number): Date {
  return officeHours(rng, new Date(t.getTime() + rng.int(lo, hi) * MINUTE));
}

// ---------------------------------------------------------------- texts

type Text = {
  title: string;
  opening: string;
  details: string[];
  /** Positions of the details in the topic (a revision inserts the spare in order). */
  order: number[];
  closing: string | null;
  spare: { text: string; at: number } | null;
  numbered: boolean;
};

type TextContext = {
  unit: string;
  county: string;
  scope: string;
  places: Places;
  at: Date;
  eventAt: Date | null;
};

const ORDINALS = ['一是', '二是', '三是', '四是', '五是'];

function paragraphs(t: Text): string[] {
  const details = t.details.map((d, i) => (t.numbered ? `${ORDINALS[i]}${d}` : d));
  return [t.opening, ...details, ...(t.closing ? [t.closing] : [])];
}

/** The body as stored: paragraphs separated by "\n". */
function bodyOf(t: Text): string {
  return paragraphs(t).join('\n');
}

function slotFiller(rng: Rng, ctx: TextContext) {
  const memo = new Map<string, string>();
  const p = parts(ctx.at);
  // In January the figures reported are last year's: 1—12月.
  const mp = p.m > 1 ? p.m - 1 : 12;
  const named: Record<string, () => string> = {
    unit: () => ctx.unit,
    county: () => ctx.county,
    scope: () => ctx.scope,
    town: () => rng.pick(ctx.places.towns),
    town2: () => rng.pick(ctx.places.towns.filter((t) => t !== value('town'))),
    village: () => rng.pick(ctx.places.villages),
    community: () => rng.pick(ctx.places.communities),
    y: () => String(p.y),
    ny: () => String(p.y + 1),
    m: () => String(p.m),
    mp: () => String(mp),
    span: () => (mp === 1 ? '1月' : `1—${mp}月`),
    date: () => `${p.m}月${rng.int(Math.max(1, p.d - 6), p.d)}日`,
    prog: () => String(Math.min(99, Math.max(6, Math.round((mp / 12) * 100) + rng.int(-2, 6)))),
    eventTime: () => {
      const e = parts(ctx.eventAt ?? ctx.at);
      return `${e.m}月${e.d}日${e.h}时${e.min === 0 ? '' : `${e.min}分`}许`;
    },
  };
  function value(name: string, lo?: string, hi?: string): string {
    const known = memo.get(name);
    if (known !== undefined) return known;
    let v: string;
    if (lo !== undefined && hi !== undefined) {
      const a = Number(lo);
      const b = Number(hi);
      if (name.startsWith('q')) {
        const share = ((a + rng.next() * (b - a)) * mp) / 12;
        v = share >= 100 ? String(Math.round(share)) : share.toFixed(1);
      } else v = name.startsWith('d') ? (a + rng.next() * (b - a)).toFixed(1) : String(rng.int(a, b));
    } else {
      const make = named[name];
      if (!make) throw new Error(`未知的模板占位：${name}`);
      v = make();
    }
    memo.set(name, v);
    return v;
  }
  return (template: string) =>
    template.replace(/\{(\w+)(?::(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?))?\}/g, (_, name: string, lo, hi) =>
      value(name, lo, hi),
    );
}

/** Writes one item from a topic: opening, one to three measures in order, maybe a closing. */
function compose(rng: Rng, topic: ItemTopic, ctx: TextContext): Text {
  const fill = slotFiller(rng, ctx);
  const title = fill(rng.pick(topic.titles));
  const opening = fill(rng.pick(topic.openings));
  const max = Math.min(3, topic.details.length);
  const k = max === 1 ? 1 : rng.chance(0.25) ? max - 1 : max;
  const order = rng
    .shuffle(topic.details.map((_, i) => i))
    .slice(0, k)
    .sort((a, b) => a - b);
  const details = order.map((i) => fill(topic.details[i] as string));
  const rest = topic.details.map((_, i) => i).filter((i) => !order.includes(i));
  const spareAt = rest.length > 0 ? rng.pick(rest) : null;
  const closing = topic.closings.length > 0 && rng.chance(0.8) ? fill(rng.pick(topic.closings)) : null;
  return {
    title,
    opening,
    details,
    order,
    closing,
    spare: spareAt === null ? null : { text: fill(topic.details[spareAt] as string), at: spareAt },
    numbered: topic.numbered !== false,
  };
}

/** The reporter's revision after a return: one more measure, in its place. Null when there is none. */
function revise(t: Text): Text | null {
  if (!t.spare || paragraphs(t).length >= 5) return null;
  const spare = t.spare;
  const pos = t.order.filter((i) => i < spare.at).length;
  const details = [...t.details];
  const order = [...t.order];
  details.splice(pos, 0, spare.text);
  order.splice(pos, 0, spare.at);
  return { ...t, details, order, spare: null };
}

/** The county editor's polish: names 汾阳 for readers upstairs, trims the closing of long items. */
function polish(t: Text, upward: boolean): Text | null {
  let title = t.title;
  let opening = t.opening;
  if (upward) {
    if (title.startsWith('市') || title.startsWith('太和桥'))
      title = `汾阳${title.startsWith('市') ? '' : '市'}${title}`;
    else if (title.startsWith('全市')) title = `汾阳市${title.slice(2)}`;
    title = title.replace('我市', '汾阳市');
    opening = opening.replace(/我市/g, '汾阳市');
  }
  const closing = t.closing && paragraphs(t).length >= 4 ? null : t.closing;
  const next = { ...t, title, opening, closing };
  return bodyOf(next) === bodyOf(t) && next.title === t.title ? null : next;
}

// ---------------------------------------------------------------- rows

type ItemRow = typeof items.$inferInsert & { id: string; createdAt: Date };
type EventRow = typeof itemEvents.$inferInsert;
type VersionRow = typeof itemVersions.$inferInsert;
type AdoptionRow = typeof upperAdoptions.$inferInsert;

type Actor = { id: string | null; name: string; unitName: string };

/** One item's life: each step appends a timeline event; text saves append versions. */
class Life {
  readonly events: EventRow[] = [];
  readonly versions: VersionRow[] = [];
  /** Upper adoptions to put on the timeline once the item's own steps are done. */
  readonly pendingAdoptions: { at: Date; actor: Actor; data: Record<string, unknown> }[] = [];
  status: ItemStatus | null = null;
  t: Date;
  constructor(
    readonly row: ItemRow,
    public text: Text,
  ) {
    this.t = row.createdAt;
  }
  step(
    at: Date,
    actor: Actor,
    action: string,
    to: ItemStatus | null,
    extra: { reason?: string; data?: unknown } = {},
  ) {
    if (at.getTime() < this.t.getTime()) throw new Error('演示数据时间线倒序');
    this.t = at;
    this.events.push({
      itemId: this.row.id,
      at,
      actorId: actor.id,
      actorName: actor.name,
      actorUnitName: actor.unitName,
      action,
      fromStatus: this.status,
      toStatus: to,
      reason: extra.reason ?? null,
      data: extra.data ?? null,
    });
    if (to) this.status = to;
  }
  save(at: Date, actor: Actor, reason: string, text: Text) {
    this.text = text;
    this.versions.push({
      itemId: this.row.id,
      versionNo: this.versions.length + 1,
      title: text.title,
      body: bodyOf(text),
      editorId: actor.id,
      editorName: actor.name,
      reason,
      createdAt: at,
    });
  }
  /** A text change after creation: a version plus an 'edited' event, as the edit command writes them. */
  edit(at: Date, actor: Actor, reason: string, text: Text) {
    const fields = text.title === this.text.title ? ['body'] : ['title', 'body'];
    this.save(at, actor, reason, text);
    this.step(at, actor, 'edited', null, { reason, data: { fields, versionNo: this.versions.length } });
  }
  create(actor: Actor) {
    this.save(this.row.createdAt, actor, '新建', this.text);
    this.step(this.row.createdAt, actor, 'created', 'draft');
  }
  done(): ItemRow {
    const row = this.row;
    row.status = this.status ?? 'draft';
    row.title = this.text.title;
    row.body = bodyOf(this.text);
    row.currentVersion = this.versions.length;
    row.version = this.events.length;
    row.updatedAt = this.t;
    return row;
  }
}

export type DemoRefs = {
  org(code: string): { id: string; name: string };
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

/** Largest-remainder split of `total` in proportion to `weights`. */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let r = total - out.reduce((a, b) => a + b, 0), k = 0; r > 0; r--, k++)
    out[order[k]?.[1] as number]! += 1;
  return out;
}

/** Office days of the year on which items are written (no New Year, May Day or National Day week). */
function officeDays(year: number, lastMonth: number, lastDay: number): Date[] {
  const days: Date[] = [];
  for (let t = beijing(year, 1, 2); t.getTime() < beijing(year, lastMonth, lastDay + 1).getTime(); ) {
    const p = parts(t);
    const holiday = (p.m === 5 && p.d <= 5) || (p.m === 10 && p.d <= 7);
    if (p.weekday && !holiday) days.push(t);
    t = new Date(t.getTime() + DAY);
  }
  return days;
}

function topicFor(rng: Rng, topics: readonly ItemTopic[], month: number): ItemTopic {
  const usable = topics.filter((t) => !t.explicitOnly);
  const inSeason = usable.filter((t) => !t.months || t.months.includes(month));
  return rng.weighted(inSeason.length > 0 ? inSeason : usable);
}

function newRow(
  rng: Rng,
  fields: Omit<ItemRow, 'id' | 'title' | 'body' | 'status'> & { createdAt: Date; id?: string },
): ItemRow {
  return { id: rng.uuid(), title: '', body: '', status: 'draft', ...fields };
}

function issueLabel(publication: string, adoptedOn: Date): string | null {
  const p = parts(adoptedOn);
  const dayOfYear = Math.floor((adoptedOn.getTime() - beijing(p.y, 1, 1).getTime()) / DAY) + 1;
  if (publication === LL_PUBLICATION) return `${p.y}年第${Math.ceil(dayOfYear / 3.5)}期`;
  if (publication === '晋政信息●普刊') return `${p.y}年第${Math.ceil(dayOfYear / 2.4)}期`;
  return null;
}

const ymd = (t: Date) => {
  const p = parts(t);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
};

/**
 * Plans every row of the demo items (pure and deterministic: the same refs, year and day give
 * the same plan, ids included).
 */
export function planDemoItems(refs: DemoRefs, now: Date = new Date()): DemoPlan {
  const year = demoYear(now);
  const rng = new Rng(0x2009_0336 ^ year);
  const plan: DemoPlan = { year, items: [], events: [], versions: [], adoptions: [] };
  const lives: Life[] = [];

  const fy = refs.org('fy');
  const ll = refs.org('ll');
  const fyPublication = refs.publication(FY_PUBLICATION);
  const llPublication = refs.publication(LL_PUBLICATION);
  const person = (username: string, unitName: string): Actor => {
    const u = refs.user(username);
    return { id: u.id, name: u.name, unitName };
  };
  const fyEditors = [person('editor', fy.name), person('editor2', fy.name)];
  const llEditor = person('ll_editor', ll.name);
  const llDeciders = [llEditor, llEditor, person('ll_chief', ll.name)];

  // 汾阳: the seed's units, each item through sign-off into the office's inbox and decided there.
  /** An item that reached an office above 汾阳's units: who sent it and when. */
  type Sent = { life: Life; at: Date; editor: Actor };
  type Forwarded = Sent & { copyId: string };
  const forwarded: Forwarded[] = [];
  const codes = Object.keys(SEED_UNIT_ITEMS);
  const quotas = apportion(
    codes.map((c) => SEED_UNIT_ITEMS[c] as number),
    SEED_FORWARDED,
  );
  const days = officeDays(year, 12, 5);
  codes.forEach((code, ci) => {
    const unit = refs.org(code);
    const reporter = person(`${code}_xxy`, unit.name);
    const signer = person(`${code}_qf`, unit.name);
    const phone = refs.user(`${code}_xxy`).phone;
    const n = SEED_UNIT_ITEMS[code] as number;
    const dates = Array.from({ length: n }, () => rng.pick(days))
      .map((d) => new Date(d.getTime() + rng.int(520, 990) * MINUTE))
      .sort((a, b) => a.getTime() - b.getTime());
    const forwardSet = new Set(rng.shuffle(dates.map((_, i) => i)).slice(0, quotas[ci]));
    dates.forEach((createdAt, i) => {
      const topic = topicFor(rng, UNIT_TOPICS[code] ?? [], parts(createdAt).m);
      const eventAt =
        topic.priority === 'urgent' ? new Date(createdAt.getTime() - rng.int(40, 150) * MINUTE) : null;
      const text = compose(rng, topic, {
        unit: UNIT_SUBJECTS[code] ?? unit.name,
        county: '汾阳市',
        scope: '全市',
        places: PLACES.fy as Places,
        at: createdAt,
        eventAt,
      });
      const priority: ItemPriority =
        topic.priority === 'urgent'
          ? 'urgent'
          : topic.priority && rng.chance(0.6)
            ? topic.priority
            : 'normal';
      const life = new Life(
        newRow(rng, {
          officeId: fy.id,
          submittingUnitId: unit.id,
          originUnitId: unit.id,
          categoryCode: topic.category,
          priority,
          secrecy: 'public',
          keywords: [...topic.keywords],
          authorId: reporter.id,
          authorName: reporter.name,
          authorPhone: phone,
          eventAt,
          createdAt,
        }),
        text,
      );
      lives.push(life);
      const editor = rng.chance(0.6) ? (fyEditors[0] as Actor) : (fyEditors[1] as Actor);
      const outcome = forwardSet.has(i)
        ? 'forwarded'
        : rng.weighted([
            { o: 'accepted', weight: 4 },
            { o: 'rejected', weight: 4 },
            { o: 'returned', weight: 2 },
          ]).o;
      const late = parts(createdAt).m === 12;

      life.create(reporter);
      life.step(later(rng, life.t, 10, 150), reporter, 'submit_for_signoff', 'pending_signoff');
      if (!late && rng.chance(0.04)) {
        const fixed = revise(life.text);
        if (fixed) {
          life.step(later(rng, life.t, 30, 300), signer, 'signer_return', 'draft', {
            reason: rng.pick(SIGNER_RETURN_REASONS),
          });
          life.edit(later(rng, life.t, 30, 600), reporter, '按签发人意见修改', fixed);
          life.step(later(rng, life.t, 5, 30), reporter, 'submit_for_signoff', 'pending_signoff');
        }
      }
      const sign = () => {
        life.step(later(rng, life.t, 20, 540), signer, 'sign', 'submitted', {
          data: { signerName: signer.name },
        });
        Object.assign(life.row, {
          signerId: signer.id,
          signerName: signer.name,
          signedAt: life.t,
          submittedAt: life.t,
          decidedAt: null,
        });
      };
      sign();
      if (outcome !== 'returned' && outcome !== 'rejected' && !late && rng.chance(0.1)) {
        const fixed = revise(life.text);
        if (fixed) {
          life.step(later(rng, life.t, 60, 900), editor, 'return', 'returned', {
            reason: rng.pick(RETURN_REASONS),
          });
          life.row.decidedAt = life.t;
          life.edit(later(rng, life.t, 120, 2400), reporter, '根据退回意见修改', fixed);
          life.step(later(rng, life.t, 5, 30), reporter, 'submit_for_signoff', 'pending_signoff');
          sign();
        }
      }
      if (outcome === 'returned' || outcome === 'rejected') {
        const returned = outcome === 'returned';
        life.step(later(rng, life.t, 60, 1500), editor, returned ? 'return' : 'reject', outcome, {
          reason: rng.pick(returned ? RETURN_REASONS : REJECT_REASONS),
        });
        life.row.decidedAt = life.t;
        return;
      }
      const upward = outcome === 'forwarded';
      const polished = rng.chance(upward ? 0.75 : 0.4) ? polish(life.text, upward) : null;
      if (polished) life.edit(later(rng, life.t, 30, 480), editor, '编辑修改', polished);
      life.step(later(rng, life.t, 30, 960), editor, 'accept', 'accepted', {
        data: { publicationId: fyPublication, publicationName: FY_PUBLICATION },
      });
      Object.assign(life.row, { decidedAt: life.t, targetPublicationId: fyPublication });
      if (!upward) return;
      const copyId = rng.uuid();
      life.step(later(rng, life.t, 20, 1200), editor, 'forward', null, {
        data: { toItemId: copyId, toOfficeName: ll.name },
      });
      forwarded.push({ life, at: life.t, editor, copyId });
    });
  });

  // Upper adoptions of 汾阳's forwarded items, all within the first three quarters.
  const q3End = beijing(year, 9, 30, 12);
  const eligible = rng.shuffle(forwarded.filter((f) => f.at.getTime() < beijing(year, 9, 12).getTime()));
  const adopted = new Map<Life, Date>();
  const recordAdoptions = (
    picks: readonly (readonly Sent[])[],
    actorFor: (f: Sent) => Actor,
    note: (publication: string) => string | null,
    allocate: (f: Sent) => Date,
  ) => {
    SEED_ADOPTIONS.forEach(({ publication }, pi) => {
      for (const f of picks[pi] ?? []) {
        const adoptedOn = allocate(f);
        const recorder = actorFor(f);
        const recordedAt = later(rng, new Date(adoptedOn.getTime() + rng.int(1, 6) * DAY), 0, 240);
        const first = adopted.get(f.life);
        if (!first || adoptedOn < first) adopted.set(f.life, adoptedOn);
        const kind =
          publication === LL_PUBLICATION
            ? rng.weighted([
                { k: '全文采用', weight: 7 },
                { k: '摘要采用', weight: 2 },
                { k: '综合采用', weight: 1 },
              ]).k
            : publication === '晋政信息●普刊'
              ? rng.weighted([
                  { k: '综合采用', weight: 5 },
                  { k: '摘要采用', weight: 3 },
                  { k: '全文采用', weight: 2 },
                ]).k
              : rng.weighted([
                  { k: '全文采用', weight: 8 },
                  { k: '摘要采用', weight: 2 },
                ]).k;
        const id = rng.uuid();
        plan.adoptions.push({
          id,
          itemId: f.life.row.id,
          publicationId: refs.publication(publication),
          adoptionKind: kind,
          adoptedOn: ymd(adoptedOn),
          issueLabel: issueLabel(publication, adoptedOn),
          note: note(publication),
          recordedBy: recorder.id,
          recordedByName: recorder.name,
          recordedAt,
        });
        f.life.pendingAdoptions.push({
          at: recordedAt,
          actor: recorder,
          data: {
            adoptionId: id,
            publicationName: publication,
            adoptionKind: kind,
            adoptedOn: ymd(adoptedOn),
            issueLabel: issueLabel(publication, adoptedOn),
          },
        });
      }
    });
  };
  const pickSets = (list: readonly Sent[], counts: readonly number[]) => {
    const [l = 0, p = 0, i = 0] = counts;
    const pOverlap = Math.min(Math.floor(p / 2), l);
    const iOverlap = Math.min(Math.floor(i / 2), Math.max(0, l - pOverlap));
    const rest = list.slice(l);
    const needed = l + (p - pOverlap) + (i - iOverlap);
    if (list.length < needed) throw new Error('演示数据：可登记采用的信息不足');
    return [
      list.slice(0, l),
      [...list.slice(0, pOverlap), ...rest.slice(0, p - pOverlap)],
      [
        ...list.slice(pOverlap, pOverlap + iOverlap),
        ...rest.slice(p - pOverlap, p - pOverlap + i - iOverlap),
      ],
    ];
  };
  const adoptionDate = (f: Sent) => {
    const at = new Date(f.at.getTime() + rng.int(6, 28) * DAY);
    return at.getTime() > q3End.getTime() ? q3End : at;
  };
  recordAdoptions(
    pickSets(
      eligible,
      SEED_ADOPTIONS.map((a) => a.count),
    ),
    (f) => f.editor,
    () => null,
    adoptionDate,
  );

  // The forwarded copies at 吕梁: 吕梁's editors accept what was adopted and decide the rest.
  for (const f of forwarded) {
    const lower = f.life;
    const copy = new Life(
      newRow(rng, {
        id: f.copyId,
        officeId: ll.id,
        submittingUnitId: fy.id,
        originUnitId: lower.row.originUnitId,
        rootId: lower.row.id,
        forwardedFromId: lower.row.id,
        categoryCode: lower.row.categoryCode,
        priority: lower.row.priority,
        secrecy: 'public',
        keywords: lower.row.keywords,
        authorId: lower.row.authorId,
        authorName: lower.row.authorName,
        authorPhone: lower.row.authorPhone,
        signerId: f.editor.id,
        signerName: f.editor.name,
        signedAt: f.at,
        submittedAt: f.at,
        eventAt: lower.row.eventAt,
        createdAt: f.at,
      }),
      lower.text,
    );
    lives.push(copy);
    lower.row.forwardedToId = copy.row.id;
    copy.save(f.at, f.editor, '转报', lower.text);
    copy.step(f.at, f.editor, 'forwarded_in', 'submitted', {
      data: { fromItemId: lower.row.id, fromOfficeName: fy.name },
    });
    const decider = rng.pick(llDeciders);
    const adoptedOn = adopted.get(lower);
    if (rng.chance(0.03) && !adoptedOn) {
      const fixed = revise(copy.text);
      if (fixed) {
        copy.step(later(rng, copy.t, 120, 1500), decider, 'return', 'returned', {
          reason: rng.pick(UPPER_RETURN_REASONS),
        });
        copy.row.decidedAt = copy.t;
        copy.edit(later(rng, copy.t, 60, 900), f.editor, '根据吕梁市政府办意见修改', fixed);
        copy.step(later(rng, copy.t, 5, 60), f.editor, 'resubmit', 'submitted');
        Object.assign(copy.row, { submittedAt: copy.t, decidedAt: null });
      }
    }
    let at = later(rng, copy.t, 60, 2400);
    if (adoptedOn && at.getTime() > adoptedOn.getTime() - 2 * HOUR)
      at = new Date(Math.max(copy.t.getTime() + MINUTE, adoptedOn.getTime() - 2 * HOUR));
    if (adoptedOn || rng.chance(0.35)) {
      copy.step(at, decider, 'accept', 'accepted', {
        data: { publicationId: llPublication, publicationName: LL_PUBLICATION },
      });
      Object.assign(copy.row, { decidedAt: at, targetPublicationId: llPublication });
    } else {
      copy.step(at, decider, 'reject', 'rejected', { reason: rng.pick(UPPER_REJECT_REASONS) });
      copy.row.decidedAt = at;
    }
  }

  // 吕梁's other counties: their own items at 吕梁 and the adoptions 吕梁's editor registered offline.
  const countyDays = officeDays(year, 12, 10);
  for (const c of COUNTY_SEEDS) {
    const office = refs.org(c.code);
    const author: Actor = { id: null, name: c.author, unitName: office.name };
    const signer: Actor = { id: null, name: c.signer, unitName: office.name };
    const dates = Array.from({ length: c.items }, () => rng.pick(countyDays))
      .map((d) => new Date(d.getTime() + rng.int(520, 990) * MINUTE))
      .sort((a, b) => a.getTime() - b.getTime());
    const sent: Sent[] = [];
    for (const createdAt of dates) {
      const topic = topicFor(rng, COUNTY_TOPICS, parts(createdAt).m);
      const text = compose(rng, topic, {
        unit: office.name,
        county: office.name.replace('人民政府办公室', ''),
        scope: c.scope,
        places: PLACES[c.code] as Places,
        at: createdAt,
        eventAt: null,
      });
      const life = new Life(
        newRow(rng, {
          officeId: ll.id,
          submittingUnitId: office.id,
          originUnitId: office.id,
          categoryCode: topic.category,
          priority: topic.priority && rng.chance(0.5) ? topic.priority : 'normal',
          secrecy: 'public',
          keywords: [...topic.keywords],
          authorName: author.name,
          authorPhone: c.phone,
          createdAt,
        }),
        text,
      );
      lives.push(life);
      life.create(author);
      life.step(later(rng, life.t, 10, 120), author, 'submit_for_signoff', 'pending_signoff');
      life.step(later(rng, life.t, 20, 480), signer, 'sign', 'submitted', {
        data: { signerName: signer.name },
      });
      Object.assign(life.row, { signerName: signer.name, signedAt: life.t, submittedAt: life.t });
      sent.push({ life, at: life.t, editor: llEditor });
    }
    const early = rng.shuffle(sent.filter((f) => f.at.getTime() < beijing(year, 9, 5).getTime()));
    recordAdoptions(
      pickSets(early, c.adoptions),
      () => llEditor,
      (publication) =>
        publication === LL_PUBLICATION ? '离线登记：据本级刊物编发记录' : '离线登记：据省政府办公厅采用通报',
      (f) => adoptionDate({ ...f, at: new Date(f.at.getTime() + 2 * DAY) }),
    );
    for (const f of sent) {
      const life = f.life;
      const adoptedOn = adopted.get(life);
      const decider = rng.pick(llDeciders);
      let at = later(rng, life.t, 60, 2400);
      if (adoptedOn && at.getTime() > adoptedOn.getTime() - 2 * HOUR)
        at = new Date(Math.max(life.t.getTime() + MINUTE, adoptedOn.getTime() - 2 * HOUR));
      if (adoptedOn || rng.chance(0.35)) {
        life.step(at, decider, 'accept', 'accepted', {
          data: { publicationId: llPublication, publicationName: LL_PUBLICATION },
        });
        Object.assign(life.row, { decidedAt: at, targetPublicationId: llPublication });
      } else {
        life.step(at, decider, 'reject', 'rejected', { reason: rng.pick(UPPER_REJECT_REASONS) });
        life.row.decidedAt = at;
      }
    }
  }

  for (const life of lives) {
    for (const a of life.pendingAdoptions.sort((x, y) => x.at.getTime() - y.at.getTime())) {
      life.step(a.at, a.actor, 'record_adoption', null, { data: a.data });
    }
  }

  planCurrentItems(rng, refs, now, lives);

  for (const life of lives) {
    plan.items.push(life.done());
    plan.events.push(...life.events);
    plan.versions.push(...life.versions);
  }
  plan.items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return plan;
}

// ---------------------------------------------------------------- this month

type CurrentState = 'draft' | 'draft_edited' | 'signer_returned' | 'pending' | 'submitted' | 'returned';
type CurrentSpec = {
  unit: string;
  /** Candidate topics: the first in season is written. */
  topics: readonly string[];
  state: CurrentState;
  hoursAgo: number;
  eventHoursAgo?: number;
  priority?: ItemPriority;
};

/** What is on the desks today: drafts, sign-offs, 汾阳's inbox (one urgent, one 送阅件), one return. */
const CURRENT: readonly CurrentSpec[] = [
  { unit: 'fy_czj', topics: ['spending', 'revenue'], state: 'draft', hoursAgo: 26 },
  { unit: 'fy_czj', topics: ['one_matter', 'village_accounts'], state: 'draft_edited', hoursAgo: 50 },
  { unit: 'fy_czj', topics: ['procurement', 'treasury'], state: 'signer_returned', hoursAgo: 70 },
  { unit: 'fy_czj', topics: ['budget_prep', 'performance'], state: 'pending', hoursAgo: 20 },
  { unit: 'fy_czj', topics: ['inspection'], state: 'pending', hoursAgo: 6 },
  { unit: 'fy_swj', topics: ['pipe_burst'], state: 'submitted', hoursAgo: 2.6, eventHoursAgo: 3 },
  { unit: 'fy_dcd', topics: ['cpi'], state: 'submitted', hoursAgo: 21, priority: 'for_reading' },
  { unit: 'fy_czj', topics: ['revenue'], state: 'submitted', hoursAgo: 30 },
  { unit: 'fy_czj', topics: ['farm_subsidy', 'treasury'], state: 'submitted', hoursAgo: 77 },
  { unit: 'fy_whj', topics: ['culture_to_villages', 'village_libraries'], state: 'submitted', hoursAgo: 6 },
  {
    unit: 'fy_xmj',
    topics: ['autumn_immunization', 'spring_immunization', 'scale_farming'],
    state: 'submitted',
    hoursAgo: 100,
  },
  { unit: 'fy_lyj', topics: ['fire_prevention', 'afforestation', 'pests'], state: 'submitted', hoursAgo: 46 },
  { unit: 'fy_thq', topics: ['heating', 'community_service'], state: 'submitted', hoursAgo: 10 },
  { unit: 'fy_swj', topics: ['drinking_water'], state: 'returned', hoursAgo: 96 },
];

/** The current items, dated back from `now` (squeezed into the current year on New Year's Day). */
function planCurrentItems(rng: Rng, refs: DemoRefs, now: Date, lives: Life[]): void {
  const fy = refs.org('fy');
  const editor: Actor = { ...refs.user('editor'), unitName: fy.name };
  const room = now.getTime() - beijing(parts(now).y, 1, 1).getTime();
  const longest = Math.max(...CURRENT.map((c) => c.eventHoursAgo ?? c.hoursAgo)) * HOUR;
  const scale = Math.min(1, room / (longest * 1.05));
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR * scale);
  for (const spec of CURRENT) {
    const unit = refs.org(spec.unit);
    const reporterUser = refs.user(`${spec.unit}_xxy`);
    const reporter: Actor = { id: reporterUser.id, name: reporterUser.name, unitName: unit.name };
    const signer: Actor = { ...refs.user(`${spec.unit}_qf`), unitName: unit.name };
    const createdAt = ago(spec.hoursAgo);
    const month = parts(createdAt).m;
    const topics = UNIT_TOPICS[spec.unit] ?? [];
    const candidates = spec.topics
      .map((key) => topics.find((t) => t.key === key))
      .filter((t): t is ItemTopic => t !== undefined);
    const topic =
      candidates.find((t) => !t.months || t.months.includes(month)) ??
      candidates.find((t) => !t.months) ??
      topicFor(rng, topics, month);
    const eventAt = spec.eventHoursAgo ? ago(spec.eventHoursAgo) : null;
    const life = new Life(
      newRow(rng, {
        officeId: fy.id,
        submittingUnitId: unit.id,
        originUnitId: unit.id,
        categoryCode: topic.category,
        priority: spec.priority ?? topic.priority ?? 'normal',
        secrecy: 'public',
        keywords: [...topic.keywords],
        authorId: reporter.id,
        authorName: reporter.name,
        authorPhone: reporterUser.phone,
        eventAt,
        createdAt,
      }),
      compose(rng, topic, {
        unit: UNIT_SUBJECTS[spec.unit] ?? unit.name,
        county: '汾阳市',
        scope: '全市',
        places: PLACES.fy as Places,
        at: createdAt,
        eventAt,
      }),
    );
    lives.push(life);
    const span = now.getTime() - createdAt.getTime();
    const at = (fraction: number) => new Date(createdAt.getTime() + span * fraction);
    life.create(reporter);
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
