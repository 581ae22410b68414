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

/**
 * One tag per role, in Chinese, with the same colour wherever roles are shown. Roles granted but
 * not yet confirmed by the security administrator show dashed with 待确认: they give no access.
 */
export function RoleTags({ roles, pending = [] }: { roles: readonly Role[]; pending?: readonly Role[] }) {
  if (roles.length === 0 && pending.length === 0) return <span style={{ color: '#8c8c8c' }}>未分配角色</span>;
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} color={ROLE_COLORS[r]} style={{ marginBlock: 2 }}>
          {ROLE_LABELS[r] ?? r}
        </Tag>
      ))}
      {pending.map((r) => (
        <Tag
          key={`pending-${r}`}
          variant="outlined"
          style={{ marginBlock: 2, borderStyle: 'dashed' }}
          title="待安全管理员确认，确认前不生效"
        >
          {ROLE_LABELS[r] ?? r}（待确认）
        </Tag>
      ))}
    </>
  );
}
