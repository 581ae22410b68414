import { fillSmsTemplate, type SmsConfig } from './config.ts';
import {
  answerExcerpt,
  DeliveryError,
  type PostOptions,
  permanent,
  postJson,
  urlSecrets,
  valueAtPath,
} from './http.ts';

/** One SMS holds 70 characters (code points), the signature 【…】 included. */
export const SMS_MAX_CHARS = 70;
const LABEL = '短信网关';

const signed = (signName: string) => `【${signName.replace(/^【|】$/g, '')}】`;

/**
 * The SMS texts for one message: `【signName】text` when it fits in 70 characters, else several
 * texts of at most 70 characters, each starting with the signature and ending with `(i/n)`.
 */
export function smsSegments(signName: string, text: string): string[] {
  const prefix = signed(signName);
  const body = [...text];
  const prefixLength = [...prefix].length;
  if (prefixLength + body.length <= SMS_MAX_CHARS) return [prefix + text];

  // The suffix "(i/n)" is widest for i = n; find the smallest n whose room per segment fits the text.
  let n = 2;
  for (;;) {
    const room = SMS_MAX_CHARS - prefixLength - `(${n}/${n})`.length;
    if (room < 1) throw permanent('短信签名过长，放不下分条编号');
    const needed = Math.ceil(body.length / room);
    if (needed <= n) {
      const segments: string[] = [];
      for (let i = 0; i < needed; i++) {
        segments.push(`${prefix}${body.slice(i * room, (i + 1) * room).join('')}(${i + 1}/${needed})`);
      }
      return segments;
    }
    n = needed;
  }
}

/** 13812345678 → 138****5678, for the delivery log. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

const MESSAGE_FIELDS = ['message', 'Message', 'msg', 'errmsg', 'errMsg', 'error', 'description', 'desc'];

export async function sendSms(
  config: SmsConfig,
  message: { text: string; phone?: string },
  opts: Pick<PostOptions, 'timeoutMs' | 'now'>,
): Promise<{ detail: string }> {
  const phone = message.phone?.replace(/[\s-]/g, '') ?? '';
  if (!phone) throw permanent('用户未登记手机号');
  if (!/^\+?\d{5,20}$/.test(phone)) throw permanent(`手机号格式不正确（${maskPhone(phone)}）`);

  const secrets = [...Object.values(config.headers ?? {}), ...urlSecrets(config.url)];
  const segments = smsSegments(config.signName, message.text);
  for (const [i, content] of segments.entries()) {
    const body = fillSmsTemplate(config.bodyTemplate, {
      phone,
      sign: config.signName,
      templateCode: config.templateCode,
      content,
    });
    try {
      const answer = await postJson(LABEL, config.url, body, { ...opts, headers: config.headers, secrets });
      if (config.successField && config.successValue !== undefined) {
        if (answer.json === undefined) throw permanent(`${LABEL}的应答不是 JSON，无法判断是否成功`);
        const value = valueAtPath(answer.json, config.successField);
        if (value === undefined || String(value) !== config.successValue) {
          const reasonField = MESSAGE_FIELDS.map((f) => valueAtPath(answer.json, f)).find(
            (v) => typeof v === 'string' && v.trim(),
          ) as string | undefined;
          const reason = reasonField ? answerExcerpt(reasonField, secrets) : '';
          throw permanent(
            `${LABEL}返回失败：${config.successField}=${value === undefined ? '（无）' : answerExcerpt(String(value), secrets)}${reason ? `，${reason}` : ''}`,
          );
        }
      }
    } catch (err) {
      if (err instanceof DeliveryError && segments.length > 1) {
        throw new DeliveryError(`第 ${i + 1}/${segments.length} 条短信：${err.message}`, {
          retryable: err.retryable,
          retryAfterMs: err.retryAfterMs,
        });
      }
      throw err;
    }
  }
  return {
    detail:
      segments.length > 1
        ? `已向 ${maskPhone(phone)} 发送短信（分 ${segments.length} 条）`
        : `已向 ${maskPhone(phone)} 发送短信`,
  };
}
