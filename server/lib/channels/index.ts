/**
 * Outbound notification channels: SMS through an HTTP template gateway, e-mail over SMTP, and the
 * WeCom (企业微信) and DingTalk (钉钉) group robots.
 *
 * `deliver` sends one message on one channel and either resolves with a line for the delivery log
 * or throws a DeliveryError: `retryable` false means no retry can mend it (a missing address, a
 * rejected configuration), `retryAfterMs` is set for a rate limit. Messages are Chinese, safe to
 * show, and never contain a password, secret, header value or webhook URL.
 */
import type { ChannelsConfig } from './config.ts';
import { sendDingtalk } from './dingtalk.ts';
import { sendEmail } from './email.ts';
import { DEFAULT_TIMEOUT_MS, permanent } from './http.ts';
import { sendSms } from './sms.ts';
import { sendWecom } from './wecom.ts';

export type {
  ChannelsConfig,
  ConfigIssue,
  EmailConfig,
  RobotConfig,
  SmsConfig,
} from './config.ts';
export {
  fillSmsTemplate,
  REDACTED,
  redactChannelsConfig,
  restoreRedactedSecrets,
  validateChannelsConfig,
} from './config.ts';
export { dingtalkSign, dingtalkSignedUrl } from './dingtalk.ts';
export { DEFAULT_TIMEOUT_MS, DeliveryError, ROBOT_RATE_PER_MINUTE } from './http.ts';
export { SMS_MAX_CHARS, smsSegments } from './sms.ts';

export type ChannelName = 'sms' | 'email' | 'wecom' | 'dingtalk';

export type OutboundMessage = {
  title: string;
  text: string;
  link?: string;
  /** recipient addresses */
  phone?: string;
  email?: string;
};

export type DeliverOptions = {
  /** Per HTTP request / per SMTP exchange; default 10 s. */
  timeoutMs?: number;
  /** Milliseconds since the epoch: the DingTalk signature timestamp, an HTTP-date Retry-After. */
  now?: () => number;
};

export const CHANNEL_LABELS: Record<ChannelName, string> = {
  sms: '短信通道',
  email: '邮件通道',
  wecom: '企业微信机器人',
  dingtalk: '钉钉机器人',
};

/** Sends `message` on `channel`; resolves with a line for the delivery log, or throws a DeliveryError. */
export async function deliver(
  channel: ChannelName,
  config: ChannelsConfig,
  message: OutboundMessage,
  opts: DeliverOptions = {},
): Promise<{ detail: string }> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = opts.now ?? Date.now;
  if (!(channel in CHANNEL_LABELS)) throw permanent(`未知的通知渠道：${String(channel)}`);
  const unconfigured = () => permanent(`未配置${CHANNEL_LABELS[channel]}`);
  switch (channel) {
    case 'sms': {
      if (!config.sms?.enabled) throw unconfigured();
      return sendSms(config.sms, message, { timeoutMs, now });
    }
    case 'email': {
      if (!config.email?.enabled) throw unconfigured();
      return sendEmail(config.email, message, { timeoutMs });
    }
    case 'wecom': {
      if (!config.wecom?.enabled) throw unconfigured();
      return sendWecom(config.wecom, message, { timeoutMs, now });
    }
    case 'dingtalk': {
      if (!config.dingtalk?.enabled) throw unconfigured();
      return sendDingtalk(config.dingtalk, message, { timeoutMs, now });
    }
  }
}
