import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { EXPORT_MAX_ROWS, pageFields, rowWindow } from './pagination.ts';

describe('rowWindow', () => {
  it('gives a page its LIMIT and OFFSET', () => {
    expect(rowWindow({ page: 3, pageSize: 20 }, 1000, '信息')).toEqual({ limit: 20, offset: 40 });
    expect(pageFields({ page: 3, pageSize: 20 })).toEqual({ page: 3, pageSize: 20 });
  });

  it('gives an export every row up to the cap', () => {
    expect(rowWindow('all', EXPORT_MAX_ROWS, '信息')).toEqual({ limit: EXPORT_MAX_ROWS, offset: 0 });
    expect(pageFields('all')).toEqual({ page: 1, pageSize: EXPORT_MAX_ROWS });
  });

  it('refuses an export above the cap with a Chinese 400 that names the count', () => {
    const error = (() => {
      try {
        rowWindow('all', EXPORT_MAX_ROWS + 1, '信息');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).statusCode).toBe(400);
    expect((error as AppError).message).toBe(
      `符合条件的信息有 ${EXPORT_MAX_ROWS + 1} 条，超过一次导出的上限 ${EXPORT_MAX_ROWS} 条，请缩小查询范围后再导出`,
    );
  });
});
