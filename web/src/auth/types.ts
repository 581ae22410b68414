import type { Role } from '../../../server/db/schema/auth.ts';

export type { Role };

export type MeUnit = {
  id: string;
  name: string;
  shortName: string;
  kind: 'office' | 'unit';
  parentId: string | null;
  sectionName?: string | null;
  isPrimary: boolean;
};

export type MenuEntry = { key: string; label: string; path: string; description: string };

/** The answer of GET /api/auth/me (and of the login). */
export type Me = {
  user: {
    id: string;
    username: string;
    displayName: string;
    phone: string | null;
    roles: Role[];
    units: MeUnit[];
    primaryUnit: MeUnit | null;
    mustChangePassword: boolean;
    lastLoginAt: string | null;
    /** The login before the current session's (time and address), null on the first login. */
    previousLogin?: { at: string; ip: string | null } | null;
  };
  menu: MenuEntry[];
  passwordPolicy?: { minLength: number; minClasses: number };
  csrfToken: string;
};
