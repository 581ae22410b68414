import { BRAND_COLOR } from '../theme.ts';

/** The product's seal-like mark: the character 信 in a framed square. */
export function BrandMark({ size = 32, inverse = false }: { size?: number; inverse?: boolean }) {
  const fg = inverse ? BRAND_COLOR : '#ffffff';
  const bg = inverse ? '#ffffff' : BRAND_COLOR;
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        flex: 'none',
        width: size,
        height: size,
        borderRadius: size / 6,
        background: bg,
        color: fg,
        boxShadow: `inset 0 0 0 ${Math.max(1, size / 20)}px ${inverse ? 'rgba(31,78,156,0.35)' : 'rgba(255,255,255,0.45)'}`,
        fontFamily: "'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', 'Songti SC', serif",
        fontWeight: 700,
        fontSize: size * 0.56,
        lineHeight: 1,
      }}
    >
      信
    </span>
  );
}
