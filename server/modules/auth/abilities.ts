import type { Role } from '../../db/schema/index.ts';

export type MenuEntry = { key: string; label: string; path: string; description: string };

/**
 * The menu per role. Every entry here is a screen whose API enforces the same roles, so the
 * menu is a convenience, never the protection.
 */
const MENU: { entry: MenuEntry; roles: readonly Role[] }[] = [
  {
    entry: {
      key: 'compose',
      label: '写信息',
      path: '/items/new',
      description: '撰写政务信息，自动质量检查，提交本单位签发',
    },
    roles: ['reporter'],
  },
  {
    entry: {
      key: 'my-items',
      label: '我的信息',
      path: '/items/mine',
      description: '本单位报送的信息、状态与完整处理过程',
    },
    roles: ['reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'signoff',
      label: '待签发',
      path: '/items/signoff',
      description: '审核本单位信息，签发报送或退回修改',
    },
    roles: ['unit_signer'],
  },
  {
    entry: {
      key: 'inbox',
      label: '收稿箱',
      path: '/inbox',
      description: '各单位报送的信息：退回、退稿、拟采用、合报',
    },
    roles: ['editor', 'chief_editor'],
  },
  {
    entry: {
      key: 'forwarded',
      label: '转报与采用',
      path: '/items/forwarded',
      description: '本级转报上级的信息及上级采用登记',
    },
    roles: ['editor', 'chief_editor'],
  },
  {
    entry: {
      key: 'issues',
      label: '刊物编辑',
      path: '/issues',
      description: '组稿编排本级信息刊物：定版、签发、发布，下载 Word/PDF',
    },
    roles: ['editor', 'chief_editor'],
  },
  {
    entry: {
      key: 'portal-queue',
      label: '网站推送',
      path: '/portal-queue',
      description: '已发布且可公开的信息，待政府网站发布',
    },
    roles: ['editor', 'chief_editor'],
  },
  {
    entry: {
      key: 'reading',
      label: '传阅件',
      path: '/reading',
      description: '办公室传阅的刊物和信息，阅后留痕',
    },
    roles: ['leader'],
  },
  {
    entry: {
      key: 'topics',
      label: '报送要点',
      path: '/topics',
      description: '按时段发布报送要点，统计各要点的报送、采用和上级采用情况',
    },
    roles: ['editor', 'chief_editor', 'reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'commissions',
      label: '约稿',
      path: '/commissions',
      description: '向各单位约稿：约稿通知单、已读回执、催报，答复与完成情况',
    },
    roles: ['editor', 'chief_editor'],
  },
  {
    entry: {
      key: 'my-commissions',
      label: '约稿通知',
      path: '/commissions',
      description: '办公室的约稿通知：按期报送相关信息或说明原因',
    },
    roles: ['reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'instructions',
      label: '领导批示',
      path: '/instructions',
      description: '领导批示的登记、交办与落实反馈审核，逾期跟踪',
    },
    roles: ['editor', 'chief_editor'],
  },
  {
    entry: {
      key: 'my-instructions',
      label: '我的批示',
      path: '/instructions',
      description: '您作出的批示及各承办单位的落实情况',
    },
    roles: ['leader'],
  },
  {
    entry: {
      key: 'instruction-feedback',
      label: '批示落实',
      path: '/instructions',
      description: '交办本单位的领导批示，按期报送落实反馈',
    },
    roles: ['reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'assessment',
      label: '考评排名',
      path: '/assessment',
      description: '按月、季、年分组排名：报送、采用（本级/上级）、采用率、得分与累计，逐项追溯得分来源',
    },
    roles: ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'statistics',
      label: '统计分析',
      path: '/statistics',
      description:
        '报送与采用的月度走势、各单位对比、分组采用率、报送覆盖、各刊物采用和向上采用；单位看本单位走势与名次',
    },
    roles: ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'assessment-notices',
      label: '考评通报',
      path: '/assessment/notices',
      description: '月度、季度、年度政务信息报送采用情况通报：按考评数据起草，修改后印发存档',
    },
    roles: ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'assessment-adjustments',
      label: '加减分登记',
      path: '/assessment/adjustments',
      description: '办公室对各单位的加分、减分（如表彰、通报批评），计入当期考评得分；单位查看本单位的加减分',
    },
    roles: ['editor', 'chief_editor', 'leader', 'reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'assessment-rules',
      label: '考核办法',
      path: '/assessment/rules',
      description: '制定考核办法（计分规则、分组、任务与扣分），版本管理，启用前模拟测算',
    },
    roles: ['editor', 'chief_editor'],
  },
  {
    entry: {
      key: 'liaison',
      label: '联络员备案',
      path: '/liaison',
      description: '各单位年度分管领导和信息员备案、变更记录，未备案名单与通讯录导出',
    },
    roles: ['editor', 'chief_editor', 'reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'meetings',
      label: '会议培训',
      path: '/meetings',
      description: '工作会议、培训和视频会议：保障清单、出席登记、年度统计',
    },
    roles: ['editor', 'chief_editor', 'reporter', 'unit_signer'],
  },
  {
    entry: {
      key: 'my-unit',
      label: '本单位',
      path: '/my-unit',
      description: '查看本单位信息与联络人，维护联系方式',
    },
    roles: ['reporter', 'unit_signer', 'editor', 'chief_editor', 'leader'],
  },
  {
    entry: {
      key: 'orgs',
      label: '单位管理',
      path: '/admin/orgs',
      description: '组织机构树、单位新建、调整、停用、Excel 导入导出',
    },
    roles: ['sysadmin'],
  },
  {
    entry: {
      key: 'users',
      label: '用户管理',
      path: '/admin/users',
      description: '账号新建、所属单位、重置密码、停用',
    },
    roles: ['sysadmin', 'secadmin'],
  },
  {
    entry: {
      key: 'dictionaries',
      label: '字典管理',
      path: '/admin/dictionaries',
      description: '单位类别、考核分组',
    },
    roles: ['sysadmin'],
  },
  {
    entry: {
      key: 'notification-channels',
      label: '消息通道',
      path: '/admin/notifications',
      description: '短信、邮件、企业微信和钉钉机器人的配置、测试与发送记录',
    },
    roles: ['sysadmin'],
  },
  {
    entry: {
      key: 'workflow-limits',
      label: '时限设置',
      path: '/admin/workflow-limits',
      description: '本办公室紧急信息、送阅件和常规信息的办理时限（编辑只读）',
    },
    roles: ['chief_editor', 'sysadmin', 'editor'],
  },
  {
    entry: {
      key: 'publications',
      label: '刊物设置',
      path: '/admin/publications',
      description: '本级信息刊物：期号编排、报送范围、印数、默认责任编辑与签发人',
    },
    roles: ['chief_editor', 'sysadmin', 'editor'],
  },
  {
    entry: {
      key: 'role-grants',
      label: '待确认授权',
      path: '/admin/role-grants',
      description: '系统管理员授予的业务角色，经安全管理员确认后生效',
    },
    roles: ['secadmin'],
  },
  {
    entry: {
      key: 'security',
      label: '安全策略',
      path: '/admin/security',
      description: '密码策略、登录锁定、会话超时',
    },
    roles: ['secadmin'],
  },
  {
    entry: { key: 'audit', label: '操作日志', path: '/admin/audit', description: '查询与导出全部操作日志' },
    roles: ['auditor'],
  },
];

/** The caller's entries in menu order; a screen shown to several roles under different names appears once. */
export function menuFor(roles: readonly Role[]): MenuEntry[] {
  const paths = new Set<string>();
  return MENU.filter((m) => m.roles.some((r) => roles.includes(r)))
    .map((m) => m.entry)
    .filter((e) => !paths.has(e.path) && !!paths.add(e.path));
}
