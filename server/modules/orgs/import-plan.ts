import type { OfficeLevel, OrgKind } from '../../db/schema/index.ts';
import type { ColumnKey, RawRow } from './excel.ts';
import { headerOf } from './excel.ts';
import {
  CODE_PATTERN,
  CODE_RULE,
  DATE_RULE,
  IP_RANGE_RULE,
  isEmail,
  normalizeIpRanges,
  parseLooseDate,
  TEXT_LIMITS,
} from './fields.ts';
import type { DictionaryEntry, DictionaryName, OrgRow } from './registry.ts';
import { childrenProblem, createsCycle, kindLevelProblem, type OrgNode, parentProblem } from './rules.ts';

/**
 * Turns the rows of an uploaded sheet into a plan (creates and updates) against the registry as
 * it is, or into per-row Chinese errors. Pure: the command loads the inputs and applies the plan.
 */

export type ImportError = { row: number; column: string; message: string };

/** Every stored field an import sets. */
export type OrgValues = Pick<
  OrgRow,
  | 'code'
  | 'name'
  | 'shortName'
  | 'kind'
  | 'level'
  | 'sectionName'
  | 'categoryCode'
  | 'groupCode'
  | 'parentId'
  | 'sortOrder'
  | 'contactPerson'
  | 'contactPhone'
  | 'contactEmail'
  | 'address'
  | 'netAccessDate'
  | 'netAccessMethod'
  | 'netIpRange'
  | 'netFilingNo'
  | 'active'
  | 'validFrom'
  | 'validTo'
  | 'successorId'
  | 'note'
>;

export type ImportPlan = {
  creates: { row: number; id: string; values: OrgValues }[];
  updates: { row: number; before: OrgRow; values: OrgValues }[];
  unchanged: number;
};

type Draft = {
  row: number;
  id: string;
  before: OrgRow | null;
  parentCode: string | null;
  values: Omit<OrgValues, 'parentId'>;
};

type GraphNode = OrgNode & { parentCode: string | null; draft?: Draft; broken?: boolean };

const KIND_BY_TEXT: Record<string, OrgKind> = {
  办公室: 'office',
  单位: 'unit',
  office: 'office',
  unit: 'unit',
};
const LEVEL_BY_TEXT: Record<string, OfficeLevel> = {
  县级: 'county',
  市级: 'city',
  省级: 'province',
  国家级: 'national',
  县: 'county',
  市: 'city',
  省: 'province',
  county: 'county',
  city: 'city',
  province: 'province',
  national: 'national',
};
const DICTIONARY_TITLES: Record<DictionaryName, string> = {
  unit_category: '单位类别',
  assessment_group: '考核分组',
};
const CHILD_FIELD_COLUMN = { kind: 'kind', level: 'level', active: 'status' } as const;
const lower = (s: string) => s.toLowerCase();

export function planImport(input: {
  rows: RawRow[];
  columns: Set<ColumnKey>;
  existing: OrgRow[];
  dictionaries: DictionaryEntry[];
  today: string;
  newId: () => string;
}): { errors: ImportError[] } | { plan: ImportPlan } {
  const errors: ImportError[] = [];
  const fail = (row: number, key: ColumnKey, detail: string) =>
    errors.push({ row, column: headerOf(key), message: `第 ${row} 行【${headerOf(key)}】${detail}` });

  const existingByCode = new Map(input.existing.map((o) => [lower(o.code), o]));
  const codeById = new Map(input.existing.map((o) => [o.id, o.code]));
  const graph = new Map<string, GraphNode>();
  for (const o of input.existing) {
    graph.set(lower(o.code), { ...o, parentCode: o.parentId ? (codeById.get(o.parentId) ?? null) : null });
  }

  const firstRowOf = new Map<string, number>();
  const drafts: Draft[] = [];
  for (const raw of input.rows) {
    const code = raw.cells.code;
    if (code && firstRowOf.has(lower(code))) {
      fail(raw.row, 'code', `${code} 与第 ${firstRowOf.get(lower(code))} 行重复`);
      continue;
    }
    if (code) firstRowOf.set(lower(code), raw.row);
    const errorCount = errors.length;
    const draft = parseRow(raw, input, existingByCode, codeById, fail);
    if (!draft) continue;
    const broken = errors.length > errorCount;
    graph.set(lower(draft.values.code), {
      id: draft.id,
      code: draft.values.code,
      name: draft.values.name,
      kind: draft.values.kind,
      level: draft.values.level,
      parentId: null,
      active: draft.values.active,
      parentCode: draft.parentCode,
      draft,
      broken,
    });
    if (!broken) drafts.push(draft);
  }

  // Relations are checked on the tree as it will be after the import.
  const parentOf = (code: string) => graph.get(code)?.parentCode?.toLowerCase() ?? null;
  const childrenByParent = new Map<string, GraphNode[]>();
  for (const n of graph.values()) {
    if (n.broken || !n.parentCode) continue;
    const key = lower(n.parentCode);
    const list = childrenByParent.get(key);
    if (list) list.push(n);
    else childrenByParent.set(key, [n]);
  }
  for (const draft of drafts) {
    const code = lower(draft.values.code);
    const node = graph.get(code)!;
    const parent = draft.parentCode ? graph.get(lower(draft.parentCode)) : null;
    if (draft.parentCode && !parent) {
      fail(draft.row, 'parentCode', `${draft.parentCode} 不存在`);
    } else if (parent && createsCycle(code, lower(parent.code), parentOf)) {
      fail(draft.row, 'parentCode', `${draft.parentCode} 是本单位的下级，形成循环引用`);
    } else if (!parent?.broken) {
      const problem = parentProblem(node, parent ?? null);
      if (problem) fail(draft.row, 'parentCode', problem);
    }
    const childProblem = childrenProblem(node, childrenByParent.get(code) ?? []);
    if (childProblem) fail(draft.row, CHILD_FIELD_COLUMN[childProblem.field], childProblem.message);
  }
  if (errors.length) return { errors: errors.sort((a, b) => a.row - b.row) };

  const idOf = (code: string | null) => (code ? graph.get(lower(code))!.id : null);
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0 };
  for (const draft of drafts) {
    const values: OrgValues = { ...draft.values, parentId: idOf(draft.parentCode) };
    if (!draft.before) plan.creates.push({ row: draft.row, id: draft.id, values });
    else if (differs(draft.before, values))
      plan.updates.push({ row: draft.row, before: draft.before, values });
    else plan.unchanged += 1;
  }
  // Parents before children, so each insert's parent already exists.
  const depth = (code: string): number => {
    let d = 0;
    for (
      let c = parentOf(lower(code));
      c && graph.get(c)?.draft && !graph.get(c)?.draft?.before;
      c = parentOf(c)
    )
      d++;
    return d;
  };
  plan.creates.sort((a, b) => depth(a.values.code) - depth(b.values.code));
  return { plan };
}

function differs(before: OrgRow, values: OrgValues): boolean {
  return (Object.keys(values) as (keyof OrgValues)[]).some(
    (k) => (before[k] ?? null) !== (values[k] ?? null),
  );
}

/** Reads one row's cells; reports field errors through `fail`; null when the row has no usable code. */
function parseRow(
  raw: RawRow,
  ctx: { columns: Set<ColumnKey>; dictionaries: DictionaryEntry[]; today: string; newId: () => string },
  existingByCode: Map<string, OrgRow>,
  codeById: Map<string, string>,
  fail: (row: number, key: ColumnKey, detail: string) => void,
): Draft | null {
  const row = raw.row;
  /** undefined: the column is not in the sheet (keep); null: the cell is blank. */
  const cell = (key: ColumnKey) => (ctx.columns.has(key) ? (raw.cells[key] ?? null) : undefined);

  const code = cell('code');
  if (!code) {
    fail(row, 'code', '不能为空');
    return null;
  }
  if (!CODE_PATTERN.test(code)) {
    fail(row, 'code', `${code} 格式不正确：${CODE_RULE}`);
    return null;
  }
  const before = existingByCode.get(lower(code)) ?? null;

  const text = (key: ColumnKey & keyof OrgRow, max: number): string | null => {
    const v = cell(key);
    if (v === undefined) return (before?.[key] as string | null | undefined) ?? null;
    if (v !== null && v.length > max) fail(row, key, `不能超过 ${max} 个字`);
    return v;
  };
  const date = (key: ColumnKey, keep: string | null): string | null => {
    const v = cell(key);
    if (v === undefined || v === null) return v === undefined ? keep : null;
    const parsed = parseLooseDate(v);
    if (!parsed) fail(row, key, `${v} 不是有效日期，${DATE_RULE}`);
    return parsed;
  };
  const dictionary = (key: ColumnKey, name: DictionaryName, current: string | null): string | null => {
    const v = cell(key);
    if (v === undefined) return current;
    if (v === null) return null;
    const entries = ctx.dictionaries.filter((d) => d.dictionary === name);
    const entry = entries.find((d) => d.label === v) ?? entries.find((d) => d.code === v);
    if (!entry) {
      fail(row, key, `“${v}”不在${DICTIONARY_TITLES[name]}字典中`);
      return null;
    }
    if (!entry.active && entry.code !== current) fail(row, key, `“${v}”已停用，不能选择`);
    return entry.code;
  };

  const name = cell('name');
  if (!name) fail(row, 'name', '不能为空');
  else if (name.length > TEXT_LIMITS.name) fail(row, 'name', `不能超过 ${TEXT_LIMITS.name} 个字`);
  const shortName = cell('shortName') ?? before?.shortName ?? name ?? '';
  if (shortName.length > TEXT_LIMITS.shortName)
    fail(row, 'shortName', `不能超过 ${TEXT_LIMITS.shortName} 个字`);

  const kindText = cell('kind');
  const kind = kindText ? KIND_BY_TEXT[kindText] : undefined;
  if (!kindText) fail(row, 'kind', '不能为空，请填写“办公室”或“单位”');
  else if (!kind) fail(row, 'kind', `“${kindText}”无效，请填写“办公室”或“单位”`);

  const levelText = cell('level');
  const level =
    levelText === undefined ? (before?.level ?? null) : levelText === null ? null : LEVEL_BY_TEXT[levelText];
  if (levelText && !level) fail(row, 'level', `“${levelText}”无效，请填写县级、市级或省级`);
  else if (kind) {
    const problem = kindLevelProblem({ kind, level: level ?? null });
    if (problem) fail(row, 'level', problem);
  }

  const parentText = cell('parentCode');
  const parentCode =
    parentText === undefined
      ? before?.parentId
        ? (codeById.get(before.parentId) ?? null)
        : null
      : parentText;

  const sortText = cell('sortOrder');
  let sortOrder = before?.sortOrder ?? 0;
  if (sortText) {
    if (/^\d{1,7}$/.test(sortText) && Number(sortText) <= 1_000_000) sortOrder = Number(sortText);
    else fail(row, 'sortOrder', `${sortText} 应为 0 到 1000000 之间的整数`);
  }

  const contactEmail = text('contactEmail', TEXT_LIMITS.contactEmail);
  if (contactEmail && !isEmail(contactEmail)) fail(row, 'contactEmail', `${contactEmail} 格式不正确`);

  const ipText = text('netIpRange', TEXT_LIMITS.netIpRange);
  const netIpRange = ipText ? normalizeIpRanges(ipText) : null;
  if (ipText && !netIpRange) fail(row, 'netIpRange', `${ipText} 格式不正确，${IP_RANGE_RULE}`);

  const statusText = cell('status');
  const active = statusText ? statusText === '启用' : (before?.active ?? true);
  if (statusText && statusText !== '启用' && statusText !== '停用') {
    fail(row, 'status', `“${statusText}”无效，请填写“启用”或“停用”`);
  }
  const validFrom = date('validFrom', before?.validFrom ?? ctx.today) ?? before?.validFrom ?? ctx.today;
  const validToText = cell('validTo');
  let validTo: string | null = null;
  if (active && validToText) fail(row, 'validTo', '启用的单位不能填写失效日期');
  if (!active) {
    if (validToText === undefined) validTo = before?.active === false ? before.validTo : null;
    else if (validToText) {
      validTo = parseLooseDate(validToText);
      if (!validTo) fail(row, 'validTo', `${validToText} 不是有效日期，${DATE_RULE}`);
    }
    if (!validToText && !validTo) fail(row, 'validTo', '停用的单位须填写失效日期');
    else if (validTo && validTo < validFrom) fail(row, 'validTo', `不能早于生效日期 ${validFrom}`);
  }

  return {
    row,
    id: before?.id ?? ctx.newId(),
    before,
    parentCode,
    values: {
      code,
      name: name ?? '',
      shortName,
      kind: kind ?? 'unit',
      level: level ?? null,
      sectionName: text('sectionName', TEXT_LIMITS.sectionName),
      categoryCode: dictionary('category', 'unit_category', before?.categoryCode ?? null),
      groupCode: dictionary('group', 'assessment_group', before?.groupCode ?? null),
      sortOrder,
      contactPerson: text('contactPerson', TEXT_LIMITS.contactPerson),
      contactPhone: text('contactPhone', TEXT_LIMITS.contactPhone),
      contactEmail,
      address: text('address', TEXT_LIMITS.address),
      netAccessDate: date('netAccessDate', before?.netAccessDate ?? null),
      netAccessMethod: text('netAccessMethod', TEXT_LIMITS.netAccessMethod),
      netIpRange,
      netFilingNo: text('netFilingNo', TEXT_LIMITS.netFilingNo),
      active,
      validFrom,
      validTo,
      successorId: active ? null : (before?.successorId ?? null),
      note: text('note', TEXT_LIMITS.note),
    },
  };
}
