import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../lib/http.ts';
import type { LiveTopic } from '../../lib/live.ts';
import { unreadCount } from './queries/list-notifications.ts';

/** A comment line every 25 s keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 25_000;

/**
 * GET /api/notifications/stream — server-sent events for the caller's open pages: `unread` with
 * the bell's count at once and whenever it changes, and a bare topic (`inbox`, `items`,
 * `instructions`, `commissions`) when something the page lists changed. The browser's EventSource
 * reconnects by itself; every (re)connection starts with the current count.
 */
export async function streamNotifications(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const actor = actorOf(req);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  const send = (event: string, data: unknown) => {
    if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  let pending: Promise<void> = Promise.resolve();
  const sendCount = () => {
    pending = pending
      .then(async () => send('unread', { unread: await unreadCount(ctx.db, actor.userId) }))
      .catch((err) => ctx.log.warn({ err }, '读取未读消息数失败'));
  };
  const unsubscribe = ctx.live.subscribe(
    actor.userId,
    (topic: LiveTopic) => {
      if (topic === 'notifications') sendCount();
      else send(topic, {});
    },
    () => close(),
  );
  const keepalive = setInterval(() => {
    if (!closed) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    unsubscribe();
    res.end();
  };
  req.raw.on('close', close);
  res.write('retry: 3000\n\n');
  sendCount();
}
