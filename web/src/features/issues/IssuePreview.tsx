import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { IssueDetail } from './types.ts';

/** The preview's own width: a 210 mm page and its 12 px margins. */
const PAGE_WIDTH = 818;

/**
 * The print preview the server renders in the issue layout (A4 pages, masthead, 报尾), the same
 * data as the Word document; 打印 prints the frame, not the surrounding screen. In a box narrower
 * than the page (a phone) the pages are scaled to the box's width instead of being cropped.
 */
export function IssuePreview({
  issue,
  height = 'calc(100vh - 260px)',
}: {
  issue: IssueDetail;
  height?: string;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [nonce, setNonce] = useState(0);
  // The version in the address: a saved change shows at once instead of a cached page.
  const src = `/api/issues/${issue.id}/preview?v=${issue.version}${nonce ? `&r=${nonce}` : ''}`;
  // A new address is a new page to wait for; 打印 stays off until it has loaded.
  // biome-ignore lint/correctness/useExhaustiveDependencies: src is the trigger
  useEffect(() => setLoaded(false), [src]);
  // Narrower than an A4 page (a phone): the pages are scaled down to the width, whole.
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
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          按印刷版式预览（A4），与生成的 Word 文档内容一致。打印时请选择“A4”纸张、不缩放。
        </Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => setNonce(Date.now())}>
            刷新
          </Button>
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
            title={`${issue.publicationName}${issue.label}预览`}
            onLoad={() => {
              setLoaded(true);
              setPagesHeight(frame.current?.contentDocument?.documentElement.scrollHeight ?? null);
            }}
            style={
              scale < 1
                ? {
                    // The whole document at its print width, shrunk to the box: no side scrolling.
                    display: 'block',
                    width: PAGE_WIDTH,
                    height: pagesHeight ?? `calc(80vh / ${scale})`,
                    border: 'none',
                    transform: `scale(${scale})`,
                    transformOrigin: '0 0',
                  }
                : {
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
