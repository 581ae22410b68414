import type { Db } from '../client.ts';
import { type DictionaryName, dictionaryEntries } from '../schema/index.ts';

/** Default dictionaries of a new installation; administrators may extend them. */
export const DEFAULT_DICTIONARIES = {
  unit_category: [
    ['office', '政府办公室'],
    ['city_dept', '市直部门'],
    ['township', '乡镇'],
    ['subdistrict', '街道'],
    ['party_dept', '党委部门'],
    ['mass_org', '群团'],
    ['vertical', '垂直管理单位'],
    ['liaison_office', '驻外机构'],
    ['direct_point', '直报点'],
  ],
  assessment_group: [
    ['dept_1', '一类部门'],
    ['dept_2', '二类部门'],
    ['dept_3', '三类部门'],
    ['township', '乡镇街道'],
  ],
  item_category: [
    ['dynamic', '动态'],
    ['experience', '经验'],
    ['problem', '问题'],
    ['suggestion', '建议'],
    ['forecast', '预测'],
    ['comprehensive', '综合'],
    ['research', '调研'],
  ],
  /** Words that must never leave the unit in an information item: internal and classified markers. */
  sensitive_word: [
    ['sw01', '内部资料'],
    ['sw02', '绝密'],
    ['sw03', '机密文件'],
    ['sw04', '领导内部讲话'],
    ['sw05', '未公开'],
    ['sw06', '严禁外传'],
    ['sw07', '内部传阅'],
    ['sw08', '秘密级'],
    ['sw09', '不宜公开'],
    ['sw10', '注意保密'],
  ],
} as const;

export async function seedDictionaries(db: Db): Promise<void> {
  const rows = Object.entries(DEFAULT_DICTIONARIES).flatMap(([dictionary, entries]) =>
    entries.map(([code, label], i) => ({
      dictionary: dictionary as DictionaryName,
      code,
      label,
      sortOrder: (i + 1) * 10,
    })),
  );
  await db.insert(dictionaryEntries).values(rows).onConflictDoNothing();
}
