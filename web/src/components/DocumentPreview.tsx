import { ExportOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';

/** The preview's own width: a 210 mm page and its 12 px margins. */
const PAGE_WIDTH = 818;

/**
 * The print preview of a document the server renders as A4 pages (an issue, a 通报, a 约稿通知):
 * the same data as its Word file. `src` carries the record's version, so a saved change shows at
 * once; 刷新 forces a reload, 打印 prints the frame only (enabled once it has loaded). Narrower
 * than a page (a phone), the pages are scaled to the box's width, whole, instead of being cropped.
 */
export function DocumentPreview({
  src: base,
  title,
  hint,
  height = 'calc(100vh - 240px)',
  openInNewWindow = false,
  banner,
}: {
  src: string;
  title: string;
  hint: ReactNode;
  height?: string;
  openInNewWindow?: boolean;
  /** Shown above the toolbar, e.g. a warning about unsaved edits. */
  banner?: ReactNode;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [nonce, setNonce] = useState(0);
  const src = `${base}${nonce ? `&r=${nonce}` : ''}`;
  // A new address is a new page to wait for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: src is the trigger
  useEffect(() => setLoaded(false), [src]);
  const box = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState<number | null>(null);
  const [pagesHeight, setPagesHeight] = useState<number | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => entry && setBoxWidth(entry.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const scale = boxWidth && boxWidth < PAGE_WIDTH ? boxWidth / PAGE_WIDTH : 1;
  return (
    <Flex vertical gap={8}>
      {banner}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{hint}</Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => setNonce(Date.now())}>
            刷新
          </Button>
          {openInNewWindow && (
            <Button icon={<ExportOutlined />} href={src} target="_blank" rel="noopener noreferrer">
              新窗口打开
            </Button>
          )}
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!loaded}
            onClick={() => frame.current?.contentWindow?.print()}
          >
            打印
          </Button>
        </Flex>
      </Flex>
      <Spin spinning={!loaded} description="正在排版…">
        <div
          ref={box}
          style={
            scale < 1
              ? {
                  height: pagesHeight ? pagesHeight * scale : '80vh',
                  overflow: 'hidden',
                  border: '1px solid #d9d9d9',
                  borderRadius: 6,
                  background: '#e8e8e8',
                }
              : undefined
          }
        >
          <iframe
            ref={frame}
            key={src}
            src={src}
            title={title}
            onLoad={() => {
              setLoaded(true);
              setPagesHeight(frame.current?.contentDocument?.documentElement.scrollHeight ?? null);
            }}
            style={
              scale < 1
                ? {
                    display: 'block',
                    width: PAGE_WIDTH,
                    height: pagesHeight ?? `calc(80vh / ${scale})`,
                    border: 'none',
                    transform: `scale(${scale})`,
                    transformOrigin: '0 0',
                  }
                : {
                    display: 'block',
                    width: '100%',
                    height,
                    minHeight: 480,
                    border: '1px solid #d9d9d9',
                    borderRadius: 6,
                    background: '#e8e8e8',
                  }
            }
          />
        </div>
      </Spin>
    </Flex>
  );
}
