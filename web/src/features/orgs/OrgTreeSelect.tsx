import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrgs } from './api.ts';
import { buildTree } from './tree.ts';
import type { Org } from './types.ts';

type Props = {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  /** Only offices (政府办) can be parents of other orgs. */
  officesOnly?: boolean;
  /** Also offer deactivated orgs (filters over history); they are marked 已停用. */
  includeInactive?: boolean;
  /** Orgs that may not be chosen, e.g. an org's own subtree when picking its new parent. */
  excludeIds?: Set<string>;
  /** Offered even when deactivated: what the record already points at. */
  alsoIds?: readonly string[];
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
};

/** A picker over the unit registry, searchable by name, short name or code. */
export function OrgTreeSelect({
  value,
  onChange,
  officesOnly,
  includeInactive,
  excludeIds,
  alsoIds,
  multiple,
  placeholder = '请选择单位',
  allowClear = true,
  disabled,
  id,
  style,
}: Props) {
  const { data: orgs, isLoading } = useOrgs();
  const treeData = useMemo(
    () =>
      buildTree(
        orgs ?? [],
        (org) =>
          (!officesOnly || org.kind === 'office') &&
          (includeInactive || org.active || !!alsoIds?.includes(org.id)) &&
          !excludeIds?.has(org.id),
        (org: Org) => ({ title: org.active ? org.name : `${org.name}（已停用）` }),
      ),
    [orgs, officesOnly, includeInactive, excludeIds, alsoIds],
  );
  return (
    <TreeSelect
      id={id}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      treeData={treeData}
      multiple={multiple}
      treeCheckable={false}
      showSearch={{
        filterTreeNode: (input, node) => {
          const org = (node as { org?: Org }).org;
          if (!org) return false;
          const q = input.trim().toLowerCase();
          return [org.name, org.shortName, org.code].some((s) => s.toLowerCase().includes(q));
        },
      }}
      treeDefaultExpandAll
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={isLoading}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 320 } } }}
      notFoundContent="没有可选的单位"
    />
  );
}
