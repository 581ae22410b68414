import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { inputOf, type Meeting, useUpdateMeeting } from './api.ts';

/**
 * 会议纪要: the office writes the minutes (saved through the update endpoint with the rest of the
 * meeting unchanged and its version); an invited unit reads them.
 */
export function MinutesCard({ meeting }: { meeting: Meeting }) {
  const canEdit = meeting.actions.includes('update');
  const update = useUpdateMeeting();
  const { message } = App.useApp();
  // The draft remembers the minutes it started from: a tick elsewhere on the page moves the version
  // but keeps the draft; minutes changed by someone else meanwhile are not overwritten unseen.
  const [draft, setDraft] = useState<{ base: string; text: string } | null>(null);
  const text = draft ? draft.text : meeting.minutes;
  const dirty = text.trim() !== meeting.minutes.trim();

  const save = () => {
    if (draft && draft.base !== meeting.minutes) {
      message.error('会议纪要已被他人修改，已载入最新内容，请核对后重新填写');
      setDraft(null);
      return;
    }
    update.mutate(
      { ...inputOf(meeting), minutes: text, id: meeting.id, version: meeting.version },
      {
        onSuccess: () => {
          setDraft(null);
          message.success('会议纪要已保存');
        },
        onError: (err) => message.error(err.message),
      },
    );
  };

  return (
    <Card
      size="small"
      title="会议纪要"
      data-testid="minutes"
      extra={
        canEdit && (
          <Button
            size="small"
            type={dirty ? 'primary' : 'default'}
            icon={<SaveOutlined />}
            disabled={!dirty}
            loading={update.isPending}
            onClick={save}
          >
            保存纪要
          </Button>
        )
      }
    >
      {canEdit ? (
        <Flex vertical gap={4}>
          <Input.TextArea
            aria-label="会议纪要"
            value={text}
            autoSize={{ minRows: 4, maxRows: 20 }}
            maxLength={20000}
            placeholder="会议主要内容、议定事项、工作要求……"
            onChange={(e) => setDraft({ base: draft?.base ?? meeting.minutes, text: e.target.value })}
          />
          {dirty && <Typography.Text type="warning">纪要的改动尚未保存</Typography.Text>}
        </Flex>
      ) : meeting.minutes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {meeting.minutes}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">暂无会议纪要</Typography.Text>
      )}
    </Card>
  );
}
