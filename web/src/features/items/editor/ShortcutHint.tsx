import { Popover, Typography } from 'antd';

const KEYS: [string, string][] = [
  ['j / ↓', '下一条'],
  ['k / ↑', '上一条'],
  ['Enter', '打开当前信息'],
  ['x', '选中 / 取消选中当前信息'],
];

const kbd = {
  display: 'inline-block',
  minWidth: 56,
  padding: '0 6px',
  marginInlineEnd: 8,
  border: '1px solid #d9d9d9',
  borderBottomWidth: 2,
  borderRadius: 4,
  background: '#fafafa',
  fontFamily: 'monospace',
  fontSize: 12,
  textAlign: 'center' as const,
};

/** A small “快捷键” link that lists the queue's keyboard shortcuts. */
export function ShortcutHint() {
  return (
    <Popover
      title="快捷键"
      trigger={['hover', 'click']}
      content={
        <div style={{ lineHeight: '28px' }}>
          {KEYS.map(([key, what]) => (
            <div key={key}>
              <span style={kbd}>{key}</span>
              {what}
            </div>
          ))}
        </div>
      }
    >
      <Typography.Link style={{ fontSize: 13 }}>⌨ 快捷键</Typography.Link>
    </Popover>
  );
}
