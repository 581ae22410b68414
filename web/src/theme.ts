import type { ThemeConfig } from 'antd';

/** The one accent colour of the product: a deep official blue, used sparingly. */
export const BRAND_COLOR = '#1f4e9c';
/** Darker shade for the top bar, so white text reads well. */
export const BRAND_DARK = '#163a78';

/** A restrained government-office look: square-ish corners, quiet greys, one blue accent. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    colorInfo: BRAND_COLOR,
    colorInfoBg: '#eef3fb',
    colorInfoBorder: '#c5d4ec',
    colorLink: BRAND_COLOR,
    borderRadius: 4,
    colorBgLayout: '#f0f2f5',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: BRAND_DARK,
      headerHeight: 56,
      headerPadding: '0 16px',
      siderBg: '#ffffff',
    },
    Menu: {
      itemSelectedBg: '#e8eef8',
      itemSelectedColor: BRAND_COLOR,
    },
    Card: { headerFontSize: 15 },
    Table: { headerBg: '#f5f7fa' },
  },
};
