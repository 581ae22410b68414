import type { Role } from '../../auth/types.ts';

export type UserAction =
  | 'update'
  | 'resetPassword'
  | 'unlock'
  | 'deactivate'
  | 'activate'
  | 'setRoles'
  | 'reviewGrants';

/** A business role the system administrator gave, waiting for the security administrator. */
export type PendingGrant = { role: Role; grantedByName: string; grantedAt: string };

/** One account with grants waiting (GET /api/users/pending-grants). */
export type PendingGrantRow = {
  userId: string;
  username: string;
  displayName: string;
  unitName: string | null;
  roles: Role[];
  pendingGrants: PendingGrant[];
  reviewable: boolean;
  version: number;
};
export type UserUnit = { id: string; name: string; shortName: string; isPrimary: boolean };

/** An account as GET /api/users returns it. */
export type User = {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  /** Roles in force. */
  roles: Role[];
  /** Granted, not yet confirmed: no access until the security administrator confirms. */
  pendingGrants: PendingGrant[];
  units: UserUnit[];
  version: number;
  actions: UserAction[];
};

export type UserPage = { items: User[]; total: number; page: number; pageSize: number };

export type UserStatus = 'active' | 'inactive' | 'locked';
export type UserSort = 'username' | 'displayName' | 'lastLoginAt';

/** The list's filters, kept in the query string. */
export type UserFilters = {
  q?: string;
  orgId?: string;
  role?: Role;
  status?: UserStatus;
  sort?: UserSort;
  order?: 'asc' | 'desc';
};

export type CreateUserInput = {
  username: string;
  displayName: string;
  phone?: string | null;
  email?: string | null;
  unitIds: string[];
  primaryUnitId: string;
  roles: Role[];
  password: string;
};

export type UpdateUserInput = {
  displayName?: string;
  phone?: string | null;
  email?: string | null;
  unitIds?: string[];
  primaryUnitId?: string;
  version: number;
};
