import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Checkbox, Flex, Tag, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { SecrecyTag } from '../items/ItemTags.tsx';
import type { IssueItem, PortalStatus } from './types.ts';

const PORTAL_LABELS: Record<PortalStatus, { label: string; color: string }> = {
  queued: { label: '网站待发布', color: 'blue' },
  withdrawn: { label: '网站已撤回', color: 'default' },
  posted: { label: '网站已发布', color: 'green' },
};

type Props = {
  items: IssueItem[];
  /** False once the issue is locked: no handles, no buttons, the checkbox shown as it is. */
  editable: boolean;
  busy: boolean;
  onChange: (next: IssueItem[]) => void;
};

type RowProps = {
  item: IssueItem;
  index: number;
  count: number;
} & Omit<Props, 'items'> & {
    move: (from: number, to: number) => void;
    remove: () => void;
    toggle: (v: boolean) => void;
  };

function Row({ item, index, count, editable, busy, move, remove, toggle }: RowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: item.itemId, disabled: !editable || busy });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
    position: 'relative',
    zIndex: isDragging ? 2 : undefined,
    background: isDragging ? '#f0f5ff' : '#fff',
    boxShadow: isDragging ? '0 4px 12px rgba(0,0,0,0.12)' : undefined,
    border: '1px solid #f0f0f0',
    borderRadius: 6,
    padding: '8px 10px',
  };
  const secret = item.secrecy !== 'public';
  return (
    <li ref={setNodeRef} style={style} data-item-id={item.itemId} className="xb-issue-item">
      <Flex gap={10} align="center">
        {editable && (
          <span
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`拖动调整“${item.title}”的顺序`}
            className="xb-drag-handle"
            style={{
              cursor: busy ? 'not-allowed' : 'grab',
              color: '#8c8c8c',
              padding: '4px 2px',
              touchAction: 'none',
            }}
          >
            <HolderOutlined />
          </span>
        )}
        <Typography.Text strong style={{ width: 24, textAlign: 'right', flex: 'none' }}>
          {index + 1}.
        </Typography.Text>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Link to={`/items/${item.itemId}`} className="xb-issue-item-title" style={{ fontWeight: 500 }}>
            {item.title}
          </Link>
          <Flex gap={6} wrap align="center" style={{ marginTop: 2 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.unitName} · 编号 {item.serial}
              {item.currentVersion > 1 ? ` · 第 ${item.currentVersion} 版` : ''}
            </Typography.Text>
            <SecrecyTag secrecy={item.secrecy} />
            {item.portalStatus && (
              <Tag color={PORTAL_LABELS[item.portalStatus].color} style={{ marginInlineEnd: 0 }}>
                {PORTAL_LABELS[item.portalStatus].label}
              </Tag>
            )}
          </Flex>
        </div>
        {editable ? (
          <Tooltip title={secret ? '秘密/机密信息不能推送政府网站' : '发布后推送政府网站'}>
            <Checkbox
              checked={item.forPortal}
              disabled={busy || secret}
              onChange={(e) => toggle(e.target.checked)}
              style={{ flex: 'none' }}
            >
              上网站
            </Checkbox>
          </Tooltip>
        ) : (
          item.forPortal &&
          !item.portalStatus && (
            <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }}>
              上网站
            </Tag>
          )
        )}
        {editable && (
          <Flex gap={0} style={{ flex: 'none' }}>
            <Tooltip title="上移">
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={`上移“${item.title}”`}
                disabled={busy || index === 0}
                onClick={() => move(index, index - 1)}
              />
            </Tooltip>
            <Tooltip title="下移">
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={`下移“${item.title}”`}
                disabled={busy || index === count - 1}
                onClick={() => move(index, index + 1)}
              />
            </Tooltip>
            <Tooltip title="移出本期（信息回到拟采用）">
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`移出“${item.title}”`}
                disabled={busy}
                onClick={remove}
              >
                移出
              </Button>
            </Tooltip>
          </Flex>
        )}
      </Flex>
    </li>
  );
}

/**
 * 本期信息 in print order: drag by the handle (or use 上移/下移, also from the keyboard), tick
 * 上网站, 移出. Every change hands the whole new list to `onChange`, which saves it at once.
 */
export function SortableItems({ items, editable, busy, onChange }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const move = (from: number, to: number) => onChange(arrayMove(items, from, to));
  const place = (id: string | number) => items.findIndex((i) => i.itemId === id) + 1;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = items.findIndex((i) => i.itemId === active.id);
    const to = items.findIndex((i) => i.itemId === over.id);
    if (from >= 0 && to >= 0) move(from, to);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) => `已拿起第 ${place(active.id)} 条`,
          onDragOver: ({ active, over }) =>
            over ? `第 ${place(active.id)} 条移到第 ${place(over.id)} 条的位置` : '已移出列表范围',
          onDragEnd: ({ active, over }) =>
            over ? `第 ${place(active.id)} 条已放到第 ${place(over.id)} 条的位置` : '已放下，顺序未变',
          onDragCancel: () => '已取消，顺序未变',
        },
        screenReaderInstructions: {
          draggable: '按空格键拿起信息，用上下方向键移动，再按空格键放下；按 Esc 取消。',
        },
      }}
    >
      <SortableContext items={items.map((i) => i.itemId)} strategy={verticalListSortingStrategy}>
        <ol
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            display: 'flex',
            flexDirection: 'column',
            gap: 8,
          }}
        >
          {items.map((item, index) => (
            <Row
              key={item.itemId}
              item={item}
              index={index}
              count={items.length}
              editable={editable}
              busy={busy}
              onChange={onChange}
              move={move}
              remove={() => onChange(items.filter((i) => i.itemId !== item.itemId))}
              toggle={(v) =>
                onChange(items.map((i) => (i.itemId === item.itemId ? { ...i, forPortal: v } : i)))
              }
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
