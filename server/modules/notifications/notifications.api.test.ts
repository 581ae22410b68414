import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { jobs, notificationDeliveries, notifications, orgs, users } from '../../db/schema/index.ts';
import { manualClock } from '../../lib/clock.ts';
import { createTestApp, login, type Session, type TestApp } from '../../test/helpers.ts';
import { createDraft, submitThroughUnit } from '../items/items.test-support.ts';

/**
 * Notifications end to end: real item moves notify, the bell counts live over server-sent events
 * (across two app instances on PostgreSQL), and deliveries go out for real to a local SMTP server
 * and a local HTTP receiver standing in for the SMS gateway and the WeCom/DingTalk robots.
 */

type Received = { path: string; query: URLSearchParams; body: Record<string, unknown> };
const received: Received[] = [];
/** Answers per path, taken in order; when none is left the receiver says OK. */
const script = new Map<string, { status: number; body?: unknown; headers?: Record<string, string> }[]>();
let receiver: http.Server;
let base = '';
const mails: string[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

const clock = manualClock('2026-03-05T01:00:00Z');
let t: TestApp;
let admin: Session;
let editor: Session;
let reporter: Session;
let signer: Session;
let officeId = '';

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = raw ? JSON.parse(raw) : {};
      received.push({ path: url.pathname, query: url.searchParams, body });
      // An answer scripted for this phone number first, then for the path.
      const next = script.get(`${url.pathname}#${body.phone}`)?.shift() ?? script.get(url.pathname)?.shift();
      res.writeHead(next?.status ?? 200, { 'content-type': 'application/json', ...next?.headers });
      res.end(JSON.stringify(next?.body ?? { errcode: 0, errmsg: 'ok', code: 'OK' }));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let data = '';
      stream.on('data', (c) => {
        data += c;
      });
      stream.on('end', () => {
        mails.push(data);
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  t = await createTestApp({ clock });
  [admin, editor, reporter, signer] = await Promise.all(
    ['admin', 'editor', 'fy_czj_xxy', 'fy_czj_qf'].map((u) => login(t.app, u)),
  );
  const [fy] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'fy'));
  officeId = fy?.id ?? '';
  // Addresses on the accounts (kept by the system administrator in 用户管理).
  await t.database.db
    .update(users)
    .set({ phone: '13800000001', email: 'editor@fenyang.gov.cn' })
    .where(eq(users.username, 'editor'));
  await t.database.db
    .update(users)
    .set({ phone: '13800000002', email: 'xxy@fenyang.gov.cn' })
    .where(eq(users.username, 'fy_czj_xxy'));
});

afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => receiver.close(() => r()));
  await new Promise<void>((r) => smtp.close(() => r()));
});

beforeEach(async () => {
  received.length = 0;
  mails.length = 0;
  script.clear();
  // Earlier tests' deliveries do not count against this test's rate limit.
  clock.advance(10 * 60_000);
});

const channelsConfig = () => ({
  sms: {
    enabled: true,
    url: `${base}/sms`,
    bodyTemplate: '{"phone":"{{phone}}","content":"{{content}}","template":"{{templateCode}}"}',
    signName: '汾阳市政府办',
    templateCode: 'SMS_0001',
  },
  email: {
    enabled: true,
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    from: '信报 <xinbao@fenyang.gov.cn>',
  },
  dingtalk: { enabled: true, webhookUrl: `${base}/dingtalk?access_token=t0k3n`, secret: 'SECtestsecret0a1b' },
  wecom: { enabled: false, webhookUrl: `${base}/wecom?key=k3y` },
});

async function saveChannels(config: unknown, robotKinds?: string[]) {
  const current = (await admin.request('GET', `/api/notification-channels?officeId=${officeId}`)).json();
  return admin.request('PUT', '/api/notification-channels', {
    officeId,
    config,
    robotKinds: robotKinds ?? current.robotKinds,
    version: current.version,
  });
}

const run = () => t.app.xinbao.scheduler.runDue();
const unread = async (s: Session) =>
  (await s.request('GET', '/api/notifications/unread-count')).json().unread;
async function deliveriesOf(notificationIds: number[]) {
  return notificationIds.length
    ? t.database.db
        .select()
        .from(notificationDeliveries)
        .where(inArray(notificationDeliveries.notificationId, notificationIds))
    : [];
}
async function latestNotification(username: string) {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  const rows = await t.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, u?.id ?? ''));
  return rows.sort((a, b) => b.id - a.id)[0];
}

describe('channel settings', () => {
  it('the system administrator saves them; secrets come back hidden and survive a save of the hidden form', async () => {
    const res = await saveChannels(channelsConfig());
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.config.dingtalk.secret).toBe('******');
    expect(JSON.stringify(view)).not.toContain('SECtestsecret0a1b');
    // Saving the form as shown keeps the real secret.
    const again = await admin.request('PUT', '/api/notification-channels', {
      officeId,
      config: { ...view.config, wecom: { enabled: false, webhookUrl: `${base}/wecom?key=k3y` } },
      robotKinds: view.robotKinds,
      version: view.version,
    });
    expect(again.statusCode, again.body).toBe(200);
    const audit = await t.database.db.execute(
      "select diff::text as d from audit_events where action = 'notification.channels_changed'",
    );
    expect(JSON.stringify(audit)).not.toContain('SECtestsecret0a1b');
  });

  it('refuses a bad configuration in Chinese and keeps the old one', async () => {
    const before = (await admin.request('GET', `/api/notification-channels?officeId=${officeId}`)).json();
    const res = await saveChannels({
      ...channelsConfig(),
      sms: { ...channelsConfig().sms, url: 'ftp://gateway' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/短信/);
    const after = (await admin.request('GET', `/api/notification-channels?officeId=${officeId}`)).json();
    expect(after.version).toBe(before.version);
  });

  it('only a system administrator of the office: others get 403', async () => {
    expect((await editor.request('GET', '/api/notification-channels')).statusCode).toBe(403);
    const [ll] = await t.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'll'));
    const other = await admin.request('GET', `/api/notification-channels?officeId=${ll?.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('本办公室');
  });

  it('a test message goes out at once and says what the channel answered', async () => {
    const ok = await admin.request('POST', '/api/notification-channels/test', {
      officeId,
      channel: 'sms',
      phone: '13800000009',
    });
    expect(ok.json(), ok.body).toMatchObject({ ok: true });
    expect(received.at(-1)?.body).toMatchObject({ phone: '13800000009', template: 'SMS_0001' });
    script.set('/dingtalk', [{ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } }]);
    const bad = await admin.request('POST', '/api/notification-channels/test', {
      officeId,
      channel: 'dingtalk',
    });
    expect(bad.json()).toMatchObject({ ok: false });
    expect(bad.json().detail).toMatch(/加签|关键词/);
  });
});

describe('item moves notify, and deliveries go out for real', () => {
  it('an urgent item reaches the editors: bell, SMS, e-mail and one DingTalk message for the group', async () => {
    await saveChannels(channelsConfig());
    const before = await unread(editor);
    const draft = await createDraft(reporter, { priority: 'urgent', title: '城区发生一起燃气泄漏事件' });
    await submitThroughUnit(reporter, signer, draft.id);
    expect(await unread(editor)).toBe(before + 1);
    const n = await latestNotification('editor');
    expect(n).toMatchObject({ kind: 'item_urgent_received', link: `/items/${draft.id}` });
    expect(n?.title).toContain('紧急信息');

    await run();
    const sms = received.filter((r) => r.path === '/sms' && r.body.phone === '13800000001');
    expect(sms).toHaveLength(1);
    expect(String(sms[0]?.body.content)).toMatch(/^【汾阳市政府办】紧急信息《城区发生一起燃气泄漏事件》/);
    expect(mails.some((m) => m.includes('editor@fenyang.gov.cn'))).toBe(true);
    const ding = received.filter((r) => r.path === '/dingtalk');
    expect(ding).toHaveLength(1);
    const ts = Number(ding[0]?.query.get('timestamp'));
    const expected = createHmac('sha256', 'SECtestsecret0a1b')
      .update(`${ts}\nSECtestsecret0a1b`)
      .digest('base64');
    expect(ding[0]?.query.get('sign')).toBe(expected);
    expect(ding[0]?.query.get('access_token')).toBe('t0k3n');

    const log = (
      await admin.request('GET', `/api/notification-deliveries?officeId=${officeId}&status=sent`)
    ).json();
    expect(
      log.items.some(
        (d: { channel: string; address: string }) => d.channel === 'sms' && d.address === '13800000001',
      ),
    ).toBe(true);
    // Running the queue again sends nothing twice.
    const count = received.length;
    await run();
    expect(received.length).toBe(count);
  });

  it('a return tells the writer with the reason; a routine item gives editors no message', async () => {
    const before = await unread(editor);
    const draft = await createDraft(reporter);
    const signed = await submitThroughUnit(reporter, signer, draft.id);
    expect(await unread(editor)).toBe(before);
    const ret = await editor.request('POST', `/api/items/${draft.id}/actions/return`, {
      version: signed.version,
      reason: '请补充投资完成率',
    });
    expect(ret.statusCode, ret.body).toBe(200);
    const n = await latestNotification('fy_czj_xxy');
    expect(n).toMatchObject({ kind: 'item_returned', body: '请补充投资完成率' });
    const list = (await reporter.request('GET', '/api/notifications?unread=true')).json();
    expect(list.items[0].kindLabel).toBe('信息被退回');
    expect(list.unread).toBeGreaterThan(0);
  });

  it('the user’s choice holds: SMS off means no SMS, the e-mail still goes', async () => {
    const prefs = (await reporter.request('GET', '/api/notifications/preferences')).json();
    const saved = await reporter.request('PUT', '/api/notifications/preferences', {
      sms: false,
      email: true,
      version: prefs.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await reporter.request('PUT', '/api/notifications/preferences', {
      sms: true,
      email: true,
      version: prefs.version,
    });
    expect(stale.statusCode).toBe(409);
    const draft = await createDraft(reporter);
    const signed = await submitThroughUnit(reporter, signer, draft.id);
    await editor.request('POST', `/api/items/${draft.id}/actions/return`, {
      version: signed.version,
      reason: '数据有误',
    });
    const n = await latestNotification('fy_czj_xxy');
    const deliveries = await deliveriesOf([n?.id ?? 0]);
    expect(deliveries.map((d) => d.channel).sort()).toEqual(['email']);
  });
});

describe('retries, rate limits and failures', () => {
  async function urgentToEditors(title: string) {
    const draft = await createDraft(reporter, { priority: 'urgent', title });
    await submitThroughUnit(reporter, signer, draft.id);
    const n = await latestNotification('editor');
    const [sms] = (await deliveriesOf([n?.id ?? 0])).filter((d) => d.channel === 'sms');
    if (!sms) throw new Error('no sms delivery');
    return sms.id;
  }
  const delivery = async (id: number) =>
    (await t.database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id)))[0];

  it('a gateway error is retried with backoff until it is sent, once', async () => {
    script.set('/sms#13800000001', [{ status: 500 }, { status: 503 }]);
    const id = await urgentToEditors('某镇突发山火已得到控制');
    await run();
    expect(await delivery(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await delivery(id))?.lastError).toMatch(/500/);
    clock.advance(30_000);
    await run();
    expect(await delivery(id)).toMatchObject({ status: 'queued', attempts: 2 });
    clock.advance(60_000);
    await run();
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(received.filter((r) => r.path === '/sms' && r.body.phone === '13800000001')).toHaveLength(3);
  });

  it('a 429 waits as long as Retry-After says', async () => {
    script.set('/sms#13800000001', [{ status: 429, headers: { 'retry-after': '120' } }]);
    const id = await urgentToEditors('城区主干道发生交通事故');
    await run();
    const [job] = await t.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `deliver:${id}`));
    expect(job?.runAt.getTime()).toBe(clock.now().getTime() + 120_000);
    clock.advance(120_000);
    await run();
    expect((await delivery(id))?.status).toBe('sent');
  });

  it('an unreachable gateway is given up after six attempts, shown as failed, the admin is told, and 重新发送 works once', async () => {
    const cfg = channelsConfig();
    await saveChannels({ ...cfg, sms: { ...cfg.sms, url: 'http://127.0.0.1:9/sms' } });
    const id = await urgentToEditors('某企业发生安全生产事故');
    for (let i = 0; i < 8; i++) {
      await run();
      clock.advance(60 * 60_000);
    }
    const d = await delivery(id);
    expect(d).toMatchObject({ status: 'failed', attempts: 6 });
    expect(d?.lastError).toMatch(/短信/);
    const failed = (
      await admin.request('GET', `/api/notification-deliveries?officeId=${officeId}&status=failed`)
    ).json();
    expect(failed.items.some((x: { id: number }) => x.id === id)).toBe(true);
    expect((await latestNotification('admin'))?.kind).toBe('delivery_failed');

    await saveChannels(channelsConfig());
    const retry = await admin.request('POST', `/api/notification-deliveries/${id}/retry`);
    expect(retry.statusCode, retry.body).toBe(200);
    await run();
    expect((await delivery(id))?.status).toBe('sent');
    const twice = await admin.request('POST', `/api/notification-deliveries/${id}/retry`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('不能重复发送');
    expect((await editor.request('POST', `/api/notification-deliveries/${id}/retry`)).statusCode).toBe(403);
  });

  it('the DingTalk robot gets at most 20 messages a minute; the rest wait', async () => {
    await saveChannels(channelsConfig(), ['item_returned']);
    for (let i = 0; i < 24; i++) {
      const draft = await createDraft(reporter, { title: `第${i + 1}条需要退回的信息标题` });
      const signed = await submitThroughUnit(reporter, signer, draft.id);
      await editor.request('POST', `/api/items/${draft.id}/actions/return`, {
        version: signed.version,
        reason: '请修改',
      });
    }
    await run();
    expect(received.filter((r) => r.path === '/dingtalk')).toHaveLength(20);
    clock.advance(61_000);
    await run();
    expect(received.filter((r) => r.path === '/dingtalk')).toHaveLength(24);
    await saveChannels(channelsConfig(), ['item_urgent_received']);
  });
});

describe('消息中心', () => {
  it('marks one or all read; another user’s message is not found', async () => {
    const list = (await reporter.request('GET', '/api/notifications?unread=true')).json();
    const first = list.items[0];
    const marked = await reporter.request('POST', `/api/notifications/${first.id}/read`);
    expect(marked.json().unread).toBe(list.unread - 1);
    expect((await editor.request('POST', `/api/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await reporter.request('POST', '/api/notifications/read-all')).json()).toEqual({ unread: 0 });
    expect(await unread(reporter)).toBe(0);
    expect((await reporter.request('GET', '/api/notifications?kind=bogus')).statusCode).toBe(400);
  });
});

describe('live updates', () => {
  /** Reads server-sent events from a real HTTP connection until `until` is satisfied. */
  async function openStream(address: string, s: Session) {
    const controller = new AbortController();
    const res = await fetch(`${address}/api/notifications/stream`, {
      headers: { cookie: s.cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const events: { event: string; data: unknown }[] = [];
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: data ? JSON.parse(data) : null });
          cut = buffer.indexOf('\n\n');
        }
      }
    })();
    const waitFor = async (pred: (e: { event: string; data: unknown }) => boolean) => {
      for (let i = 0; i < 200; i++) {
        const found = events.find(pred);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no such event; got ${JSON.stringify(events)}`);
    };
    return {
      events,
      waitFor,
      close: async () => {
        controller.abort();
        await pump;
      },
    };
  }

  it('the bell count and the inbox update on open pages, also when the change is made on another instance', async () => {
    // On PostgreSQL the stream is served by a second app instance on the same database: the
    // change made through the first reaches it through LISTEN/NOTIFY.
    const url = t.app.xinbao.config.databaseUrl;
    let other: { app: FastifyInstance; database: Database } | null = null;
    if (url) {
      const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
      other = { database, app: await buildApp({ config: t.config, database, logger: false, clock }) };
    }
    const streamApp = other?.app ?? t.app;
    const address = await streamApp.listen({ port: 0, host: '127.0.0.1' });
    const reporterStream = await openStream(address, await login(streamApp, 'fy_czj_xxy'));
    const editorStream = await openStream(address, await login(streamApp, 'editor'));
    try {
      await reporterStream.waitFor((e) => e.event === 'unread');
      const start = await unread(reporter);
      const draft = await createDraft(reporter);
      const signed = await submitThroughUnit(reporter, signer, draft.id);
      await editorStream.waitFor((e) => e.event === 'inbox');
      await editor.request('POST', `/api/items/${draft.id}/actions/return`, {
        version: signed.version,
        reason: '请补充',
      });
      const pushed = await reporterStream.waitFor(
        (e) => e.event === 'unread' && (e.data as { unread: number }).unread === start + 1,
      );
      expect(pushed).toBeTruthy();
      await reporterStream.waitFor((e) => e.event === 'items');
    } finally {
      await reporterStream.close();
      await editorStream.close();
      if (other) {
        await other.app.close();
        await other.database.close();
      }
    }
  });
});
