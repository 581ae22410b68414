import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  LoadingOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { QualityPanel } from './QualityPanel.tsx';
import type { Finding } from './types.ts';
import type { QualityState } from './useQualityCheck.ts';

/** What the check says, in a few words and a colour. */
function summaryOf(state: QualityState): { icon: ReactNode; text: string; color: string } {
  const fatal = state.findings.filter((f) => f.severity === 'fatal').length;
  const warnings = state.findings.length - fatal;
  if (state.error) return { icon: <CloseCircleFilled />, text: '检查失败', color: '#cf1322' };
  if (!state.checked)
    return state.checking
      ? { icon: <LoadingOutlined />, text: '正在检查…', color: '#8c8c8c' }
      : { icon: <SafetyCertificateOutlined />, text: '输入标题和正文后自动检查', color: '#8c8c8c' };
  if (state.findings.length === 0)
    return { icon: <CheckCircleFilled />, text: '未发现问题', color: '#389e0d' };
  const parts = [fatal ? `${fatal} 项必须修改` : '', warnings ? `${warnings} 项建议修改` : ''];
  return {
    icon: fatal ? <CloseCircleFilled /> : <ExclamationCircleFilled />,
    text: parts.filter(Boolean).join('，'),
    color: fatal ? '#cf1322' : '#d46b08',
  };
}

/**
 * 质量检查 where a phone shows it: a one-line summary in the sticky bar at the bottom of the form,
 * always in sight while writing, that opens the full list in a drawer. Choosing a finding closes
 * the drawer and selects its text in the editor.
 */
export function QualityDrawer({ state, onSelect }: { state: QualityState; onSelect: (f: Finding) => void }) {
  const [open, setOpen] = useState(false);
  // The text is selected once the drawer has closed, so the drawer does not take the focus back.
  const chosen = useRef<Finding | null>(null);
  const summary = summaryOf(state);
  return (
    <>
      <Button
        block
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        style={{ justifyContent: 'space-between', color: summary.color, borderColor: summary.color }}
      >
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
          {summary.icon}
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            质量检查：{summary.text}
          </span>
          {state.checked && state.checking && <LoadingOutlined style={{ color: '#8c8c8c' }} />}
        </span>
        <RightOutlined style={{ fontSize: 12 }} />
      </Button>
      <Drawer
        open={open}
        placement="bottom"
        size="75vh"
        closable={false}
        onClose={() => setOpen(false)}
        afterOpenChange={(visible) => {
          const finding = chosen.current;
          if (visible || !finding) return;
          chosen.current = null;
          // After the drawer has handed the focus back to its button.
          window.setTimeout(() => onSelect(finding), 0);
        }}
        styles={{ body: { padding: 12 } }}
        footer={
          <Button block type="primary" onClick={() => setOpen(false)}>
            返回编辑
          </Button>
        }
      >
        <QualityPanel
          state={state}
          onSelect={(f) => {
            chosen.current = f;
            setOpen(false);
          }}
        />
      </Drawer>
    </>
  );
}
