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

/** WeCom: markdown.content is at most 4096 bytes of UTF-8. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
const LABEL = '企业微信机器人';

/** Cuts a text to at most `maxBytes` of UTF-8 without splitting a character, marking the cut with '…'. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength('…', 'utf8');
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > budget) break;
    bytes += size;
    out += ch;
  }
  return `${out}…`;
}

export function wecomMarkdown(message: { title: string; text: string; link?: string }): string {
  const parts = [`**${message.title}**`, message.text];
  const link = message.link ? `\n[查看详情](${message.link})` : '';
  return truncateUtf8(parts.join('\n'), WECOM_MARKDOWN_MAX_BYTES - Buffer.byteLength(link, 'utf8')) + link;
}

export async function sendWecom(
  config: RobotConfig,
  message: { title: string; text: string; link?: string },
  opts: Pick<PostOptions, 'timeoutMs' | 'now'>,
): Promise<{ detail: string }> {
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: wecomMarkdown(message) } });
  const secrets = urlSecrets(config.webhookUrl);
  const answer = await postJson(LABEL, config.webhookUrl, body, { ...opts, secrets });
  const errcode = valueAtPath(answer.json, 'errcode');
  if (errcode === 0) return { detail: '已发送到企业微信群' };

  const errmsg = valueAtPath(answer.json, 'errmsg');
  const reason = typeof errmsg === 'string' ? answerExcerpt(errmsg, secrets) : '';
  switch (errcode) {
    case undefined:
      throw permanent(`${LABEL}的应答无法识别（没有 errcode）`);
    case 45009:
      throw transient(`${LABEL}限流（每分钟最多 ${ROBOT_RATE_PER_MINUTE} 条）`, DEFAULT_RETRY_AFTER_MS);
    case -1:
      throw transient(`${LABEL}系统繁忙，稍后重试`);
    case 93000:
      throw permanent(`${LABEL}的 Webhook 地址无效（机器人可能已被移除），请重新配置`);
    default:
      throw permanent(`${LABEL}返回错误 ${String(errcode)}${reason ? `：${reason}` : ''}`);
  }
}
