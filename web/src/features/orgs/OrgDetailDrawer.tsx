import { Descriptions, Drawer, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { formatDate } from '../../format.ts';
import { OrgStatusTag } from './OrgStatusTag.tsx';
import { KIND_LABELS, LEVEL_LABELS, type Org } from './types.ts';

type Props = { org: Org | null; onClose: () => void; actions?: ReactNode };

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Everything the registry holds about one org, the network filing included. */
export function OrgDetailDrawer({ org, onClose, actions }: Props) {
  return (
    <Drawer
      open={!!org}
      onClose={onClose}
      size={640}
      title={
        org && (
          <Space>
            {org.name}
            <OrgStatusTag org={org} />
          </Space>
        )
      }
      extra={actions}
      destroyOnHidden
    >
      {org && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions
            title="基本信息"
            bordered
            size="small"
            column={2}
            items={[
              { key: 'code', label: '单位编码', children: org.code },
              { key: 'shortName', label: '简称', children: org.shortName },
              { key: 'name', label: '单位全称', children: org.name, span: 2 },
              {
                key: 'kind',
                label: '类型',
                children: (
                  <>
                    {KIND_LABELS[org.kind]}
                    {org.level && <Tag style={{ marginLeft: 8 }}>{LEVEL_LABELS[org.level]}</Tag>}
                  </>
                ),
              },
              { key: 'section', label: '信息科室', children: dash(org.sectionName) },
              { key: 'category', label: '单位类别', children: dash(org.categoryLabel ?? org.categoryCode) },
              { key: 'group', label: '考核分组', children: dash(org.groupLabel ?? org.groupCode) },
              { key: 'parent', label: '上级单位', children: dash(org.parentName) },
              { key: 'sort', label: '排序', children: org.sortOrder },
            ]}
          />
          <Descriptions
            title="联系方式"
            bordered
            size="small"
            column={2}
            items={[
              { key: 'person', label: '联系人', children: dash(org.contactPerson) },
              { key: 'phone', label: '联系电话', children: dash(org.contactPhone) },
              { key: 'email', label: '电子邮箱', children: dash(org.contactEmail), span: 2 },
              { key: 'address', label: '地址', children: dash(org.address), span: 2 },
            ]}
          />
          <Descriptions
            title="电子政务外网接入备案"
            bordered
            size="small"
            column={2}
            items={[
              { key: 'date', label: '接入日期', children: dash(formatDate(org.netAccessDate)) },
              { key: 'method', label: '接入方式', children: dash(org.netAccessMethod) },
              { key: 'ip', label: 'IP段', children: dash(org.netIpRange) },
              { key: 'filing', label: '备案表编号', children: dash(org.netFilingNo) },
            ]}
          />
          <Descriptions
            title="有效期"
            bordered
            size="small"
            column={2}
            items={[
              { key: 'status', label: '状态', children: <OrgStatusTag org={org} /> },
              { key: 'from', label: '生效日期', children: dash(formatDate(org.validFrom)) },
              { key: 'to', label: '失效日期', children: dash(formatDate(org.validTo)) },
              { key: 'successor', label: '继任单位', children: dash(org.successorName) },
              { key: 'reason', label: '停用原因', children: dash(org.deactivationReason) },
              {
                key: 'note',
                label: '备注',
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(org.note)}</span>,
                span: 2,
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
