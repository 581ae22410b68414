import type { ItemStatus, itemEvents, items, itemVersions, upperAdoptions } from '../schema/index.ts';
import {
  CLOSING_AIMS,
  CLOSING_ENDS,
  CLOSING_LEADS,
  GENERIC_OPENINGS,
  GENERIC_TITLES,
  type ItemTopic,
  LOCAL_PARAGRAPHS,
  type Places,
  TOPIC_SUBJECTS,
} from './item-templates.ts';

/**
 * The tools the demo year is made with: Beijing office time, a seeded random generator, the
 * text composer that fills the templates, and `Life`, which walks one item through the workflow
 * writing its timeline and versions the way the commands do.
 */

const BEIJING = 8 * 60 * 60_000;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The last complete calendar year before `now`, in Beijing time (2026-11-25 → 2025). */
export function demoYear(now: Date = new Date()): number {
  return new Date(now.getTime() + BEIJING).getUTCFullYear() - 1;
}

/** An instant given in Beijing wall-clock time. */
export function beijing(y: number, m: number, d: number, h = 0, min = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, min) - BEIJING);
}

/** The Beijing wall-clock fields of an instant. */
export function parts(t: Date) {
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
export class Rng {
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
export function officeHours(rng: Rng, t: Date): Date {
  const p = parts(t);
  const minutes = p.h * 60 + p.min;
  if (p.weekday && minutes >= 510 && minutes <= 1070) return t;
  let day = beijing(p.y, p.m, p.d);
  if (!(p.weekday && minutes < 510)) day = new Date(day.getTime() + DAY);
  while (!parts(day).weekday) day = new Date(day.getTime() + DAY);
  return new Date(day.getTime() + 510 * MINUTE + rng.int(0, 50) * MINUTE);
}

/** The instant `minutes` of office time (Mon–Fri 8:30–17:30, Beijing) before `t`. */
export function officeBefore(t: Date, minutes: number): Date {
  let cur = t;
  let left = minutes;
  for (;;) {
    const p = parts(cur);
    const m = p.h * 60 + p.min;
    const midnight = beijing(p.y, p.m, p.d).getTime();
    if (!p.weekday || m <= 510) {
      // Back to the previous working day's close.
      let day = midnight - DAY;
      while (!parts(new Date(day)).weekday) day -= DAY;
      cur = new Date(day + 1050 * MINUTE);
      continue;
    }
    if (m > 1050) {
      cur = new Date(midnight + 1050 * MINUTE);
      continue;
    }
    const open = m - 510;
    if (open >= left) return new Date(cur.getTime() - left * MINUTE);
    left -= open;
    cur = new Date(midnight + 510 * MINUTE);
  }
}

/** Some minutes later, in office hours. */
export function later(rng: Rng, t: Date, lo: number, hi: number): Date {
  return officeHours(rng, new Date(t.getTime() + rng.int(lo, hi) * MINUTE));
}

/** Office days of the year on which items are written (no New Year, May Day or National Day week). */
export function officeDays(year: number, lastMonth: number, lastDay: number): Date[] {
  const days: Date[] = [];
  for (let t = beijing(year, 1, 2); t.getTime() < beijing(year, lastMonth, lastDay + 1).getTime(); ) {
    const p = parts(t);
    const holiday = (p.m === 5 && p.d <= 5) || (p.m === 10 && p.d <= 7);
    if (p.weekday && !holiday) days.push(t);
    t = new Date(t.getTime() + DAY);
  }
  return days;
}

/** The Beijing calendar date of an instant, as a SQL date. */
export const ymd = (t: Date): string => {
  const p = parts(t);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
};

// ---------------------------------------------------------------- texts

export type Text = {
  title: string;
  opening: string;
  details: string[];
  /** Positions of the details in the topic (a revision inserts the spare in order). */
  order: number[];
  /** A paragraph about one township or village, after the measures. */
  local: string | null;
  closing: string | null;
  spare: { text: string; at: number } | null;
  numbered: boolean;
};

export type TextContext = {
  unit: string;
  county: string;
  scope: string;
  places: Places;
  /** Whom the unit works with (UNIT_PARTNERS). */
  partners: readonly string[];
  at: Date;
  eventAt: Date | null;
};

const ORDINALS = ['一是', '二是', '三是', '四是', '五是'];

export function paragraphs(t: Text): string[] {
  const details = t.details.map((d, i) => (t.numbered ? `${ORDINALS[i]}${d}` : d));
  return [t.opening, ...details, ...(t.local ? [t.local] : []), ...(t.closing ? [t.closing] : [])];
}

/** The body as stored: paragraphs separated by "\n". */
export function bodyOf(t: Text): string {
  return paragraphs(t).join('\n');
}

const SEASONS = ['入冬以来', '入春以来', '入夏以来', '入秋以来'];

function slotFiller(rng: Rng, ctx: TextContext & { work: string }) {
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
    work: () => ctx.work,
    partner: () => rng.pick(ctx.partners),
    partner2: () => rng.pick(ctx.partners.filter((x) => x !== value('partner'))),
    season: () => SEASONS[Math.floor((p.m % 12) / 3)] as string,
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

/** Two to three aims and an end, until the closing reads as a paragraph (60 characters or more). */
function composedClosing(rng: Rng, fill: (template: string) => string): string {
  const aims = rng.shuffle(CLOSING_AIMS).map(fill);
  const lead = fill(rng.pick(CLOSING_LEADS));
  const end = fill(rng.pick(CLOSING_ENDS));
  let count = rng.int(2, 3);
  const text = () => `${lead}${aims.slice(0, count).join('，')}，${end}`;
  while (text().length < 60 && count < aims.length) count++;
  return text();
}

/**
 * Writes one item from a topic: a title, an opening, one to three measures in order, maybe a
 * paragraph about one place, maybe a closing. Titles, openings and closings are drawn now and then
 * from the shared pools, so a unit's items on one subject differ in more than their figures;
 * emergencies and narrative reports keep their own shape.
 */
export function compose(rng: Rng, topic: ItemTopic, ctx: TextContext): Text {
  const fill = slotFiller(rng, { ...ctx, work: TOPIC_SUBJECTS[topic.key] ?? topic.keywords[0] ?? '' });
  const own = topic.priority === 'urgent' || topic.numbered === false;
  const titleTemplate = !own && rng.chance(0.3) ? rng.pick(GENERIC_TITLES) : rng.pick(topic.titles);
  // A title citing a figure needs the topic's own opening, which gives it.
  const cites = /\{[nqd]\d/.test(titleTemplate);
  const title = fill(titleTemplate);
  const opening = fill(
    !own && !cites && rng.chance(0.45) ? rng.pick(GENERIC_OPENINGS) : rng.pick(topic.openings),
  );
  const local = !own && rng.chance(0.7) ? fill(rng.pick(LOCAL_PARAGRAPHS)) : null;
  const max = Math.min(3, topic.details.length);
  const k = local ? Math.min(max, 2) : max === 1 ? 1 : rng.chance(0.25) ? max - 1 : max;
  const order = rng
    .shuffle(topic.details.map((_, i) => i))
    .slice(0, k)
    .sort((a, b) => a - b);
  const details = order.map((i) => fill(topic.details[i] as string));
  const rest = topic.details.map((_, i) => i).filter((i) => !order.includes(i));
  const spareAt = rest.length > 0 ? rng.pick(rest) : null;
  let closing: string | null = null;
  if (topic.closings.length > 0 && rng.chance(0.8))
    closing = own || rng.chance(0.4) ? fill(rng.pick(topic.closings)) : composedClosing(rng, fill);
  return {
    title,
    opening,
    details,
    order,
    local,
    closing,
    spare: spareAt === null ? null : { text: fill(topic.details[spareAt] as string), at: spareAt },
    numbered: topic.numbered !== false,
  };
}

/** The reporter's revision after a return: one more measure, in its place. Null when there is none. */
export function revise(t: Text): Text | null {
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
export function polish(t: Text, upward: boolean): Text | null {
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

export type ItemRow = typeof items.$inferInsert & { id: string; createdAt: Date };
export type EventRow = typeof itemEvents.$inferInsert;
export type VersionRow = typeof itemVersions.$inferInsert;
export type AdoptionRow = typeof upperAdoptions.$inferInsert;

export type Actor = { id: string | null; name: string; unitName: string };

/** One item's life: each step appends a timeline event; text saves append versions. */
export class Life {
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
  /** Puts the upper adoptions on the timeline, after the item's own steps. */
  recordAdoptions() {
    for (const a of this.pendingAdoptions.sort((x, y) => x.at.getTime() - y.at.getTime()))
      this.step(a.at, a.actor, 'record_adoption', null, { data: a.data });
    this.pendingAdoptions.length = 0;
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
