import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../lib/actor.ts';
import { listWorkbook, type XlsxColumn } from '../../../lib/xlsx.ts';
import { ASSIGNMENT_STATUS_LABELS } from '../machine.ts';
import type { ListFilter } from '../schemas.ts';
import { listInstructions } from './list-instructions.ts';

type Row = Awaited<ReturnType<typeof listInstructions>>['items'][number];
type Column = XlsxColumn<Row>;

const lead: Column[] = [
  { header: '编号', width: 8, value: (r) => r.serial },
  { header: '批示日期', width: 12, value: (r) => r.instructedOn },
  { header: '层级', width: 8, value: (r) => r.levelLabel },
  {
    header: '批示领导',
    width: 20,
    value: (r) => (r.leaderTitle ? `${r.leaderName}（${r.leaderTitle}）` : r.leaderName),
  },
  { header: '批示内容', width: 60, value: (r) => r.text },
  {
    header: '批示对象',
    width: 40,
    value: (r) => (r.subject ? `${r.subject.kind === 'issue' ? '刊物' : '信息'}：${r.subject.title}` : ''),
  },
  { header: '原报单位', width: 20, value: (r) => r.originUnitName ?? '' },
];
const deadline: Column = { header: '反馈期限', width: 12, value: (r) => r.nextDeadline ?? '' };
const status: Column = { header: '状态', width: 10, value: (r) => r.statusLabel };

/** The office and the leader follow every handling unit; a unit its own assignment. */
const PROGRESS: Column[] = [
  { header: '承办单位数', width: 10, value: (r) => r.units },
  { header: '已办结单位', width: 10, value: (r) => r.completed },
  { header: '逾期单位', width: 10, value: (r) => r.overdue },
  deadline,
  status,
];
const OWN: Column[] = [
  { header: '本单位落实', width: 14, value: (r) => (r.myStatus ? ASSIGNMENT_STATUS_LABELS[r.myStatus] : '') },
  deadline,
  { header: '逾期', width: 8, value: (r) => (r.overdue > 0 ? '已逾期' : '') },
  status,
];

/**
 * The instruction list as an Excel workbook: `listInstructions` under the same filters, every
 * row, with the columns of the caller's screen (领导批示 / 我的批示 or 批示落实).
 */
export async function exportInstructions(db: Db, actor: Actor, filter: ListFilter, now: Date) {
  const { items } = await listInstructions(db, actor, filter, 'all', now);
  const staff = actor.roles.some((r) => r === 'editor' || r === 'chief_editor');
  const leader = !staff && actor.roles.includes('leader');
  // Named as the caller's menu names the screen.
  const name = staff ? '领导批示' : leader ? '我的批示' : '批示落实';
  return listWorkbook(name, [...lead, ...(staff || leader ? PROGRESS : OWN)], items, now);
}
