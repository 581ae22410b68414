import { Empty, Typography } from 'antd';
import { SECRECY_LABELS } from '../../../../server/modules/items/workflow.ts';
import { formatDocDate } from '../../format.ts';
import type { IssueDetail } from './types.ts';

const DOC_FONT = "'Noto Serif CJK SC', 'Source Han Serif SC', 'FangSong', 'STFangsong', 'SimSun', serif";
const NOTE_FONT = `'KaiTi', 'STKaiti', 'AR PL UKai CN', ${DOC_FONT}`;
const HEADING_FONT = "'SimHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";
const RED = '#d4000a';

/** The body's paragraphs (one per line once saved), blank ones dropped. */
const paragraphsOf = (body: string) => body.split('\n').filter((p) => p.trim());

function Paragraph({ text }: { text: string }) {
  return (
    <p
      style={{
        textIndent: '2em',
        margin: '0 0 0.6em',
        fontSize: 16,
        lineHeight: 1.9,
        wordBreak: 'break-word',
      }}
    >
      {text}
    </p>
  );
}

/**
 * 文字版 of an issue: what the printed page says, reflowed to the screen's width for reading on
 * a phone — masthead, issue label, office and date, 编者按, then every item's title and
 * paragraphs in print order. The printed layout itself is the 版式预览.
 */
export function IssueText({ issue }: { issue: IssueDetail }) {
  const date = issue.issueDate ? formatDocDate(issue.issueDate) : null;
  const note = issue.editorNote?.trim();
  return (
    <article
      aria-label="文字版"
      style={{
        maxWidth: 820,
        margin: '0 auto',
        fontFamily: DOC_FONT,
        color: '#262626',
        overflowWrap: 'anywhere',
      }}
    >
      <header style={{ textAlign: 'center', marginBottom: 20 }}>
        {issue.secrecy !== 'public' && (
          <div style={{ textAlign: 'start', fontWeight: 700, marginBottom: 4 }}>
            {SECRECY_LABELS[issue.secrecy]}
          </div>
        )}
        <div
          style={{
            color: RED,
            fontWeight: 700,
            fontSize: 'clamp(22px, 8vw, 40px)',
            lineHeight: 1.3,
            letterSpacing: 2,
          }}
        >
          {issue.publicationName}
        </div>
        <div style={{ fontSize: 16, margin: '8px 0 10px' }}>{issue.label}</div>
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            flexWrap: 'wrap',
            gap: '0 12px',
            fontSize: 15,
            paddingBottom: 6,
            borderBottom: `2px solid ${RED}`,
          }}
        >
          <span>{issue.officeName}</span>
          <span>{date ?? <Typography.Text type="secondary">未签发</Typography.Text>}</span>
        </div>
      </header>
      {note && (
        <section aria-label="编者按" style={{ marginBottom: 24 }}>
          {paragraphsOf(note).map((p, i) => (
            <p
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity but their place
              key={i}
              style={{
                textIndent: '2em',
                margin: '0 0 0.6em',
                fontSize: 16,
                lineHeight: 1.9,
                fontFamily: NOTE_FONT,
              }}
            >
              {i === 0 && <strong style={{ fontFamily: HEADING_FONT }}>编者按：</strong>}
              {p}
            </p>
          ))}
        </section>
      )}
      {issue.items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期还没有信息" />
      )}
      {issue.items.map((item, n) => (
        <section key={item.itemId} id={`issue-item-${item.itemId}`} style={{ marginTop: n ? 28 : 0 }}>
          <h3
            style={{
              textAlign: 'center',
              fontFamily: DOC_FONT,
              fontSize: 19,
              fontWeight: 700,
              lineHeight: 1.6,
              margin: '0 0 14px',
            }}
          >
            {item.title}
          </h3>
          {paragraphsOf(item.body).map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity but their place
            <Paragraph key={i} text={p} />
          ))}
        </section>
      ))}
    </article>
  );
}
