import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

type DateInput = string | number | Date | null | undefined;

function parse(value: DateInput): dayjs.Dayjs | null {
  if (value === null || value === undefined || value === '') return null;
  const d = dayjs(value);
  return d.isValid() ? d : null;
}

/** Tables and lists write times as 2024-03-05 14:30; empty or invalid input gives ''. */
export function formatDateTime(value: DateInput): string {
  return parse(value)?.format('YYYY-MM-DD HH:mm') ?? '';
}

/** The audit log needs the second as well, to order events that happen together. */
export function formatDateTimeSeconds(value: DateInput): string {
  return parse(value)?.format('YYYY-MM-DD HH:mm:ss') ?? '';
}

/** Dates in tables and forms: 2024-03-05. */
export function formatDate(value: DateInput): string {
  return parse(value)?.format('YYYY-MM-DD') ?? '';
}

/** Official documents write dates without zero padding: 2024年3月5日. */
export function formatDocDate(value: DateInput): string {
  return parse(value)?.format('YYYY年M月D日') ?? '';
}
