import { Input, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { ClipboardEvent, RefObject } from 'react';
import { clipboardText, insertPaste, paragraphRange } from './paste.ts';

/** Characters and paragraphs of a body, as offices count them (whitespace not counted). */
export function bodyStats(body: string): { chars: number; paragraphs: number } {
  const chars = body.replace(/\s/g, '').length;
  const paragraphs = body.split('\n').filter((p) => p.trim()).length;
  return { chars, paragraphs };
}

/**
 * Selects paragraph `n` (1-based) in the editor and scrolls it into view, so a quality finding
 * takes the writer straight to the text it is about.
 */
export function selectParagraph(ref: RefObject<TextAreaRef | null>, n: number): void {
  const ta = ref.current?.resizableTextArea?.textArea;
  if (!ta) return;
  const range = paragraphRange(ta.value, n);
  if (!range) return;
  ta.focus();
  ta.setSelectionRange(range.start, range.end);
  // Textareas do not scroll to a programmatic selection: estimate the line from the offset.
  const ratio = ta.value.length ? range.start / ta.value.length : 0;
  ta.scrollTop = Math.max(0, ratio * ta.scrollHeight - ta.clientHeight / 3);
  ta.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/**
 * The body as one large text area. Pasting from Word or WPS keeps paragraphs (one per line) and
 * drops styling and indentation; the printed two-character indent is added when the text is shown.
 */
export function BodyEditor({
  value = '',
  onChange,
  textAreaRef,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  textAreaRef: RefObject<TextAreaRef | null>;
  id?: string;
}) {
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = clipboardText(e.clipboardData);
    e.preventDefault();
    if (!pasted) return;
    const ta = e.currentTarget;
    const next = insertPaste(value, ta.selectionStart, ta.selectionEnd, pasted);
    onChange?.(next.value);
    requestAnimationFrame(() => {
      const el = textAreaRef.current?.resizableTextArea?.textArea;
      el?.setSelectionRange(next.cursor, next.cursor);
    });
  };
  const stats = bodyStats(value);
  return (
    <div>
      <Input.TextArea
        id={id}
        ref={textAreaRef}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        onPaste={onPaste}
        autoSize={{ minRows: 14, maxRows: 30 }}
        placeholder="每段一行。可直接从 Word / WPS 粘贴，段落保留，格式和首行空格自动去除。"
        style={{ fontSize: 15, lineHeight: 1.8 }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {stats.paragraphs} 段，{stats.chars} 字
      </Typography.Text>
    </div>
  );
}
