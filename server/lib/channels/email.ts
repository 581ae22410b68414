import nodemailer from 'nodemailer';
import type { EmailConfig } from './config.ts';
import {
  answerExcerpt,
  CERT_CODES,
  type DeliveryError,
  errorCode,
  permanent,
  seconds,
  transient,
} from './http.ts';

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

/** The text part: the message text, then the link on its own line. */
export function emailText(message: { text: string; link?: string }): string {
  return message.link ? `${message.text}\n\n${message.link}` : message.text;
}

export async function sendEmail(
  config: EmailConfig,
  message: { title: string; text: string; link?: string; email?: string },
  opts: { timeoutMs: number },
): Promise<{ detail: string }> {
  const to = message.email?.trim() ?? '';
  if (!to) throw permanent('用户未登记电子邮箱');
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(to)) throw permanent(`电子邮箱地址格式不正确（${to}）`);

  const { timeoutMs } = opts;
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  // One limit for the whole exchange, as for the HTTP channels.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const info = await transport.sendMail({
      from: config.from,
      to,
      subject: message.title,
      text: emailText(message),
      signal: controller.signal,
    });
    const response = typeof info.response === 'string' ? answerExcerpt(info.response, [config.password]) : '';
    return { detail: `已发送邮件至 ${to}${response ? `（${response}）` : ''}` };
  } catch (err) {
    throw smtpError(err as SmtpError, timeoutMs, config.password, controller.signal.aborted);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

function smtpError(
  err: SmtpError,
  timeoutMs: number,
  password: string | undefined,
  aborted: boolean,
): DeliveryError {
  const reply = err.response ? answerExcerpt(err.response, [password]) : '';
  const code = err.responseCode;
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') {
    if (code && code >= 400 && code < 500) {
      return transient(`邮件服务器暂时无法登录${reply ? `（${reply}）` : ''}`);
    }
    return permanent(`邮件服务器拒绝登录，请检查用户名和密码${reply ? `（${reply}）` : ''}`);
  }
  if (code && code >= 400 && code < 600) {
    // 5xx is a permanent rejection (RFC 5321); 4xx asks to try again later.
    if (code >= 500) return permanent(`邮件服务器拒收（${reply || code}）`);
    return transient(`邮件服务器暂时拒收（${reply || code}）`);
  }
  if (aborted || err.code === 'EABORT' || err.code === 'ETIMEDOUT') {
    return transient(`连接邮件服务器超时（${seconds(timeoutMs)}）`);
  }
  const system = (err as { originalCode?: string }).originalCode ?? errorCode(err);
  if (err.code === 'EDNS' || system === 'ENOTFOUND' || system === 'EAI_AGAIN') {
    return transient('无法解析邮件服务器的域名（DNS 查询失败）');
  }
  if (system === 'ECONNREFUSED') return transient('无法连接邮件服务器（连接被拒绝）');
  if (system && CERT_CODES.has(system)) return permanent(`邮件服务器的 TLS 证书无效（${system}）`);
  if (err.code === 'ETLS') return permanent('与邮件服务器建立加密连接失败，请检查端口与 SSL/TLS 设置');
  if (err.code === 'EENVELOPE') return permanent('邮件的发件人或收件人地址无效');
  if (err.code === 'ECONFIG') return permanent('邮件通道配置无效');
  if (err.code === 'ESOCKET' || err.code === 'ECONNECTION') {
    return transient(`与邮件服务器的连接出错${system && system !== err.code ? `（${system}）` : ''}`);
  }
  return transient(`邮件发送失败${err.code ? `（${err.code}）` : ''}`);
}
