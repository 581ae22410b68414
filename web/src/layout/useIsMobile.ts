import { Grid } from 'antd';

/** Below 768 px (antd's md breakpoint) the side menu becomes a drawer and padding shrinks. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
