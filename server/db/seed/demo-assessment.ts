import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { RulesInput } from '../../modules/assessment/engine/rules.ts';
import type { Db } from '../client.ts';
import { assessmentRuleSets, orgs, publications } from '../schema/index.ts';
import { demoYear } from './demo-items-kit.ts';

/**
 * 吕梁's and 汾阳's 考核办法 for the demo year and the current year (docs/domain.md §3.4):
 * 吕梁 ranks its counties by the seed's points per upper adoption (1, 4 and 2 in
 * 《吕梁政务信息●普刊》《晋政信息●普刊》《晋政信息●互联网》), which puts 汾阳 third with 75; 汾阳
 * ranks its departments in three classes and its townships, with its own publication, the upper
 * ones, instruction bonuses, commissions and a quarterly quota for the townships.
 */
export async function seedDemoAssessment(tx: Db, now: Date): Promise<{ ruleSets: number }> {
  const offices = await tx
    .select({ id: orgs.id, code: orgs.code })
    .from(orgs)
    .where(inArray(orgs.code, ['ll', 'fy']));
  const office = new Map(offices.map((o) => [o.code, o.id]));
  const pubs = await tx.select({ id: publications.id, name: publications.name }).from(publications);
  const pub = (name: string) => {
    const p = pubs.find((x) => x.name === name);
    if (!p) throw new Error(`演示数据缺少刊物《${name}》`);
    return p.id;
  };

  const lvliang: RulesInput = {
    groups: [{ code: 'counties', name: '县（市、区）', offices: true }],
    adoption: {
      rows: [
        { key: 'll_pk', label: '吕梁政务信息●普刊', publicationIds: [pub('吕梁政务信息●普刊')], points: '1' },
        { key: 'sx_pk', label: '晋政信息●普刊', publicationIds: [pub('晋政信息●普刊')], points: '4' },
        { key: 'sx_web', label: '晋政信息●互联网', publicationIds: [pub('晋政信息●互联网')], points: '2' },
      ],
      combine: 'sum',
      multipliers: [],
    },
    joint: 'even',
    quotas: [],
    zeroOut: [],
  };
  const fenyang: RulesInput = {
    groups: [
      { code: 'dept_1', name: '一类部门', unitGroups: ['dept_1'] },
      { code: 'dept_2', name: '二类部门', unitGroups: ['dept_2'] },
      { code: 'dept_3', name: '三类部门', unitGroups: ['dept_3'] },
      { code: 'township', name: '乡镇街道', unitGroups: ['township'] },
    ],
    adoption: {
      rows: [
        {
          key: 'fy_research',
          label: '汾阳政务信息·调研',
          publicationIds: [pub('汾阳政务信息')],
          categories: ['research'],
          points: '4',
        },
        { key: 'fy', label: '汾阳政务信息', publicationIds: [pub('汾阳政务信息')], points: '2' },
        { key: 'll', label: '吕梁政务信息', publicationIds: [pub('吕梁政务信息●普刊')], points: '5' },
        { key: 'sx', label: '晋政信息●普刊', publicationIds: [pub('晋政信息●普刊')], points: '10' },
        { key: 'sx_web', label: '晋政信息●互联网', publicationIds: [pub('晋政信息●互联网')], points: '5' },
      ],
      combine: 'sum',
      multipliers: [],
    },
    joint: 'share',
    submission: { points: '0.5', cap: '20' },
    instructions: {
      rows: [
        { level: 'state_council', points: '30' },
        { level: 'province', points: '20' },
        { level: 'city', points: '10' },
        { level: 'county', points: '5' },
      ],
      mode: 'once_per_level',
    },
    commissions: { answeredPoints: '2', answeredCap: '10', latePenalty: '1', missedPenalty: '2' },
    penalties: { instructionOverdue: '2', instructionLate: '1' },
    quotas: [
      {
        key: 'township_quarter',
        label: '季度报送任务',
        groups: ['township'],
        period: 'quarter',
        counts: 'submitted',
        min: 3,
        basePoints: '2',
        shortPenaltyPerItem: '0.5',
      },
    ],
    zeroOut: [],
    floor: '0',
  };
  const year = demoYear(now);
  const sets = [
    { code: 'll', name: '吕梁市政务信息工作考核办法', rules: lvliang },
    { code: 'fy', name: '汾阳市政务信息工作考核办法', rules: fenyang },
  ];
  let n = 0;
  for (const y of [year, year + 1]) {
    for (const s of sets) {
      const id = randomUUID();
      await tx.insert(assessmentRuleSets).values({
        id,
        seriesId: id,
        versionNo: 1,
        officeId: office.get(s.code)!,
        name: `${y}年度${s.name}`,
        periodStart: `${y}-01-01`,
        periodEnd: `${y}-12-31`,
        status: 'active',
        rules: s.rules,
        note: y === year ? '演示年度（上一完整年度）' : '本年度',
        createdByName: s.code === 'll' ? '孙丽华' : '张文秀',
        createdAt: new Date(`${y - 1}-12-20T02:00:00Z`),
        activatedAt: new Date(`${y - 1}-12-28T02:00:00Z`),
        activatedByName: s.code === 'll' ? '马宏伟' : '陈志强',
      });
      n++;
    }
  }
  return { ruleSets: n };
}
