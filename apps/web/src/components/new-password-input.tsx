import type { InputHTMLAttributes } from 'react';
import { LIMITS } from '@perch/shared';

type Props = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'autoComplete' | 'maxLength' | 'onChange' | 'value'
> & {
  value: string;
  onValueChange: (value: string) => void;
};

/**
 * A password being chosen (new account, password change): the browser may offer to generate and save it, and the
 * length bound matches the server's. `Field` passes id and aria attributes through.
 */
export function NewPasswordInput({ value, onValueChange, ...rest }: Props) {
  return (
    <input
      {...rest}
      type="password"
      autoComplete="new-password"
      maxLength={LIMITS.passwordMax}
      value={value}
      onChange={(e) => onValueChange(e.target.value)}
    />
  );
}
