import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Input,
  Progress,
  Row,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format.ts';
import {
  type ChecklistPhase,
  type ChecklistSection,
  checklistInputOf,
  type Meeting,
  useSaveChecklist,
} from './api.ts';

/** One phase: its items as ticks, who ticked each and when, a field to add one. */
function Phase({
  section,
  disabled,
  onToggle,
  onRemove,
  onAdd,
}: {
  section: ChecklistSection;
  disabled: boolean;
  onToggle: (index: number, done: boolean) => void;
  onRemove: (index: number) => void;
  onAdd: (label: string) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState('');
  const done = section.items.filter((i) => i.done).length;
  const add = async () => {
    const label = draft.trim();
    if (!label) return;
    if (await onAdd(label)) setDraft('');
  };
  return (
    <div data-testid={`phase-${section.phase}`}>
      <Typography.Text strong>
        {section.label}
        <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 6 }}>
          {done}/{section.items.length}
        </Typography.Text>
      </Typography.Text>
      <Flex vertical gap={6} style={{ margin: '8px 0' }}>
        {section.items.length === 0 && <Typography.Text type="secondary">暂无事项</Typography.Text>}
        {section.items.map((item, i) => (
          <Flex key={item.label} align="flex-start" justify="space-between" gap={4}>
            <Checkbox checked={item.done} disabled={disabled} onChange={(e) => onToggle(i, e.target.checked)}>
              <span style={item.done ? { color: '#8c8c8c', textDecoration: 'line-through' } : undefined}>
                {item.label}
              </span>
              {item.done && item.doneByName && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {item.doneByName} {formatDateTime(item.doneAt)}
                </Typography.Text>
              )}
            </Checkbox>
            {!item.done && (
              <Tooltip title="删除此项">
                <Button
                  type="text"
                  size="small"
                  aria-label={`删除 ${item.label}`}
                  icon={<CloseOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />}
                  disabled={disabled}
                  onClick={() => onRemove(i)}
                />
              </Tooltip>
            )}
          </Flex>
        ))}
      </Flex>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="small"
          value={draft}
          maxLength={100}
          placeholder="添加事项"
          aria-label={`${section.label}添加事项`}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={() => void add()}
        />
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={disabled || !draft.trim()}
          onClick={() => void add()}
        >
          添加
        </Button>
      </Space.Compact>
    </div>
  );
}

/**
 * 保障清单: 会前调试、会中保障、会后维护. Each tick, new item or removal saves the whole checklist
 * with the version read; the server keeps who ticked an item and when.
 */
export function ChecklistCard({ meeting }: { meeting: Meeting }) {
  const save = useSaveChecklist();
  const { message } = App.useApp();
  const sections = meeting.checklist ?? [];
  const progress = meeting.checklistProgress ?? { done: 0, total: 0 };

  const change = (
    phase: ChecklistPhase,
    edit: (items: { label: string; done: boolean }[]) => { label: string; done: boolean }[],
    done?: string,
  ) =>
    new Promise<boolean>((resolve) => {
      const checklist = checklistInputOf(sections);
      checklist[phase] = edit(checklist[phase]);
      save.mutate(
        { id: meeting.id, checklist, version: meeting.version },
        {
          onSuccess: () => {
            if (done) message.success(done);
            resolve(true);
          },
          onError: (err) => {
            message.error(err.message);
            resolve(false);
          },
        },
      );
    });

  return (
    <Card
      size="small"
      title="保障清单"
      data-testid="checklist"
      extra={
        <Flex align="center" gap={8} style={{ width: 160 }}>
          <Progress
            percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
            size="small"
            showInfo={false}
            style={{ margin: 0, flex: 1 }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            完成 {progress.done}/{progress.total}
          </Typography.Text>
        </Flex>
      }
    >
      {sections.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有保障清单" />
      ) : (
        <Row gutter={[24, 16]}>
          {sections.map((s) => (
            <Col key={s.phase} xs={24} md={8}>
              <Phase
                section={s}
                disabled={save.isPending}
                onToggle={(i, done) =>
                  void change(s.phase, (items) => items.map((it, j) => (j === i ? { ...it, done } : it)))
                }
                onRemove={(i) => void change(s.phase, (items) => items.filter((_, j) => j !== i), '已删除')}
                onAdd={(label) => {
                  if (s.items.some((it) => it.label === label)) {
                    message.warning(`${s.label}已有“${label}”`);
                    return Promise.resolve(false);
                  }
                  return change(s.phase, (items) => [...items, { label, done: false }], '已添加');
                }}
              />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
