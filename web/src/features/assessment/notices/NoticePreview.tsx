import { ExportOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { type Notice, noticeDocumentUrl } from './api.ts';

/** The preview's own width: a 210 mm page and its 12 px margins. */
const PAGE_WIDTH = 818;

/**
 * 打印预览: the server's HTML rendering of the 公文 (A4 pages, the same layout as the Word file; a
 * draft carries 样稿). 打印 prints the frame only. Narrower than a page, the pages are scaled to
 * the box instead of being cropped.
 */
export function NoticePreview({ notice, unsaved }: { notice: Notice; unsaved: boolean }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [nonce, setNonce] = useState(0);
  // The version in the address: a saved change shows at once instead of a cached page.
  const src = `${noticeDocumentUrl(notice.id, 'html')}?v=${notice.version}${nonce ? `&r=${nonce}` : ''}`;
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
      {unsaved && <Alert type="warning" showIcon title="正文有未保存的修改：预览显示的是上次保存的内容。" />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          按公文版式预览（A4），与下载的 Word 文档一致{notice.status === 'draft' ? '；草稿标注“样稿”' : ''}。
          打印时请选择“A4”纸张、不缩放。
        </Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => setNonce(Date.now())}>
            刷新
          </Button>
          <Button icon={<ExportOutlined />} href={src} target="_blank" rel="noopener noreferrer">
            新窗口打开
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
            title={`${notice.title}打印预览`}
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
                    height: 'calc(100vh - 240px)',
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
