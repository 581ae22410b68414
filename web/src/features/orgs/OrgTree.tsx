import { ApartmentOutlined, BankOutlined } from '@ant-design/icons';
import { Empty, Tag, Tree, Typography } from 'antd';
import { useMemo } from 'react';
import { buildTree } from './tree.ts';
import type { Org } from './types.ts';

type Props = {
  orgs: Org[];
  showInactive: boolean;
  selectedId: string | null;
  expandedKeys: string[];
  onExpand: (keys: string[]) => void;
  onSelect: (org: Org | null) => void;
  height: number;
};

/** The registry as a tree: offices above the units that report to them; stopped ones greyed. */
export function OrgTree({ orgs, showInactive, selectedId, expandedKeys, onExpand, onSelect, height }: Props) {
  const treeData = useMemo(
    () =>
      buildTree(
        orgs,
        (org) => showInactive || org.active,
        (org) => ({
          icon: org.kind === 'office' ? <BankOutlined /> : <ApartmentOutlined />,
          title: (
            <span title={`${org.name}（${org.code}）`}>
              <Typography.Text type={org.active ? undefined : 'secondary'} delete={false}>
                {org.shortName || org.name}
              </Typography.Text>
              {!org.active && (
                <Tag style={{ marginInlineStart: 6 }} color="default">
                  已停用
                </Tag>
              )}
            </span>
          ),
        }),
      ),
    [orgs, showInactive],
  );
  if (!treeData.length) return <Empty description="暂无单位" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Tree
      showIcon
      blockNode
      height={height}
      treeData={treeData}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expandedKeys}
      onExpand={(keys) => onExpand(keys.map(String))}
      onSelect={(_keys, info) => onSelect(info.selected ? (info.node as unknown as { org: Org }).org : null)}
    />
  );
}
