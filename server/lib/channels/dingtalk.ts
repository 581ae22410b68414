import { createHmac } from 'node:crypto';
import type { RobotConfig } from './config.ts';
import {
  answerExcerpt,
  DEFAULT_RETRY_AFTER_MS,
  type PostOptions,
  permanent,
  postJson,
  ROBOT_RATE_PER_MINUTE,
  transient,
  urlSecrets,
  valueAtPath,
} from './http.ts';

const LABEL = '钉钉机器人';

/** The 加签 signature: base64(HMAC-SHA256(key = secret, `${timestamp}\n${secret}`)), not yet URL-encoded. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * The webhook URL with `timestamp=…&sign=…` appended; the existing query (access_token) is kept
 * as written, and a timestamp or sign already in it is replaced.
 */
export function dingtalkSignedUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const hashAt = webhookUrl.indexOf('#');
  const hash = hashAt >= 0 ? webhookUrl.slice(hashAt) : '';
  const withoutHash = hashAt >= 0 ? webhookUrl.slice(0, hashAt) : webhookUrl;
  const queryAt = withoutHash.indexOf('?');
  const base = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash;
  const kept = (queryAt >= 0 ? withoutHash.slice(queryAt + 1) : '')
    .split('&')
    .filter((part) => part !== '' && !/^(timestamp|sign)(=|$)/.test(part));
  kept.push(`timestamp=${timestampMs}`, `sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`);
  return `${base}?${kept.join('&')}${hash}`;
}

/** DingTalk markdown joins single line breaks; a blank line between the lines keeps them apart. */
export function dingtalkMarkdown(message: { title: string; text: string; link?: string }): string {
  const text = message.text.replace(/\r\n?/g, '\n').replace(/\n+/g, '\n\n');
  return [`### ${message.title}`, text, ...(message.link ? [`[查看详情](${message.link})`] : [])].join(
    '\n\n',
  );
}

export async function sendDingtalk(
  config: RobotConfig,
  message: { title: string; text: string; link?: string },
  opts: Pick<PostOptions, 'timeoutMs' | 'now'>,
): Promise<{ detail: string }> {
  const url = config.secret
    ? dingtalkSignedUrl(config.webhookUrl, config.secret, opts.now())
    : config.webhookUrl;
  const secrets = [config.secret, ...urlSecrets(config.webhookUrl)];
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { title: message.title, text: dingtalkMarkdown(message) },
  });
  const answer = await postJson(LABEL, url, body, { ...opts, secrets });
  const errcode = valueAtPath(answer.json, 'errcode');
  if (errcode === 0) return { detail: '已发送到钉钉群' };

  const errmsg = valueAtPath(answer.json, 'errmsg');
  const reason = typeof errmsg === 'string' ? answerExcerpt(errmsg, secrets) : '';
  switch (errcode) {
    case undefined:
      throw permanent(`${LABEL}的应答无法识别（没有 errcode）`);
    case 130101:
      throw transient(`${LABEL}限流（每分钟最多 ${ROBOT_RATE_PER_MINUTE} 条）`, DEFAULT_RETRY_AFTER_MS);
    case 310000:
      throw permanent(
        `${LABEL}拒绝了消息：加签密钥（secret）或自定义关键词不正确，或服务器 IP 不在白名单内${reason ? `（${reason}）` : ''}`,
      );
    case 300001:
      throw permanent(`${LABEL}的 Webhook 地址无效（access_token 不存在），请重新配置`);
    case -1:
      throw transient(`${LABEL}系统繁忙，稍后重试`);
    default:
      throw permanent(`${LABEL}返回错误 ${String(errcode)}${reason ? `：${reason}` : ''}`);
  }
}
