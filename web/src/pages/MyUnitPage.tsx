import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { useMe } from '../auth/context.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { KIND_LABELS, LEVEL_LABELS, type Org } from '../features/orgs/types.ts';
import { formatDate } from '../format.ts';

type Contacts = { contactPerson: string; contactPhone: string; contactEmail: string; address: string };

const CONTACT_FIELDS = ['contactPerson', 'contactPhone', 'contactEmail', 'address'] as const;
const orgKey = (id: string) => ['orgs', 'detail', id] as const;
const dash = (v: string | null | undefined) =>
  v || <Typography.Text type="secondary">未填写</Typography.Text>;

/** The caller's own unit: registry facts, contacts (editable by the unit) and network filing. */
export function MyUnitPage() {
  const me = useMe();
  const unitId = me.user.primaryUnit?.id;
  const query = useQuery({
    queryKey: orgKey(unitId ?? ''),
    queryFn: () => api<Org>('GET', `/api/orgs/${unitId}`),
    enabled: Boolean(unitId),
  });
  const [editing, setEditing] = useState(false);

  if (!unitId) {
    return (
      <>
        <PageHeader title="本单位" />
        <Card>
          <Empty description="您的账号尚未关联单位，请联系系统管理员。" />
        </Card>
      </>
    );
  }

  const org = query.data;
  const filed =
    org && [org.netAccessDate, org.netAccessMethod, org.netIpRange, org.netFilingNo].some((v) => v);

  return (
    <>
      <PageHeader
        title="本单位"
        description="本单位在组织机构中的登记信息。单位名称、类别等由系统管理员维护，联系方式由本单位维护。"
        extra={
          org?.actions.includes('updateContacts') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑联系方式
            </Button>
          )
        }
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {org && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title="基本信息">
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              styles={{ label: { width: 120 } }}
            >
              <Descriptions.Item label="单位全称" span={{ xs: 1, sm: 1, md: 2 }}>
                <Space wrap>
                  {org.name}
                  {!org.active && <Tag color="default">已停用</Tag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="简称">{org.shortName}</Descriptions.Item>
              <Descriptions.Item label="单位编码">{org.code}</Descriptions.Item>
              <Descriptions.Item label="类型">
                {KIND_LABELS[org.kind]}
                {org.level ? `（${LEVEL_LABELS[org.level]}）` : ''}
              </Descriptions.Item>
              {org.sectionName && <Descriptions.Item label="科室">{org.sectionName}</Descriptions.Item>}
              <Descriptions.Item label="单位类别">{dash(org.categoryLabel)}</Descriptions.Item>
              <Descriptions.Item label="考核分组">{dash(org.groupLabel)}</Descriptions.Item>
              <Descriptions.Item label="上级单位">{dash(org.parentName)}</Descriptions.Item>
              <Descriptions.Item label="启用日期">{formatDate(org.validFrom) || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="联系方式">
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              styles={{ label: { width: 120 } }}
            >
              <Descriptions.Item label="联系人">{dash(org.contactPerson)}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{dash(org.contactPhone)}</Descriptions.Item>
              <Descriptions.Item label="电子邮箱">{dash(org.contactEmail)}</Descriptions.Item>
              <Descriptions.Item label="地址">{dash(org.address)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="电子政务外网接入备案">
            {filed ? (
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 2 }}
                styles={{ label: { width: 120 } }}
              >
                {org.netAccessDate && (
                  <Descriptions.Item label="接入日期">{formatDate(org.netAccessDate)}</Descriptions.Item>
                )}
                {org.netAccessMethod && (
                  <Descriptions.Item label="接入方式">{org.netAccessMethod}</Descriptions.Item>
                )}
                {org.netIpRange && <Descriptions.Item label="IP 段">{org.netIpRange}</Descriptions.Item>}
                {org.netFilingNo && (
                  <Descriptions.Item label="备案表编号">{org.netFilingNo}</Descriptions.Item>
                )}
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">
                暂无接入备案信息。如已接入电子政务外网，请联系系统管理员登记。
              </Typography.Text>
            )}
          </Card>
        </Space>
      )}
      {org && editing && <ContactsModal org={org} onClose={() => setEditing(false)} />}
    </>
  );
}

function ContactsModal({ org, onClose }: { org: Org; onClose: () => void }) {
  const [form] = Form.useForm<Contacts>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const updated = await api<Org>('PATCH', `/api/orgs/${org.id}/contacts`, {
        contactPerson: values.contactPerson?.trim() ?? '',
        contactPhone: values.contactPhone?.trim() ?? '',
        contactEmail: values.contactEmail?.trim() ?? '',
        address: values.address?.trim() ?? '',
        version: org.version,
      });
      queryClient.setQueryData(orgKey(org.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['orgs'], refetchType: 'none' });
      message.success('联系方式已保存');
      onClose();
    } catch (err) {
      const text = (err as Error).message;
      setError(text);
      if (err instanceof ApiError && err.status === 409) {
        // Someone else saved first: show their values in the fields this user has not touched,
        // so a second save is a deliberate choice made on the latest record.
        try {
          const fresh = await queryClient.fetchQuery({
            queryKey: orgKey(org.id),
            queryFn: () => api<Org>('GET', `/api/orgs/${org.id}`),
            staleTime: 0,
          });
          for (const name of CONTACT_FIELDS) {
            if (!form.isFieldTouched(name)) form.setFieldValue(name, fresh[name] ?? '');
          }
          setError(`${text}（已为您载入最新内容，请核对后再保存）`);
        } catch (reloadErr) {
          setError(`${text}。重新加载失败：${(reloadErr as Error).message}`);
        }
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="编辑联系方式"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Contacts>
        form={form}
        layout="vertical"
        initialValues={{
          contactPerson: org.contactPerson ?? '',
          contactPhone: org.contactPhone ?? '',
          contactEmail: org.contactEmail ?? '',
          address: org.address ?? '',
        }}
      >
        <Form.Item name="contactPerson" label="联系人" rules={[{ max: 50, message: '不能超过 50 个字' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={[{ max: 50, message: '不能超过 50 个字' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="contactEmail"
          label="电子邮箱"
          rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[{ max: 200, message: '不能超过 200 个字' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
