import type { PeriodKind, Rules, Tier } from './rules.ts';

/** Names the explanation needs: publications, dictionaries. */
export type ExplainContext = {
  publicationName: (id: string) => string;
  officeName: (id: string) => string;
  label: (dictionary: 'unit_group' | 'unit_category' | 'item_category', code: string) => string;
};

export const TIER_LABELS: Record<Tier, string> = {
  own: '本级',
  city: '市级',
  province: '省级',
  national: '国家级（国办、中办）',
  other: '其他',
};
const PERIOD_LABELS: Record<PeriodKind, string> = {
  month: '每月',
  quarter: '每季度',
  half: '每半年',
  year: '每年',
};
const LEVEL_LABELS: Record<string, string> = {
  state_council: '国务院',
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇',
};
const RANK_LABELS: Record<string, string> = { principal: '主要领导', deputy: '分管（其他）领导' };
const list = (xs: string[]) => xs.join('、');
const pts = (t: string) => `${t}分`;

/** One line per rule, in the order the engine applies them, as a 考核办法 would say it. */
export function explainRules(rules: Rules, ctx: ExplainContext): string[] {
  const out: string[] = [];
  const groupName = (code: string) => rules.groups.find((g) => g.code === code)?.name ?? code;
  out.push(
    `分组排名：${rules.groups
      .map((g) => {
        const who = [
          ...(g.unitGroups ?? []).map((c) => ctx.label('unit_group', c)),
          ...(g.unitCategories ?? []).map((c) => ctx.label('unit_category', c)),
          ...(g.offices ? ['下级政府办公室'] : []),
          ...(g.unitIds?.length ? [`指定的${g.unitIds.length}个单位`] : []),
        ];
        return `“${g.name}”（${list(who)}）`;
      })
      .join('，')}分别排名。`,
  );
  const where = (r: {
    publicationIds?: string[];
    tiers?: Tier[];
    adopterOfficeIds?: string[];
    publicationKinds?: string[];
    outlet?: 'publication' | 'website';
    categories?: string[];
    adoptionKinds?: string[];
  }) => {
    const parts: string[] = [];
    if (r.publicationIds?.length)
      parts.push(list(r.publicationIds.map((id) => `《${ctx.publicationName(id)}》`)));
    if (r.adopterOfficeIds?.length) parts.push(`${list(r.adopterOfficeIds.map(ctx.officeName))}的刊物`);
    if (r.tiers?.length) parts.push(`${list(r.tiers.map((t) => TIER_LABELS[t]))}刊物`);
    if (r.publicationKinds?.length) parts.push(`${list(r.publicationKinds)}类刊物`);
    if (r.outlet === 'website') parts.push('门户网站');
    const what: string[] = [];
    if (r.categories?.length)
      what.push(`${list(r.categories.map((c) => ctx.label('item_category', c)))}类信息`);
    if (r.adoptionKinds?.length) what.push(`以${list(r.adoptionKinds)}方式`);
    return `${parts.length ? parts.join('中的') : '任何刊物'}${what.length ? `对${what.join('、')}` : ''}`;
  };
  rules.adoption.rows.forEach((r, i) => {
    out.push(
      `采用计分${i + 1}：${where(r)}采用的，每条计${pts(r.points)}${r.picturePoints ? `，另每张图片计${pts(r.picturePoints)}` : ''}。`,
    );
  });
  if (rules.adoption.rows.length === 0) out.push('采用不计分。');
  out.push(
    rules.adoption.combine === 'sum'
      ? '同一条信息被多个刊物采用的，分别计分、累加。'
      : '同一条信息被多个刊物采用的，只按得分最高的一次计分。',
  );
  for (const m of rules.adoption.multipliers) {
    const route =
      m.route === 'forwarded'
        ? '经本办公室转报后'
        : m.route === 'direct'
          ? '直接报送（未经本办公室转报）'
          : '';
    out.push(`${m.label ?? '倍数'}：${route}被${where(m)}采用的，分值乘以${m.factor}。`);
  }
  for (const r of rules.forwarding?.rows ?? []) {
    out.push(`报送上级：信息报送到${list(r.tiers.map((t) => TIER_LABELS[t]))}的，每条计${pts(r.points)}。`);
  }
  if (rules.submission) {
    out.push(
      `报送计分：${rules.submission.categories?.length ? `${list(rules.submission.categories.map((c) => ctx.label('item_category', c)))}类` : ''}信息每报送一条计${pts(rules.submission.points)}${rules.submission.cap ? `，最多计${pts(rules.submission.cap)}` : ''}。`,
    );
  }
  out.push(
    rules.joint === 'even'
      ? '合报信息的得分由各报送单位平均分配。'
      : '合报信息的得分按各单位的分配比例分配。',
  );
  if (rules.instructions?.rows.length) {
    const mode = {
      sum: '多次批示累加计分',
      once_per_level: '同一级别的多次批示不累加',
      highest: '多次批示只按最高级别计分',
    }[rules.instructions.mode];
    out.push(
      `批示加分：${rules.instructions.rows.map((r) => `${LEVEL_LABELS[r.level] ?? r.level}${RANK_LABELS[r.rank ?? ''] ?? '领导'}批示加${pts(r.points)}`).join('，')}；${mode}。`,
    );
  }
  const c = rules.commissions;
  if (c) {
    const parts: string[] = [];
    if (c.answeredPoints)
      parts.push(
        `按约稿报送的每次加${pts(c.answeredPoints)}${c.answeredCap ? `（最多加${pts(c.answeredCap)}）` : ''}`,
      );
    if (c.latePenalty) parts.push(`逾期报送的每次扣${pts(c.latePenalty)}`);
    if (c.missedPenalty) parts.push(`未按约稿报送的每次扣${pts(c.missedPenalty)}`);
    if (parts.length) out.push(`约稿：${parts.join('，')}。`);
  }
  const p = rules.penalties;
  if (p?.lateUrgent) out.push(`紧急信息迟报的，每条扣${pts(p.lateUrgent)}。`);
  if (p?.instructionOverdue) out.push(`领导批示逾期未反馈落实情况的，每件扣${pts(p.instructionOverdue)}。`);
  if (p?.instructionLate) out.push(`领导批示落实情况逾期反馈的，每件扣${pts(p.instructionLate)}。`);
  if (p?.lowAdoptionRate) {
    out.push(
      `${PERIOD_LABELS[p.lowAdoptionRate.period]}采用率低于${p.lowAdoptionRate.belowPercent}%的，扣${pts(p.lowAdoptionRate.penalty)}。`,
    );
  }
  for (const q of rules.quotas) {
    const who = q.groups?.length ? list(q.groups.map(groupName)) : '各单位';
    const what = `${q.categories?.length ? `${list(q.categories.map((c2) => ctx.label('item_category', c2)))}类` : ''}信息`;
    const verb = q.counts === 'submitted' ? '报送' : '被采用';
    const parts = [`${who}${PERIOD_LABELS[q.period]}${verb}${what}不少于${q.min}条`];
    const required = rules.quotas.find((r) => r.key === q.requires);
    if (required) parts.push(`须同时完成“${required.label ?? required.key}”`);
    if (q.basePoints) parts.push(`完成的得基础分${pts(q.basePoints)}`);
    if (q.extraPerItem)
      parts.push(`每超一条加${pts(q.extraPerItem)}${q.extraCap ? `（最多加${pts(q.extraCap)}）` : ''}`);
    if (q.shortPenaltyPerItem) parts.push(`每少一条扣${pts(q.shortPenaltyPerItem)}`);
    out.push(`${q.label ?? '任务'}：${parts.join('，')}。`);
  }
  for (const z of rules.zeroOut) {
    const what = z.when === 'commissions_missed' ? '未按约稿报送' : '领导批示逾期未反馈';
    out.push(`${z.label ?? '清零'}：考核期内${what}累计${z.atLeast}次及以上的，当期得分清零。`);
  }
  if (rules.floor !== undefined) out.push(`单位得分最低为${pts(rules.floor)}。`);
  if (rules.cap !== undefined) out.push(`单位得分最高为${pts(rules.cap)}。`);
  return out;
}
