import type { OfficeLevel, OrgKind } from '../../db/schema/index.ts';

/** Field rules of the registry shared by the JSON API and the Excel import, so both say the same. */

export const CODE_PATTERN = /^[A-Za-z0-9_-]{2,32}$/;
export const CODE_RULE = '单位编码须为 2–32 位字母、数字、下划线或连字符';
export const DATE_RULE = '日期格式应为 YYYY-MM-DD（如 2024-03-05）';
export const IP_RANGE_RULE = 'IP 段应为 IPv4 网段（如 10.72.11.0/24），多个网段以逗号分隔';

export const KIND_LABELS: Record<OrgKind, string> = { office: '办公室', unit: '单位' };
export const LEVEL_LABELS: Record<OfficeLevel, string> = {
  county: '县级',
  city: '市级',
  province: '省级',
  national: '国家级',
};
/** Higher number = higher level; an office's parent must rank above it. */
export const LEVEL_RANK: Record<OfficeLevel, number> = { county: 1, city: 2, province: 3, national: 4 };

export const TEXT_LIMITS = {
  name: 100,
  shortName: 50,
  sectionName: 50,
  contactPerson: 50,
  contactPhone: 50,
  contactEmail: 100,
  address: 200,
  netAccessMethod: 50,
  netIpRange: 500,
  netFilingNo: 100,
  note: 1000,
} as const;

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Reads a date the way people type it in Excel (2024-3-5, 2024/03/05, 2024.3.5, 2024年3月5日, or
 * a bare Excel day number) and returns YYYY-MM-DD, or null when it is not a real date.
 */
export function parseLooseDate(value: string): string | null {
  // A date that lost its cell format shows up as Excel's day number (e.g. 45356 = 2024-03-05).
  if (/^\d{5}$/.test(value.trim())) {
    const iso = new Date(Date.UTC(1899, 11, 30) + Number(value) * 86_400_000).toISOString().slice(0, 10);
    return isIsoDate(iso) ? iso : null;
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * Normalises an IP range list to `a.b.c.d/n, …`; returns null when any part is not an IPv4
 * CIDR. Chinese commas and semicolons are accepted as separators because people type them.
 */
export function normalizeIpRanges(value: string): string | null {
  const parts = value
    .split(/[,，;；\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (const part of parts) if (!isIpv4Cidr(part)) return null;
  return parts.join(', ');
}

function isIpv4Cidr(value: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  if (m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) return false;
  return octets.every((o) => o <= 255) && Number(m[5]) <= 32;
}

/** A loose e-mail check: what people type into a contact form, not RFC 5322. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= TEXT_LIMITS.contactEmail;
}

/** Today in China (the registry's dates are local calendar dates). */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
