import { createHmac } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  type ChannelsConfig,
  DeliveryError,
  deliver,
  dingtalkSignedUrl,
  type EmailConfig,
  REDACTED,
  ROBOT_RATE_PER_MINUTE,
  redactChannelsConfig,
  restoreRedactedSecrets,
  type SmsConfig,
  smsSegments,
  validateChannelsConfig,
} from './index.ts';

// ---------------------------------------------------------------------------------------------
// A real HTTP receiver (SMS gateway, WeCom, DingTalk), programmable per test.

type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
type Reply = { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };

const received: Received[] = [];
let reply: (req: Received) => Reply = () => ({ body: {} });
let httpServer: http.Server;
let base = '';
/** A port nothing listens on. */
let closedPort = 0;

// ---------------------------------------------------------------------------------------------
// A real SMTP server: 'reject…@' recipients get 550, 'defer…@' get 451; AUTH xinbao/right-pass.

type Mail = { from: string; to: string[]; raw: string };
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
/** An SMTP port that accepts connections and never greets. */
let silentServer: net.Server;
let silentPort = 0;
const silentSockets = new Set<net.Socket>();

const listen = (server: net.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

beforeAll(async () => {
  httpServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(rec);
      const r = reply(rec);
      const send = () => {
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
        res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? {}));
      };
      if (r.delayMs) {
        const timer = setTimeout(send, r.delayMs);
        res.on('close', () => clearTimeout(timer));
      } else send();
    });
  });
  base = `http://127.0.0.1:${await listen(httpServer)}`;

  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise((r) => closed.close(r));

  smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'xinbao' && auth.password === 'right-pass')
        return callback(null, { user: 'xinbao' });
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject')) {
        return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      }
      if (address.address.startsWith('defer')) {
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((a) => a.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  smtpPort = await listen(smtp.server);

  silentServer = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
  });
  silentPort = await listen(silentServer);
});

afterAll(async () => {
  httpServer.closeAllConnections();
  for (const s of silentSockets) s.destroy();
  await Promise.all([
    new Promise((r) => httpServer.close(r)),
    new Promise((r) => smtp.close(() => r(undefined))),
    new Promise((r) => silentServer.close(r)),
  ]);
});

beforeEach(() => {
  received.length = 0;
  mails.length = 0;
  reply = () => ({ body: {} });
});

// ---------------------------------------------------------------------------------------------

const SMS_TEMPLATE =
  '{"PhoneNumbers":"{{phone}}","SignName":"{{sign}}","TemplateCode":"{{templateCode}}","Content":"{{content}}"}';

const smsConfig = (over: Partial<SmsConfig> = {}): ChannelsConfig => ({
  sms: {
    enabled: true,
    url: `${base}/sms/send`,
    bodyTemplate: SMS_TEMPLATE,
    headers: { 'X-Api-Key': 'gateway-key-123456' },
    signName: '信报',
    templateCode: 'SMS_8888',
    successField: 'code',
    successValue: 'OK',
    ...over,
  },
});
const emailConfig = (over: Partial<EmailConfig> = {}): ChannelsConfig => ({
  email: {
    enabled: true,
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    from: '信报 <xinbao@example.gov.cn>',
    ...over,
  },
});
const wecomConfig = (): ChannelsConfig => ({
  wecom: { enabled: true, webhookUrl: `${base}/cgi-bin/webhook/send?key=wecom-key-abcdef` },
});
const DING_SECRET = 'SECabcdef0123456789';
const dingConfig = (signed = true): ChannelsConfig => ({
  dingtalk: {
    enabled: true,
    webhookUrl: `${base}/robot/send?access_token=ding-token-xyz`,
    ...(signed ? { secret: DING_SECRET } : {}),
  },
});

const message = {
  title: '关于报送第三季度政务信息的通知',
  text: '请于 10 月 15 日前报送，逾期系统将自动催办。',
  link: 'https://xinbao.example.gov.cn/notices/42',
  phone: '13812345678',
  email: 'zhang.san@example.gov.cn',
};

/** The DeliveryError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

const codePoints = (s: string) => [...s].length;

// ---------------------------------------------------------------------------------------------

describe('smsSegments', () => {
  it('signs a short text as one SMS', () => {
    expect(smsSegments('信报', '您有一条新的约稿任务')).toEqual(['【信报】您有一条新的约稿任务']);
    const exactly70 = '字'.repeat(66);
    expect(smsSegments('信报', exactly70)).toEqual([`【信报】${exactly70}`]);
  });

  it('splits a long text into numbered SMS of at most 70 code points, each signed', () => {
    // Astral characters count as one code point each, and are never cut in half.
    const text = `${'政务信息报送'.repeat(30)}😀𠀀`;
    const segments = smsSegments('信报', text);
    expect(segments.length).toBe(3);
    segments.forEach((s, i) => {
      expect(codePoints(s)).toBeLessThanOrEqual(70);
      expect(s.startsWith('【信报】')).toBe(true);
      expect(s.endsWith(`(${i + 1}/3)`)).toBe(true);
    });
    const rejoined = segments.map((s) => s.slice('【信报】'.length).replace(/\(\d+\/\d+\)$/, '')).join('');
    expect(rejoined).toBe(text);
    // 71 code points signed: two segments.
    expect(smsSegments('信报', '字'.repeat(67)).length).toBe(2);
  });
});

describe('SMS', () => {
  it('posts the body template with JSON-escaped values and the configured headers', async () => {
    reply = () => ({ body: { code: 'OK', message: 'success' } });
    const text = '会议改到"三楼"会议室\n请准时参加';
    const result = await deliver('sms', smsConfig(), { ...message, text });
    expect(result.detail).toContain('138****5678');
    expect(received).toHaveLength(1);
    const req = received[0];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/sms/send');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-api-key']).toBe('gateway-key-123456');
    expect(JSON.parse(req.body)).toEqual({
      PhoneNumbers: '13812345678',
      SignName: '信报',
      TemplateCode: 'SMS_8888',
      Content: `【信报】${text}`,
    });
  });

  it('sends a long text as several SMS', async () => {
    reply = () => ({ body: { code: 'OK' } });
    const text = '请各单位于本周五下班前报送本季度政务信息要点，'.repeat(8);
    const result = await deliver('sms', smsConfig(), { ...message, text });
    const contents = received.map((r) => JSON.parse(r.body).Content as string);
    expect(contents).toEqual(smsSegments('信报', text));
    expect(contents.length).toBeGreaterThan(2);
    for (const c of contents) expect(codePoints(c)).toBeLessThanOrEqual(70);
    expect(result.detail).toContain(`分 ${contents.length} 条`);
  });

  it('fails for good when the success field says so, without echoing the API key', async () => {
    reply = () => ({
      body: { code: 'isv.MOBILE_NUMBER_ILLEGAL', message: '非法手机号 key=gateway-key-123456' },
    });
    const err = await failure(deliver('sms', smsConfig(), message));
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('code=isv.MOBILE_NUMBER_ILLEGAL');
    expect(err.message).toContain('非法手机号');
    expect(err.message).not.toContain('gateway-key-123456');
  });

  it('without a success field any 2xx is success', async () => {
    reply = () => ({ status: 202, body: 'queued' });
    const config = smsConfig({ successField: undefined, successValue: undefined });
    await expect(deliver('sms', config, message)).resolves.toHaveProperty('detail');
  });

  it('needs a phone number', async () => {
    const err = await failure(deliver('sms', smsConfig(), { ...message, phone: undefined }));
    expect(err.message).toBe('用户未登记手机号');
    expect(err.retryable).toBe(false);
    expect(received).toHaveLength(0);
  });
});

describe('HTTP failures', () => {
  it('429 with Retry-After in seconds is retryable after that long', async () => {
    reply = () => ({ status: 429, headers: { 'retry-after': '7' } });
    const err = await failure(deliver('sms', smsConfig(), message));
    expect(err.retryable).toBe(true);
    expect(err.retryAfterMs).toBe(7000);
    expect(err.message).toContain('限流');
  });

  it('429 with Retry-After as an HTTP date, or none', async () => {
    const now = Date.parse('2025-03-01T08:00:00Z');
    reply = () => ({ status: 429, headers: { 'retry-after': new Date(now + 30_000).toUTCString() } });
    expect((await failure(deliver('wecom', wecomConfig(), message, { now: () => now }))).retryAfterMs).toBe(
      30_000,
    );
    reply = () => ({ status: 429 });
    expect((await failure(deliver('dingtalk', dingConfig(), message))).retryAfterMs).toBe(60_000);
  });

  it('500 is retryable, 400 is not', async () => {
    reply = () => ({ status: 500, body: '<html>Internal Server Error</html>' });
    const e500 = await failure(deliver('sms', smsConfig(), message));
    expect(e500.message).toBe('短信网关返回 500');
    expect(e500.retryable).toBe(true);

    reply = () => ({ status: 400, body: { message: 'bad template' } });
    const e400 = await failure(deliver('sms', smsConfig(), message));
    expect(e400.message).toContain('短信网关返回 400');
    expect(e400.retryable).toBe(false);
  });

  it('a slow endpoint times out, retryable, naming the channel', async () => {
    reply = () => ({ delayMs: 1500, body: { errcode: 0 } });
    const started = Date.now();
    const err = await failure(deliver('wecom', wecomConfig(), message, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(1200);
    expect(err.retryable).toBe(true);
    expect(err.message).toBe('企业微信机器人连接超时（0.3 秒）');
  });

  it('a refused connection is retryable', async () => {
    const config = smsConfig({ url: `http://127.0.0.1:${closedPort}/sms` });
    const err = await failure(deliver('sms', config, message));
    expect(err.retryable).toBe(true);
    expect(err.message).toBe('无法连接短信网关（连接被拒绝）');
  });

  it('an unresolvable host is retryable', async () => {
    const config = smsConfig({ url: 'http://xinbao-gateway.invalid/sms' });
    const err = await failure(deliver('sms', config, message, { timeoutMs: 1000 }));
    expect(err.retryable).toBe(true);
    // Without a resolver at hand the lookup may time out instead.
    expect(['无法解析短信网关的域名（DNS 查询失败）', '短信网关连接超时（1 秒）']).toContain(err.message);
  });
});

describe('WeCom robot', () => {
  it('posts markdown and succeeds on errcode 0', async () => {
    reply = () => ({ body: { errcode: 0, errmsg: 'ok' } });
    const result = await deliver('wecom', wecomConfig(), message);
    expect(result.detail).toBe('已发送到企业微信群');
    expect(received[0].url).toBe('/cgi-bin/webhook/send?key=wecom-key-abcdef');
    const body = JSON.parse(received[0].body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain(message.title);
    expect(body.markdown.content).toContain(message.text);
    expect(body.markdown.content).toContain(`[查看详情](${message.link})`);
  });

  it('errcode 45009 is a retryable rate limit; another errcode is not retryable', async () => {
    reply = () => ({ body: { errcode: 45009, errmsg: 'api freq out of limit' } });
    const limited = await failure(deliver('wecom', wecomConfig(), message));
    expect(limited.retryable).toBe(true);
    expect(limited.retryAfterMs).toBe(60_000);
    expect(limited.message).toBe(`企业微信机器人限流（每分钟最多 ${ROBOT_RATE_PER_MINUTE} 条）`);

    reply = () => ({ body: { errcode: 93000, errmsg: 'invalid webhook url, hint: [wecom-key-abcdef]' } });
    const invalid = await failure(deliver('wecom', wecomConfig(), message));
    expect(invalid.retryable).toBe(false);
    expect(invalid.message).not.toContain('wecom-key-abcdef');
  });
});

describe('DingTalk robot', () => {
  it('signs the URL so that the receiver can verify it, keeping access_token', async () => {
    let verified = false;
    reply = (req) => {
      const q = new URL(req.url, base).searchParams;
      const timestamp = q.get('timestamp') ?? '';
      const expected = createHmac('sha256', DING_SECRET)
        .update(`${timestamp}\n${DING_SECRET}`)
        .digest('base64');
      verified = q.get('access_token') === 'ding-token-xyz' && q.get('sign') === expected;
      return {
        body: verified ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' },
      };
    };
    const now = 1_700_000_000_123;
    const result = await deliver('dingtalk', dingConfig(), message, { now: () => now });
    expect(verified).toBe(true);
    expect(result.detail).toBe('已发送到钉钉群');
    expect(new URL(received[0].url, base).searchParams.get('timestamp')).toBe(String(now));
    const body = JSON.parse(received[0].body);
    expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: message.title } });
    expect(body.markdown.text).toContain(message.text);
    expect(body.markdown.text).toContain(message.link);
  });

  it('without a secret the URL is left as it is', async () => {
    reply = () => ({ body: { errcode: 0 } });
    await deliver('dingtalk', dingConfig(false), message);
    expect(received[0].url).toBe('/robot/send?access_token=ding-token-xyz');
  });

  it('dingtalkSignedUrl URL-encodes the signature and replaces an old one', () => {
    const ts = 1_600_000_000_000;
    const sign = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=old';
    expect(dingtalkSignedUrl(url, DING_SECRET, ts)).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=${encodeURIComponent(sign)}`,
    );
  });

  it('errcode 130101 is retryable; 310000 is not and points at the secret or keyword', async () => {
    reply = () => ({ body: { errcode: 130101, errmsg: 'send too fast' } });
    const fast = await failure(deliver('dingtalk', dingConfig(), message));
    expect(fast.retryable).toBe(true);
    expect(fast.retryAfterMs).toBe(60_000);
    expect(fast.message).toBe('钉钉机器人限流（每分钟最多 20 条）');

    reply = () => ({ body: { errcode: 310000, errmsg: `sign not match, secret=${DING_SECRET}` } });
    const rejected = await failure(deliver('dingtalk', dingConfig(), message));
    expect(rejected.retryable).toBe(false);
    expect(rejected.message).toContain('加签');
    expect(rejected.message).toContain('关键词');
    expect(rejected.message).not.toContain(DING_SECRET);
  });
});

// ---------------------------------------------------------------------------------------------

/** Subject and text of a received message: RFC 2047 words and base64 / quoted-printable decoded. */
function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  for (const [k, v] of Object.entries(headers)) {
    headers[k] = v
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
        enc.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64').toString('utf8')
          : decodeQp(data.replace(/_/g, ' ')),
      );
  }
  const body = raw.slice(split + 4);
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? decodeQp(body)
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('e-mail', () => {
  it('delivers subject, text and link to the SMTP server', async () => {
    const result = await deliver('email', emailConfig(), message);
    expect(result.detail).toContain('zhang.san@example.gov.cn');
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe('xinbao@example.gov.cn');
    expect(mails[0].to).toEqual(['zhang.san@example.gov.cn']);
    const { headers, text } = parseMail(mails[0].raw);
    expect(headers.subject).toBe(message.title);
    expect(headers.from).toContain('xinbao@example.gov.cn');
    expect(text).toBe(`${message.text}\n\n${message.link}`);
  });

  it('logs in with user and password; a wrong password is not retryable and not shown', async () => {
    await deliver('email', emailConfig({ user: 'xinbao', password: 'right-pass' }), message);
    expect(mails).toHaveLength(1);
    const err = await failure(
      deliver('email', emailConfig({ user: 'xinbao', password: 'wrong-pass' }), message),
    );
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('用户名和密码');
    expect(err.message).not.toContain('wrong-pass');
  });

  it('RCPT rejected with 550 is not retryable, with 451 it is', async () => {
    const rejected = await failure(
      deliver('email', emailConfig(), { ...message, email: 'reject@example.gov.cn' }),
    );
    expect(rejected.retryable).toBe(false);
    expect(rejected.message).toContain('550');
    const deferred = await failure(
      deliver('email', emailConfig(), { ...message, email: 'defer@example.gov.cn' }),
    );
    expect(deferred.retryable).toBe(true);
    expect(deferred.message).toContain('451');
    expect(mails).toHaveLength(0);
  });

  it('a refused connection and a silent server are retryable', async () => {
    const refused = await failure(deliver('email', emailConfig({ port: closedPort }), message));
    expect(refused.retryable).toBe(true);
    expect(refused.message).toBe('无法连接邮件服务器（连接被拒绝）');
    const silent = await failure(
      deliver('email', emailConfig({ port: silentPort }), message, { timeoutMs: 300 }),
    );
    expect(silent.retryable).toBe(true);
    expect(silent.message).toBe('连接邮件服务器超时（0.3 秒）');
  });

  it('needs an e-mail address', async () => {
    const err = await failure(deliver('email', emailConfig(), { ...message, email: '' }));
    expect(err.message).toBe('用户未登记电子邮箱');
    expect(err.retryable).toBe(false);
  });
});

describe('unconfigured channels', () => {
  it('a missing or disabled channel is not retryable', async () => {
    expect((await failure(deliver('sms', {}, message))).message).toBe('未配置短信通道');
    expect((await failure(deliver('email', {}, message))).message).toBe('未配置邮件通道');
    expect((await failure(deliver('wecom', {}, message))).message).toBe('未配置企业微信机器人');
    const disabled = { dingtalk: { ...dingConfig().dingtalk!, enabled: false } };
    const err = await failure(deliver('dingtalk', disabled, message));
    expect(err.message).toBe('未配置钉钉机器人');
    expect(err.retryable).toBe(false);
    expect(received).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateChannelsConfig', () => {
  const good = () => ({
    sms: { ...smsConfig().sms!, url: '  https://sms.example.gov.cn/send  ' },
    email: {
      ...emailConfig().email!,
      host: 'smtp.example.gov.cn',
      port: 465,
      secure: true,
      user: 'u',
      password: 'p',
    },
    ...wecomConfig(),
    ...dingConfig(),
  });

  function rejection(input: unknown): AppError {
    try {
      validateChannelsConfig(input);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).statusCode).toBe(400);
      return err as AppError;
    }
    throw new Error('expected a rejection');
  }

  it('accepts a good configuration, trimmed', () => {
    const config = validateChannelsConfig(good());
    expect(config.sms?.url).toBe('https://sms.example.gov.cn/send');
    expect(config.dingtalk?.secret).toBe(DING_SECRET);
    expect(validateChannelsConfig({})).toEqual({});
  });

  it('rejects a non-http URL, a bad port and a template that is not JSON, in Chinese', () => {
    const input = good();
    input.sms.url = 'ftp://sms.example.gov.cn';
    input.email.port = 70000;
    input.sms.bodyTemplate = '{"to":"{{phone}}","text":{{content}}}';
    input.wecom!.webhookUrl = 'not a url';
    const err = rejection(input);
    expect(err.message).toContain('短信通道 · 网关地址：必须是以 http:// 或 https:// 开头的有效地址');
    expect(err.message).toContain('邮件通道 · 端口：必须是 1–65535 之间的整数');
    expect(err.message).toContain('短信通道 · 请求体模板：替换占位符后不是有效的 JSON');
    expect(err.message).toContain('企业微信机器人 · Webhook 地址');
    const issues = (err.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path).sort()).toEqual([
      'email.port',
      'sms.bodyTemplate',
      'sms.url',
      'wecom.webhookUrl',
    ]);
  });

  it('rejects port 0, an unknown placeholder, a wrong type, with Chinese messages throughout', () => {
    const input = good();
    input.email.port = 0;
    input.sms.bodyTemplate = '{"to":"{{phone}}","text":"{{content}}","x":"{{mobile}}"}';
    (input.dingtalk as Record<string, unknown>).enabled = 'yes';
    const err = rejection(input);
    expect(err.message).toContain('端口：必须是 1–65535 之间的整数');
    expect(err.message).toContain('不认识的占位符 {{mobile}}');
    expect(err.message).toContain('钉钉机器人 · 启用');
    for (const issue of (err.details as { issues: { message: string }[] }).issues) {
      expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(rejection('nonsense').message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('redactChannelsConfig', () => {
  // Built when a test runs: the servers' ports are known only then.
  const stored = (): ChannelsConfig => ({
    ...smsConfig({ headers: { Authorization: 'Bearer sms-token-1', 'X-Tenant': 'gov' } }),
    ...emailConfig({ user: 'xinbao', password: 'smtp-password' }),
    ...wecomConfig(),
    ...dingConfig(),
  });

  it('hides passwords, secrets, secret headers and webhook keys, leaving the input alone', () => {
    const config = stored();
    const shown = redactChannelsConfig(config);
    const text = JSON.stringify(shown);
    for (const secret of [
      'sms-token-1',
      'smtp-password',
      'wecom-key-abcdef',
      'ding-token-xyz',
      DING_SECRET,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(shown.sms?.headers).toEqual({ Authorization: REDACTED, 'X-Tenant': 'gov' });
    expect(shown.email?.password).toBe(REDACTED);
    expect(shown.email?.user).toBe('xinbao');
    expect(shown.dingtalk?.secret).toBe(REDACTED);
    expect(shown.wecom?.webhookUrl).toBe(`${base}/cgi-bin/webhook/send?key=${REDACTED}`);
    expect(config.email?.password).toBe('smtp-password');
  });

  it('a redacted form saved unchanged gets its secrets back', () => {
    const config = stored();
    const restored = validateChannelsConfig(restoreRedactedSecrets(redactChannelsConfig(config), config));
    expect(restored).toEqual(validateChannelsConfig(config));
  });
});
