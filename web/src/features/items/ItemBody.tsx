import { Empty, Typography } from 'antd';

const DOC_FONT = "'Noto Serif CJK SC', 'Source Han Serif SC', 'FangSong', 'STFangsong', 'SimSun', serif";

/**
 * The text as it will be read: title, then each paragraph with the two-character indent.
 * Plain text only — whatever the body holds (even markup) is shown, never interpreted.
 */
export function ItemBody({ title, body }: { title: string; body: string }) {
  const paragraphs = body.split('\n').filter((p) => p.trim());
  return (
    <article style={{ maxWidth: 820, margin: '0 auto', fontFamily: DOC_FONT, color: '#262626' }}>
      <Typography.Title
        level={4}
        style={{ textAlign: 'center', fontFamily: DOC_FONT, lineHeight: 1.6, margin: '8px 0 20px' }}
      >
        {title}
      </Typography.Title>
      {paragraphs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="正文为空" />
      ) : (
        paragraphs.map((p, i) => (
          <p
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity but their place
            key={i}
            style={{
              textIndent: '2em',
              margin: '0 0 0.6em',
              fontSize: 16,
              lineHeight: 1.9,
              wordBreak: 'break-word',
            }}
          >
            {p}
          </p>
        ))
      )}
    </article>
  );
}
