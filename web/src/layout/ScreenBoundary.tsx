import { Button, Flex, Result, Spin } from 'antd';
import { Component, type ReactNode, Suspense } from 'react';

/** Stands in for a screen whose code is still on its way. */
function ScreenSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin description="正在加载…" />
    </Flex>
  );
}

type Props = { children: ReactNode };
type State = { failed: boolean };

/**
 * Wraps the routed screen; the layout keys it by path. Screens are fetched on first use, so on a weak
 * phone connection, or in a tab opened before a deploy removed the old chunks, the fetch can fail: the
 * caller then sees why and a way out, inside the frame, instead of a blank page.
 */
export class ScreenBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) {
      return (
        <Result
          status="warning"
          title="页面未能显示"
          subTitle="可能是网络中断或系统刚刚更新，请重新加载页面。"
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              重新加载
            </Button>
          }
        />
      );
    }
    return <Suspense fallback={<ScreenSpin />}>{this.props.children}</Suspense>;
  }
}
