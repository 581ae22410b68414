import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DictionaryTable } from '../../features/dictionaries/DictionaryTable.tsx';
import { DICTIONARY_LABELS, type DictionaryName } from '../../features/dictionaries/types.ts';

const TABS: DictionaryName[] = ['unit_category', 'assessment_group'];

/** 字典管理 (/admin/dictionaries): the lists that unit records choose from. The tab is in the URL. */
export function DictionariesPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? TABS[0];
  return (
    <>
      <PageHeader
        title="字典管理"
        description="维护单位类别与考核分组的可选项。已被单位使用的项不能删除，只能停用；停用后不再可选，已有数据不变。"
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === TABS[0] ? {} : { tab: key }, { replace: true })}
          items={TABS.map((t) => ({
            key: t,
            label: DICTIONARY_LABELS[t],
            children: <DictionaryTable dictionary={t} />,
          }))}
        />
      </Card>
    </>
  );
}
