import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useMe } from '../../auth/context.ts';
import { useOrgs } from './api.ts';
import { compareOrgs } from './tree.ts';
import type { Org } from './types.ts';

type Node = {
  key: string;
  value: string;
  title: string;
  selectable?: boolean;
  checkable?: boolean;
  children?: Node[];
  org?: Org;
};

type Single = { multiple?: false; value?: string; onChange?: (value: string | undefined) => void };
type Multiple = { multiple: true; value?: string[]; onChange?: (value: string[]) => void };

type Props = (Single | Multiple) & {
  /** Offer deactivated units too (filters over history), marked 已停用. */
  includeInactive?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
};

/**
 * The member units of the caller's office (its units, and the lower offices under it), grouped by
 * unit category: the 报送单位 filter of a list, or the units a 批示, 约稿 or meeting goes to.
 * With `multiple`, ticking a category takes all its units.
 */
export function MemberUnitSelect(props: Props) {
  const { includeInactive, id, style } = props;
  const me = useMe();
  const { data: orgs, isLoading } = useOrgs();
  const officeIds = useMemo(
    () => new Set(me.user.units.filter((u) => u.kind === 'office').map((u) => u.id)),
    [me.user.units],
  );
  const treeData = useMemo(() => {
    const groups = new Map<string, Node>();
    const children = (orgs ?? [])
      .filter((o) => o.parentId && officeIds.has(o.parentId) && (includeInactive || o.active))
      .sort(compareOrgs);
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
  }, [orgs, officeIds, includeInactive]);

  const common = {
    id,
    style,
    treeData,
    showSearch: {
      filterTreeNode: (input: string, node: unknown) => {
        const org = (node as Node).org;
        if (!org) return false;
        const q = input.trim().toLowerCase();
        return [org.name, org.shortName, org.code].some((s) => s.toLowerCase().includes(q));
      },
    },
    allowClear: true,
    loading: isLoading,
    popupMatchSelectWidth: false,
    styles: { popup: { root: { maxHeight: 420, minWidth: 280 } } },
    notFoundContent: '没有可选的单位',
  };
  if (props.multiple)
    return (
      <TreeSelect
        {...common}
        value={props.value}
        // Only units count: a ticked category stands for its units (SHOW_CHILD).
        onChange={(v: string[]) => props.onChange?.(v.filter((x) => !x.startsWith('group:')))}
        treeCheckable
        showCheckedStrategy={TreeSelect.SHOW_CHILD}
        maxTagCount="responsive"
        placeholder={props.placeholder ?? '请选择单位（可按类别全选）'}
      />
    );
  return (
    <TreeSelect
      {...common}
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      treeDefaultExpandAll
      placeholder={props.placeholder ?? '全部单位'}
    />
  );
}
