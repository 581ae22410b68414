import { Tag } from 'antd';
import { ROLE_LABELS } from '../../../server/lib/roles.ts';
import type { Role } from '../auth/types.ts';

const ROLE_COLORS: Record<Role, string> = {
  reporter: 'blue',
  unit_signer: 'geekblue',
  editor: 'cyan',
  chief_editor: 'purple',
  leader: 'gold',
  sysadmin: 'volcano',
  secadmin: 'red',
  auditor: 'magenta',
};

/** One tag per role, in Chinese, with the same colour wherever roles are shown. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  if (roles.length === 0) return <span style={{ color: '#8c8c8c' }}>未分配角色</span>;
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} color={ROLE_COLORS[r]} style={{ marginBlock: 2 }}>
          {ROLE_LABELS[r] ?? r}
        </Tag>
      ))}
    </>
  );
}
