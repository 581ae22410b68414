import { Space, Tag } from 'antd';
import { formatDateTime } from '../../format.ts';
import type { User } from './types.ts';

/** 正常, or every reason the account cannot simply log in: 停用, 已锁定 (until when), 须改密. */
export function UserStatusTags({ user }: { user: User }) {
  const tags = [];
  if (!user.active) tags.push(<Tag key="inactive">停用</Tag>);
  if (user.locked) {
    tags.push(
      <Tag
        key="locked"
        color="red"
        title={user.lockedUntil ? `锁定至 ${formatDateTime(user.lockedUntil)}` : undefined}
      >
        已锁定
      </Tag>,
    );
  }
  if (user.mustChangePassword) {
    tags.push(
      <Tag key="pwd" color="orange" title="首次登录或密码被重置后须先修改密码">
        须改密
      </Tag>,
    );
  }
  if (!tags.length)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    );
  return (
    <Space size={[0, 4]} wrap>
      {tags}
    </Space>
  );
}
