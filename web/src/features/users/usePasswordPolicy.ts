import { useAuth } from '../../auth/context.ts';
import { DEFAULT_POLICY, type PasswordPolicy } from './password.ts';

/** The password policy as /api/auth/me reports it (the policy itself is the security admin's). */
export function usePasswordPolicy(): PasswordPolicy {
  const { me } = useAuth();
  return me?.passwordPolicy ?? DEFAULT_POLICY;
}
