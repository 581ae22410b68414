import { count } from 'drizzle-orm';
import { recordAudit, SYSTEM_CONTEXT } from '../../lib/audit.ts';
import { hashPassword } from '../../modules/auth/index.ts';
import { archiveHistoricDocx } from '../../modules/issues/index.ts';
import { reindexAll } from '../../modules/search/index.ts';
import type { Db } from '../client.ts';
import {
  type OfficeLevel,
  orgs,
  publications,
  type Role,
  userRoles,
  users,
  userUnits,
} from '../schema/index.ts';
import { seedDemoAssessment } from './demo-assessment.ts';
import { seedDemoCirculation } from './demo-circulation.ts';
import { seedDemoCoordination } from './demo-coordination.ts';
import { seedDemoIssues } from './demo-issues.ts';
import { type DemoItemsSummary, seedDemoItems } from './demo-items.ts';
import { seedDictionaries } from './dictionaries.ts';

type OfficeSeed = {
  code: string;
  name: string;
  shortName: string;
  level: OfficeLevel;
  section: string;
  parent?: string;
};
type UnitSeed = { code: string; name: string; shortName: string; category: string; group: string };

/** The demo city: the seed's 汾阳 under 吕梁 under 山西, with 吕梁's other counties beside it. */
export const DEMO_OFFICES: OfficeSeed[] = [
  {
    code: 'sx',
    name: '山西省人民政府办公厅',
    shortName: '省政府办公厅',
    level: 'province',
    section: '信息处',
  },
  {
    code: 'll',
    name: '吕梁市人民政府办公室',
    shortName: '吕梁市政府办',
    level: 'city',
    section: '信息科',
    parent: 'sx',
  },
  {
    code: 'fy',
    name: '汾阳市人民政府办公室',
    shortName: '汾阳市政府办',
    level: 'county',
    section: '信息科',
    parent: 'll',
  },
  {
    code: 'xy',
    name: '孝义市人民政府办公室',
    shortName: '孝义市政府办',
    level: 'county',
    section: '信息科',
    parent: 'll',
  },
  {
    code: 'ls',
    name: '离石区人民政府办公室',
    shortName: '离石区政府办',
    level: 'county',
    section: '信息科',
    parent: 'll',
  },
  {
    code: 'jc',
    name: '交城县人民政府办公室',
    shortName: '交城县政府办',
    level: 'county',
    section: '信息科',
    parent: 'll',
  },
  {
    code: 'ws',
    name: '文水县人民政府办公室',
    shortName: '文水县政府办',
    level: 'county',
    section: '信息科',
    parent: 'll',
  },
];

/** 汾阳's reporting units. The first ten are the seed's units that reported in the year. */
export const DEMO_UNITS: UnitSeed[] = [
  { code: 'fy_czj', name: '汾阳市财政局', shortName: '财政局', category: 'city_dept', group: 'dept_1' },
  {
    code: 'fy_jsj',
    name: '汾阳市人口和计划生育局',
    shortName: '计生局',
    category: 'city_dept',
    group: 'dept_2',
  },
  { code: 'fy_swj', name: '汾阳市水务局', shortName: '水务局', category: 'city_dept', group: 'dept_1' },
  {
    code: 'fy_dcd',
    name: '国家统计局汾阳调查队',
    shortName: '国家统计局汾阳调查队',
    category: 'vertical',
    group: 'dept_3',
  },
  { code: 'fy_whj', name: '汾阳市文化局', shortName: '文化局', category: 'city_dept', group: 'dept_2' },
  {
    code: 'fy_xmj',
    name: '汾阳市畜牧兽医局',
    shortName: '畜牧兽医局',
    category: 'city_dept',
    group: 'dept_2',
  },
  { code: 'fy_xfj', name: '汾阳市信访局', shortName: '信访局', category: 'city_dept', group: 'dept_2' },
  {
    code: 'fy_sbsq',
    name: '汾阳市双百双千工程领导组办公室',
    shortName: '双百双千办',
    category: 'city_dept',
    group: 'dept_3',
  },
  { code: 'fy_lyj', name: '汾阳市林业局', shortName: '林业局', category: 'city_dept', group: 'dept_2' },
  {
    code: 'fy_thq',
    name: '汾阳市太和桥街道办事处',
    shortName: '太和桥办事处',
    category: 'subdistrict',
    group: 'township',
  },
  { code: 'fy_fgj', name: '汾阳市发展和改革局', shortName: '发改局', category: 'city_dept', group: 'dept_1' },
  { code: 'fy_jyj', name: '汾阳市教育局', shortName: '教育局', category: 'city_dept', group: 'dept_1' },
  { code: 'fy_gaj', name: '汾阳市公安局', shortName: '公安局', category: 'city_dept', group: 'dept_1' },
  { code: 'fy_mzj', name: '汾阳市民政局', shortName: '民政局', category: 'city_dept', group: 'dept_1' },
  {
    code: 'fy_rsj',
    name: '汾阳市人力资源和社会保障局',
    shortName: '人社局',
    category: 'city_dept',
    group: 'dept_1',
  },
  {
    code: 'fy_gtj',
    name: '汾阳市国土资源局',
    shortName: '国土资源局',
    category: 'city_dept',
    group: 'dept_1',
  },
  {
    code: 'fy_zjj',
    name: '汾阳市住房和城乡建设局',
    shortName: '住建局',
    category: 'city_dept',
    group: 'dept_1',
  },
  {
    code: 'fy_jtj',
    name: '汾阳市交通运输局',
    shortName: '交通运输局',
    category: 'city_dept',
    group: 'dept_1',
  },
  { code: 'fy_nyj', name: '汾阳市农业局', shortName: '农业局', category: 'city_dept', group: 'dept_1' },
  { code: 'fy_wsj', name: '汾阳市卫生局', shortName: '卫生局', category: 'city_dept', group: 'dept_1' },
  { code: 'fy_swuj', name: '汾阳市商务局', shortName: '商务局', category: 'city_dept', group: 'dept_2' },
  { code: 'fy_sjj', name: '汾阳市审计局', shortName: '审计局', category: 'city_dept', group: 'dept_2' },
  { code: 'fy_tjj', name: '汾阳市统计局', shortName: '统计局', category: 'city_dept', group: 'dept_2' },
  { code: 'fy_hbj', name: '汾阳市环境保护局', shortName: '环保局', category: 'city_dept', group: 'dept_2' },
  {
    code: 'fy_ajj',
    name: '汾阳市安全生产监督管理局',
    shortName: '安监局',
    category: 'city_dept',
    group: 'dept_2',
  },
  { code: 'fy_lvj', name: '汾阳市旅游局', shortName: '旅游局', category: 'city_dept', group: 'dept_2' },
  {
    code: 'fy_gsj',
    name: '汾阳市工商行政管理局',
    shortName: '工商局',
    category: 'vertical',
    group: 'dept_3',
  },
  {
    code: 'fy_zcb',
    name: '中共汾阳市委宣传部',
    shortName: '市委宣传部',
    category: 'party_dept',
    group: 'dept_3',
  },
  {
    code: 'fy_zfw',
    name: '中共汾阳市委政法委员会',
    shortName: '市委政法委',
    category: 'party_dept',
    group: 'dept_3',
  },
  { code: 'fy_zgh', name: '汾阳市总工会', shortName: '总工会', category: 'mass_org', group: 'dept_3' },
  { code: 'fy_tsw', name: '共青团汾阳市委员会', shortName: '团市委', category: 'mass_org', group: 'dept_3' },
  { code: 'fy_fl', name: '汾阳市妇女联合会', shortName: '妇联', category: 'mass_org', group: 'dept_3' },
  {
    code: 'fy_zty',
    name: '汾阳市人民政府驻太原办事处',
    shortName: '驻太原办事处',
    category: 'liaison_office',
    group: 'dept_3',
  },
  {
    code: 'fy_wf',
    name: '汾阳市文峰街道办事处',
    shortName: '文峰街道',
    category: 'subdistrict',
    group: 'township',
  },
  {
    code: 'fy_jjz',
    name: '汾阳市贾家庄镇人民政府',
    shortName: '贾家庄镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_xhc',
    name: '汾阳市杏花村镇人民政府',
    shortName: '杏花村镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_jc',
    name: '汾阳市冀村镇人民政府',
    shortName: '冀村镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_xjz',
    name: '汾阳市肖家庄镇人民政府',
    shortName: '肖家庄镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_yw',
    name: '汾阳市演武镇人民政府',
    shortName: '演武镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_sq',
    name: '汾阳市三泉镇人民政府',
    shortName: '三泉镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_sz',
    name: '汾阳市石庄镇人民政府',
    shortName: '石庄镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_yjz',
    name: '汾阳市杨家庄镇人民政府',
    shortName: '杨家庄镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_ydh',
    name: '汾阳市峪道河镇人民政府',
    shortName: '峪道河镇',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_xh',
    name: '汾阳市西河乡人民政府',
    shortName: '西河乡',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_yc',
    name: '汾阳市阳城乡人民政府',
    shortName: '阳城乡',
    category: 'township',
    group: 'township',
  },
  {
    code: 'fy_ljz',
    name: '汾阳市栗家庄乡人民政府',
    shortName: '栗家庄乡',
    category: 'township',
    group: 'township',
  },
];

/**
 * Publications of 汾阳 and the offices above it. What an adoption in one scores is the
 * assessment's rule sets' to say (demo-assessment.ts), not the publication's.
 */
export const DEMO_PUBLICATIONS = [
  { office: 'll', name: '吕梁政务信息●普刊', kind: '普刊' },
  { office: 'sx', name: '晋政信息●普刊', kind: '普刊' },
  { office: 'sx', name: '晋政信息●互联网', kind: '互联网' },
  {
    office: 'fy',
    name: '汾阳政务信息',
    kind: '普刊',
    definition: {
      numbering: 'yearly',
      labelFormat: 'year_issue',
      distribution: {
        bao: '吕梁市人民政府办公室',
        song: '市委、市人大、市政协领导，市政府各位领导',
        fa: '各乡镇人民政府、街道办事处，市直各单位',
      },
      printCount: 80,
      defaultEditor: 'editor',
      defaultSigner: 'chief',
    },
  },
] as const;

type AccountSeed = { username: string; name: string; unit: string; roles: Role[]; description: string };

/** Named demo accounts; each reporting unit also gets `<code>_xxy` (信息员) and `<code>_qf` (签发人). */
export const DEMO_ACCOUNTS: AccountSeed[] = [
  {
    username: 'admin',
    name: '王建国',
    unit: 'fy',
    roles: ['sysadmin'],
    description: '系统管理员（汾阳市政府办）',
  },
  {
    username: 'secadmin',
    name: '李安平',
    unit: 'fy',
    roles: ['secadmin'],
    description: '安全管理员（汾阳市政府办）',
  },
  {
    username: 'auditor',
    name: '赵审言',
    unit: 'fy',
    roles: ['auditor'],
    description: '审计员（汾阳市政府办）',
  },
  {
    username: 'editor',
    name: '张文秀',
    unit: 'fy',
    roles: ['editor'],
    description: '编辑（汾阳市政府办 信息科）',
  },
  {
    username: 'editor2',
    name: '刘晓燕',
    unit: 'fy',
    roles: ['editor'],
    description: '编辑（汾阳市政府办 信息科）',
  },
  {
    username: 'chief',
    name: '陈志强',
    unit: 'fy',
    roles: ['chief_editor'],
    description: '主编/签发领导（汾阳市政府办 副主任）',
  },
  {
    username: 'leader',
    name: '郭振华',
    unit: 'fy',
    roles: ['leader'],
    description: '领导（汾阳市人民政府 副市长）',
  },
  {
    username: 'll_editor',
    name: '孙丽华',
    unit: 'll',
    roles: ['editor'],
    description: '编辑（吕梁市政府办 信息科）',
  },
  {
    username: 'll_chief',
    name: '马宏伟',
    unit: 'll',
    roles: ['chief_editor'],
    description: '主编/签发领导（吕梁市政府办）',
  },
  {
    username: 'fy_czj_xxy',
    name: '杨晓东',
    unit: 'fy_czj',
    roles: ['reporter'],
    description: '信息员（财政局）',
  },
  {
    username: 'fy_czj_qf',
    name: '周国栋',
    unit: 'fy_czj',
    roles: ['unit_signer'],
    description: '审核签发人（财政局）',
  },
  {
    username: 'fy_swj_xxy',
    name: '吴海燕',
    unit: 'fy_swj',
    roles: ['reporter'],
    description: '信息员（水务局）',
  },
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = [
  '建华',
  '丽娟',
  '志刚',
  '海燕',
  '晓明',
  '秀英',
  '国庆',
  '文静',
  '红梅',
  '永强',
  '俊杰',
  '玉兰',
  '宏伟',
  '淑芳',
  '立新',
  '雪梅',
  '振宇',
  '春霞',
  '德明',
  '慧敏',
];
const personName = (i: number) => `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`;
const phone = (i: number) => `0358-72${String(10000 + i * 37).slice(-5)}`;

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(orgs);
  return row.n === 0;
}

export type SeedDemoOptions = {
  /** Also load the demo year's items and today's (off in most tests, for speed). */
  items?: boolean;
  /** The day the demo year is counted back from (tests pin it). */
  now?: Date;
  /** Where to archive the demo issues' final DOCX (FILES_DIR); without it they have no archive copy. */
  filesDir?: string;
};

/**
 * Loads the demo city into an empty database in one transaction. Every account shares one
 * password, hashed once.
 */
export async function seedDemo(db: Db, password: string, opts: SeedDemoOptions = {}): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await seedDictionaries(tx);
    const ids = new Map<string, string>();
    for (const [i, o] of DEMO_OFFICES.entries()) {
      const [row] = await tx
        .insert(orgs)
        .values({
          code: o.code,
          name: o.name,
          shortName: o.shortName,
          kind: 'office',
          level: o.level,
          sectionName: o.section,
          categoryCode: 'office',
          parentId: o.parent ? ids.get(o.parent) : null,
          sortOrder: (i + 1) * 10,
          contactPerson: personName(i + 100),
          contactPhone: phone(i + 100),
          validFrom: '2009-01-01',
        })
        .returning({ id: orgs.id });
      ids.set(o.code, row.id);
    }
    const unitRows = DEMO_UNITS.map((u, i) => ({
      code: u.code,
      name: u.name,
      shortName: u.shortName,
      kind: 'unit' as const,
      categoryCode: u.category,
      groupCode: u.group,
      parentId: ids.get('fy')!,
      sortOrder: (i + 1) * 10,
      contactPerson: personName(i),
      contactPhone: phone(i),
      netAccessDate: i % 3 === 0 ? null : `2008-${String((i % 12) + 1).padStart(2, '0')}-15`,
      netAccessMethod: i % 3 === 0 ? null : i % 2 === 0 ? '光纤专线' : 'VPN 接入',
      netIpRange: i % 3 === 0 ? null : `10.72.${i + 10}.0/24`,
      netFilingNo: i % 3 === 0 ? null : `汾政网备〔2008〕${i + 1}号`,
      validFrom: '2009-01-01',
    }));
    const inserted = await tx.insert(orgs).values(unitRows).returning({ id: orgs.id, code: orgs.code });
    for (const r of inserted) ids.set(r.code, r.id);

    const accounts: AccountSeed[] = [...DEMO_ACCOUNTS];
    const named = new Set(accounts.map((a) => a.username));
    DEMO_UNITS.forEach((u, i) => {
      const reporter = {
        username: `${u.code}_xxy`,
        name: personName(i + 200),
        unit: u.code,
        roles: ['reporter'] as Role[],
        description: `信息员（${u.shortName}）`,
      };
      const signer = {
        username: `${u.code}_qf`,
        name: personName(i + 300),
        unit: u.code,
        roles: ['unit_signer'] as Role[],
        description: `审核签发人（${u.shortName}）`,
      };
      for (const a of [reporter, signer]) if (!named.has(a.username)) accounts.push(a);
    });
    const userRows = await tx
      .insert(users)
      .values(
        accounts.map((a, i) => ({
          username: a.username,
          displayName: a.name,
          phone: `139${String(3580000 + i * 131).padStart(8, '0')}`,
          passwordHash,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const userId = new Map(userRows.map((u) => [u.username, u.id]));
    await tx
      .insert(userUnits)
      .values(
        accounts.map((a) => ({ userId: userId.get(a.username)!, orgId: ids.get(a.unit)!, isPrimary: true })),
      );
    await tx
      .insert(userRoles)
      .values(accounts.flatMap((a) => a.roles.map((role) => ({ userId: userId.get(a.username)!, role }))));
    await tx.insert(publications).values(
      DEMO_PUBLICATIONS.map((p, i) => {
        const d = 'definition' in p ? p.definition : null;
        return {
          officeId: ids.get(p.office)!,
          name: p.name,
          kind: p.kind,
          sortOrder: i,
          ...(d && {
            numbering: d.numbering,
            labelFormat: d.labelFormat,
            distribution: { ...d.distribution },
            printCount: d.printCount,
            defaultEditorId: userId.get(d.defaultEditor)!,
            defaultSignerId: userId.get(d.defaultSigner)!,
          }),
        };
      }),
    );
    const now = opts.now ?? new Date();
    const demoItems: DemoItemsSummary | null = opts.items ? await seedDemoItems(tx, now) : null;
    const { filesDir } = opts;
    const archive = filesDir
      ? (t: Db, issueId: string, at: Date, by: { id: string; name: string }) =>
          archiveHistoricDocx(t, filesDir, issueId, at, by)
      : undefined;
    const demoIssues = opts.items ? await seedDemoIssues(tx, now, archive) : null;
    const demoCirculation = opts.items ? await seedDemoCirculation(tx, now) : null;
    const demoCoordination = opts.items ? await seedDemoCoordination(tx, now) : null;
    const demoAssessment = await seedDemoAssessment(tx, now);
    await recordAudit(tx, SYSTEM_CONTEXT, {
      action: 'system.initialized',
      targetType: 'system',
      targetLabel: '演示数据',
      diff: {
        offices: DEMO_OFFICES.length,
        units: DEMO_UNITS.length,
        users: accounts.length,
        ...(demoItems ? { demoYear: demoItems.year, items: demoItems.items } : {}),
        ...(demoIssues ? { issues: demoIssues.issues } : {}),
        ...(demoCirculation ? { circulated: demoCirculation.issues + demoCirculation.items } : {}),
        ...(demoCoordination ?? {}),
        ...demoAssessment,
      },
    });
  });
  // The demo's records were written in bulk: index their text for search in one pass.
  await reindexAll(db);
}

export function printDemoAccounts(password: string): void {
  console.log(`\n演示账号（密码均为 ${password}）：`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.description}`);
  console.log(
    '  另：每个报送单位有信息员 <单位编码>_xxy 与审核签发人 <单位编码>_qf（如 fy_whj_xxy、fy_whj_qf）。\n',
  );
}
