import type { Highlight } from './api.ts';

/**
 * A title or snippet with the matching parts in <mark>: the server's segments drawn as text
 * (never as HTML, so a record's text cannot inject markup).
 */
export function Highlighted({ parts }: { parts: Highlight }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the segments are fixed for one answer
          <mark key={i} className="xb-mark">
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the segments are fixed for one answer
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
