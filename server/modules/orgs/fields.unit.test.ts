import { describe, expect, it } from 'vitest';
import { isEmail, isIsoDate, normalizeIpRanges, parseLooseDate } from './fields.ts';

describe('registry field rules', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('reads dates the way people type them in Excel', () => {
    expect(parseLooseDate('2024-3-5')).toBe('2024-03-05');
    expect(parseLooseDate('2024/03/05')).toBe('2024-03-05');
    expect(parseLooseDate('2024.3.5')).toBe('2024-03-05');
    expect(parseLooseDate('2024年3月5日')).toBe('2024-03-05');
    expect(parseLooseDate('45356')).toBe('2024-03-05');
    expect(parseLooseDate('2024-13-01')).toBeNull();
    expect(parseLooseDate('明年')).toBeNull();
  });

  it('normalises IPv4 CIDR lists and refuses anything else', () => {
    expect(normalizeIpRanges('10.72.11.0/24')).toBe('10.72.11.0/24');
    expect(normalizeIpRanges('10.1.0.0/16，10.2.0.0/16; 192.168.1.0/24')).toBe(
      '10.1.0.0/16, 10.2.0.0/16, 192.168.1.0/24',
    );
    for (const bad of ['10.72.11.0', '10.72.11.0/33', '256.1.1.1/8', '10.072.1.0/24', 'fe80::/10', 'abc']) {
      expect(normalizeIpRanges(bad)).toBeNull();
    }
  });

  it('checks e-mail addresses loosely', () => {
    expect(isEmail('czj@fy.gov.cn')).toBe(true);
    expect(isEmail('czj@fy')).toBe(false);
  });
});
