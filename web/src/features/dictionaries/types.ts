/** The configurable dictionaries and one entry as GET /api/dictionaries returns it. */
export type DictionaryName = 'unit_category' | 'assessment_group';

export const DICTIONARY_LABELS: Record<DictionaryName, string> = {
  unit_category: '单位类别',
  assessment_group: '考核分组',
};

export type DictionaryEntry = {
  id: string;
  dictionary: DictionaryName;
  code: string;
  label: string;
  sortOrder: number;
  active: boolean;
  /** What the caller may do to the entry; the buttons follow it. */
  actions?: ('update' | 'deactivate' | 'activate')[];
};
