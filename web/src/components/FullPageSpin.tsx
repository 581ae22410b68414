import { Flex, Spin } from 'antd';

/** Shown while the session is being checked, before anything else can be drawn. */
export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description="正在加载…" />
    </Flex>
  );
}
