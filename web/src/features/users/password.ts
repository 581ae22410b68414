/** Character classes without look-alikes (0/O, 1/l/I), so a password read aloud survives. */
const CLASSES = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#$%&*!?+='];

export type PasswordPolicy = { minLength: number; minClasses: number };
export const DEFAULT_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

function randomIndex(n: number): number {
  // Rejection sampling keeps every character equally likely.
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) return buf[0] % n;
  }
}

/**
 * A temporary password that satisfies any policy up to all four classes: at least 12
 * characters (or the policy's minimum), one of each class, the rest random, shuffled.
 */
export function generatePassword(policy: PasswordPolicy = DEFAULT_POLICY, avoid?: string): string {
  const length = Math.max(12, policy.minLength);
  for (;;) {
    const chars = CLASSES.map((c) => c[randomIndex(c.length)]);
    const all = CLASSES.join('');
    while (chars.length < length) chars.push(all[randomIndex(all.length)]);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomIndex(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join('');
    if (!avoid || !password.toLowerCase().includes(avoid.toLowerCase())) return password;
  }
}

/** The policy check the server applies, so the form can say what is wrong before sending. */
export function passwordProblem(password: string, policy: PasswordPolicy, username?: string): string | null {
  if (password.length < policy.minLength) return `密码长度至少 ${policy.minLength} 位`;
  if (password.length > 128) return '密码长度不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) {
    return `密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
