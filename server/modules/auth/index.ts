// The auth module's public entry: what other modules, the app and the CLI may use. Everything else
// in this folder is the module's own.

export { hashPassword, passwordPolicyViolation } from './password.ts';
export { registerAuthRoutes } from './routes.ts';
export { getSecurityPolicy, SECURITY_POLICY_KEY } from './security-policy.ts';
export { resolveSession, SESSION_COOKIE } from './sessions.ts';
