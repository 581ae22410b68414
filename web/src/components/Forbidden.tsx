import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

/** The page exists, but the caller's roles do not open it. */
export function Forbidden() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您没有访问此页面的权限"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
