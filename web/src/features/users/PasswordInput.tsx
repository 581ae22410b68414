import { Button, Input, Space } from 'antd';
import { generatePassword } from './password.ts';
import { usePasswordPolicy } from './usePasswordPolicy.ts';

type Props = {
  value?: string;
  onChange?: (value: string) => void;
  /** The account's user name, which a password may not contain. */
  username?: string;
  id?: string;
};

/**
 * A temporary password typed by the administrator or made by 随机生成. Shown in clear text,
 * because the administrator has to pass it on; it is never shown again after saving.
 */
export function PasswordInput({ value, onChange, username, id }: Props) {
  const policy = usePasswordPolicy();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoComplete="new-password"
        spellCheck={false}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        placeholder={`至少 ${policy.minLength} 位，含大写、小写、数字、特殊字符中的 ${policy.minClasses} 类`}
      />
      <Button onClick={() => onChange?.(generatePassword(policy, username))}>随机生成</Button>
    </Space.Compact>
  );
}
