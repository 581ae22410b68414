import { describe, expect, it } from 'vitest';
import {
  flag,
  int,
  listQueryString,
  nextParams,
  oneOf,
  oneOfOr,
  pageOf,
  parseParams,
  text,
} from './listParams.ts';

const SPEC = {
  status: oneOf(['draft', 'issued'] as const),
  tab: oneOfOr(['open', 'all'] as const, 'open'),
  overdue: flag(),
  year: int(2000, 2100, 2026),
  q: text(),
};

describe('list URL state', () => {
  it('parses typed values and drops what the server would refuse', () => {
    const parsed = parseParams(
      SPEC,
      new URLSearchParams('status=bogus&tab=all&overdue=yes&year=1999&q=%20水%20'),
    );
    expect(parsed).toEqual({ status: undefined, tab: 'all', overdue: undefined, year: 2026, q: '水' });
    expect(parseParams(SPEC, new URLSearchParams('status=issued&overdue=true&year=2024'))).toMatchObject({
      status: 'issued',
      tab: 'open',
      overdue: true,
      year: 2024,
    });
    expect(pageOf(new URLSearchParams('page=-3'))).toBe(1);
    expect(pageOf(new URLSearchParams('page=4'))).toBe(4);
  });

  it('a new filter goes back to page 1; defaults and blanks stay out of the URL', () => {
    const params = new URLSearchParams('q=水&page=3&year=2025');
    expect(nextParams(params, { status: 'draft' }).toString()).toBe('q=%E6%B0%B4&year=2025&status=draft');
    expect(nextParams(params, { page: '4' }).get('page')).toBe('4');
    expect(nextParams(params, { sort: 'x' }, { keepPage: true }).get('page')).toBe('3');
    expect(
      nextParams(params, { q: undefined, year: '2026' }, { defaults: { year: '2026' } }).toString(),
    ).toBe('');
  });

  it('builds the API query of the list and of its export from the same filters', () => {
    const filters = { box: 'inbox', status: 'submitted', q: '', unread: false, overdue: true, year: 2026 };
    expect(listQueryString(filters)).toBe('box=inbox&status=submitted&overdue=true&year=2026');
    expect(listQueryString(filters, { page: 2, pageSize: 20 })).toBe(
      'box=inbox&status=submitted&overdue=true&year=2026&page=2&pageSize=20',
    );
  });
});
