/**
 * The quality rules an item's text is checked against. Pure: the compose form imports the catalogue
 * to label findings, the server produces them.
 */

export type Severity = 'fatal' | 'warning';

/** Every rule with its severity and a short Chinese label (for legends and filters). */
export const QUALITY_RULES = {
  empty_title: { severity: 'fatal', label: '标题为空' },
  empty_body: { severity: 'fatal', label: '正文为空' },
  placeholder: { severity: 'fatal', label: '残留占位符' },
  sensitive_word: { severity: 'fatal', label: '含敏感词' },
  missing_author_phone: { severity: 'fatal', label: '缺少撰稿人联系电话' },
  halfwidth_punctuation: { severity: 'warning', label: '中文中夹半角标点' },
  unpaired_marks: { severity: 'warning', label: '引号或括号不配对' },
  repeated_punctuation: { severity: 'warning', label: '标点重复' },
  long_paragraph: { severity: 'warning', label: '段落过长' },
  empty_paragraph: { severity: 'warning', label: '空段落' },
  single_sentence: { severity: 'warning', label: '正文只有一句话' },
  long_title: { severity: 'warning', label: '标题过长' },
  year_numerals: { severity: 'warning', label: '年份未用阿拉伯数字' },
  date_format: { severity: 'warning', label: '日期写法不规范' },
  fullwidth_digits: { severity: 'warning', label: '使用了全角数字' },
  range_hyphen: { severity: 'warning', label: '数值范围用了短横线' },
  number_numerals: { severity: 'warning', label: '数值未用阿拉伯数字' },
  impossible_date: { severity: 'warning', label: '日期不存在' },
  missing_signer: { severity: 'warning', label: '缺少签发人' },
  invalid_author_phone: { severity: 'warning', label: '联系电话格式可疑' },
  near_duplicate: { severity: 'warning', label: '与近期信息高度相似' },
} as const satisfies Record<string, { severity: Severity; label: string }>;

export type RuleCode = keyof typeof QUALITY_RULES;

/** One problem found in an item's text; `paragraph` is 1-based, absent for the title or the whole item. */
export type Finding = {
  rule: RuleCode;
  severity: Severity;
  message: string;
  paragraph?: number;
  excerpt?: string;
  relatedItem?: { id: string; title: string; unitName: string; similarity: number };
};

/** Builds a finding with the severity the catalogue gives its rule, so the two never disagree. */
export function finding(rule: RuleCode, message: string, extra: Partial<Finding> = {}): Finding {
  return { rule, severity: QUALITY_RULES[rule].severity, message, ...extra };
}

/** Fatal findings first; then the title and whole-item findings, then paragraph order. Stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === 'fatal' ? 0 : 1);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || (a.f.paragraph ?? 0) - (b.f.paragraph ?? 0) || a.i - b.i)
    .map(({ f }) => f);
}

/** More findings of one rule than this say nothing new (a template full of XX) and bloat the answer. */
export const FINDINGS_PER_RULE = 20;

/** Keeps the first FINDINGS_PER_RULE findings of each rule, in order. */
export function capPerRule(findings: readonly Finding[]): Finding[] {
  const seen = new Map<RuleCode, number>();
  return findings.filter((f) => {
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    return n <= FINDINGS_PER_RULE;
  });
}

/** Where a finding sits: the title, or a body paragraph (1-based). */
export type Place = { paragraph?: number };

/** "标题" or "第3段", the prefix of a finding's message so it reads on its own in a 400 message. */
export const placeLabel = (place: Place) => (place.paragraph ? `第${place.paragraph}段` : '标题');
