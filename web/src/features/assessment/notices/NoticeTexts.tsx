import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { formatDocDate } from '../../../format.ts';
import { applyServerErrors, isStaleVersion } from '../../orgs/formErrors.ts';
import { NOTICES_KEY, type Notice, type NoticeTexts, useNoticeMutations } from './api.ts';

type Field = keyof NoticeTexts;

/** The texts in print order; the three written from the figures are rewritten by 更新数据. */
export const NOTICE_FIELDS: { name: Field; label: string; max: number; figures?: boolean; rows?: number }[] =
  [
    { name: 'title', label: '标题', max: 100, rows: 1 },
    { name: 'addressee', label: '主送机关', max: 200, rows: 1 },
    { name: 'opening', label: '一、总体情况', max: 4000, figures: true },
    { name: 'praise', label: '二、表现突出的单位', max: 4000, figures: true },
    { name: 'laggards', label: '三、零报送零采用单位', max: 4000, figures: true },
    { name: 'problems', label: '四、存在的问题', max: 4000 },
    { name: 'requirements', label: '五、下一步工作要求', max: 4000 },
  ];
const FIELD_NAMES = NOTICE_FIELDS.map((f) => f.name);

const textsOf = (n: Notice): NoticeTexts => ({
  title: n.title,
  addressee: n.addressee,
  opening: n.opening,
  praise: n.praise,
  laggards: n.laggards,
  problems: n.problems,
  requirements: n.requirements,
});

const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The draft's texts, edited in place: 保存 sends the version read; when someone else saved in
 * between, the server's message shows with a way to load their version (the edits here stay on
 * screen until then). Every line break starts a paragraph of the printed notice.
 */
export function NoticeTextsForm({
  notice,
  onDirtyChange,
}: {
  notice: Notice;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeTexts>();
  const qc = useQueryClient();
  const { update } = useNoticeMutations();
  const [alert, setAlert] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const initial = textsOf(notice);

  const save = async () => {
    const values = await form.validateFields();
    setAlert(null);
    const trimmed = Object.fromEntries(FIELD_NAMES.map((f) => [f, (values[f] ?? '').trim()])) as NoticeTexts;
    update.mutate(
      { id: notice.id, version: notice.version, ...trimmed },
      {
        onSuccess: () => {
          message.success('通报正文已保存');
          onDirtyChange(false);
        },
        onError: (err) => {
          if (isStaleVersion(err)) setStale(err.message);
          else setAlert(applyServerErrors(form, err, FIELD_NAMES));
        },
      },
    );
  };

  return (
    <Form<NoticeTexts>
      form={form}
      layout="vertical"
      name="notice-texts"
      initialValues={initial}
      onValuesChange={(_, all) => onDirtyChange(FIELD_NAMES.some((f) => (all[f] ?? '') !== initial[f]))}
      style={{ maxWidth: 900 }}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          title={stale}
          description="可先复制本页的修改，再载入他人保存的版本。"
          action={
            <Button
              size="small"
              onClick={() => void qc.invalidateQueries({ queryKey: [...NOTICES_KEY, 'detail', notice.id] })}
            >
              载入最新版本
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
      {NOTICE_FIELDS.map((f) => (
        <Form.Item
          key={f.name}
          name={f.name}
          label={f.label}
          extra={f.figures ? '按考评数据生成，“更新数据”时重新生成。' : undefined}
          rules={[{ required: true, whitespace: true, message: `请填写${f.label.replace(/^.、/, '')}` }]}
        >
          <Input.TextArea
            autoSize={{ minRows: f.rows ?? 2, maxRows: 16 }}
            maxLength={f.max}
            showCount={f.max > 200}
          />
        </Form.Item>
      ))}
      <Flex gap={8} align="center" wrap>
        <Button type="primary" icon={<SaveOutlined />} loading={update.isPending} onClick={() => void save()}>
          保存
        </Button>
        <Typography.Text type="secondary">每一行印为一段。保存后在“打印预览”中查看版式。</Typography.Text>
      </Flex>
    </Form>
  );
}

/** The texts as they print (an issued notice, or a reader who may not edit). */
export function NoticeTextsView({ notice }: { notice: Notice }) {
  const sections = NOTICE_FIELDS.slice(2);
  return (
    <div
      data-testid="notice-text"
      style={{
        maxWidth: 860,
        border: '1px solid #f0d9d9',
        background: '#fffdfb',
        borderRadius: 4,
        padding: 'clamp(12px, 3vw, 20px) clamp(14px, 4vw, 28px)',
        fontFamily: 'FangSong, STFangsong, "仿宋", serif',
        fontSize: 16,
        lineHeight: 1.9,
        overflowWrap: 'anywhere',
      }}
    >
      <div
        style={{
          textAlign: 'center',
          fontFamily: '"SimHei", "Microsoft YaHei", sans-serif',
          fontSize: 19,
          fontWeight: 600,
          marginBottom: 12,
        }}
      >
        {notice.title}
      </div>
      <div>{notice.addressee}：</div>
      {sections.map((s) => (
        <div key={s.name}>
          <div style={{ textIndent: '2em', fontFamily: '"SimHei", "Microsoft YaHei", sans-serif' }}>
            {s.label.replace('零报送零采用', '零报送、零采用')}
          </div>
          {paragraphs(notice[s.name]).map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a text have no identity
            <div key={i} style={{ textIndent: '2em' }}>
              {p}
            </div>
          ))}
        </div>
      ))}
      <div style={{ textAlign: 'right', marginTop: 12 }}>
        <div>{notice.snapshot.office.name}</div>
        {notice.issuedAt && <div>{formatDocDate(notice.issuedAt)}</div>}
      </div>
    </div>
  );
}
