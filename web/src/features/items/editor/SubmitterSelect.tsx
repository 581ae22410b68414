import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useMe } from '../../../auth/context.ts';
import { useOrgs } from '../../orgs/api.ts';
import { compareOrgs } from '../../orgs/tree.ts';
import type { Org } from '../../orgs/types.ts';

type Node = { key: string; value: string; title: string; selectable?: boolean; children?: Node[]; org?: Org };

type Props = {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  style?: React.CSSProperties;
};

/**
 * 报送单位 of an office's inbox: the orgs that submit to the caller's office (its units, and the
 * lower offices that forward to it), grouped by unit category.
 */
export function SubmitterSelect({ value, onChange, id, style }: Props) {
  const me = useMe();
  const { data: orgs, isLoading } = useOrgs();
  const officeIds = useMemo(
    () => new Set(me.user.units.filter((u) => u.kind === 'office').map((u) => u.id)),
    [me.user.units],
  );
  const treeData = useMemo(() => {
    const groups = new Map<string, Node>();
    const children = (orgs ?? []).filter((o) => o.parentId && officeIds.has(o.parentId)).sort(compareOrgs);
    for (const org of children) {
      const label = org.categoryLabel ?? '其他';
      const group = groups.get(label) ?? {
        key: `group:${label}`,
        value: `group:${label}`,
        title: label,
        selectable: false,
        children: [],
      };
      group.children?.push({
        key: org.id,
        value: org.id,
        title: org.active ? org.name : `${org.name}（已停用）`,
        org,
      });
      groups.set(label, group);
    }
    return [...groups.values()];
  }, [orgs, officeIds]);

  return (
    <TreeSelect
      id={id}
      style={style}
      value={value}
      onChange={(v) => onChange?.(v)}
      treeData={treeData}
      showSearch={{
        filterTreeNode: (input, node) => {
          const org = (node as Node).org;
          if (!org) return false;
          const q = input.trim().toLowerCase();
          return [org.name, org.shortName, org.code].some((s) => s.toLowerCase().includes(q));
        },
      }}
      treeDefaultExpandAll
      allowClear
      placeholder="全部单位"
      loading={isLoading}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 280 } } }}
      notFoundContent="没有可选的单位"
    />
  );
}
