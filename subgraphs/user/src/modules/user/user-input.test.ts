import { describe, expect, it } from 'vitest';
import type { GraphQLError } from 'graphql';
import { checkNewPassword } from './user-input.js';

const refusal = (password: string) => {
  try {
    checkNewPassword(password);
    return null;
  } catch (error) {
    return { message: (error as GraphQLError).message, extensions: (error as GraphQLError).extensions };
  }
};

describe('new passwords (NIST SP 800-63B)', () => {
  it('accepts ten characters or more that are not common, without composition rules', () => {
    for (const password of ['correct horse battery', 'studbook-demo', 'aaaaaaaaab', 'ñandú-ñandú', '🐍🐍🐍🐍🐍🐍🐍🐍🐍🐍'])
      expect(refusal(password), password).toBeNull();
  });

  it('says which rule a refused password breaks, on the password field', () => {
    expect(refusal('ninechars')).toEqual({ message: 'Password must be at least 10 characters', extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(refusal('p'.repeat(201))).toEqual({ message: 'Password must be at most 200 characters', extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect(refusal('1qaz2wsx3edc')).toEqual({
      message: 'Password is one of the 10,000 most common passwords: choose another',
      extensions: { code: 'BAD_USER_INPUT', field: 'password' },
    });
  });

  it('counts characters as users do: nine emoji are too short, though they are 18 UTF-16 units', () => {
    expect(refusal('🐍'.repeat(9))?.message).toBe('Password must be at least 10 characters');
    expect(refusal('🐍'.repeat(200))).toBeNull();
  });

  it('refuses the common list whatever the letter case, down to its 10,000th entry', () => {
    for (const password of ['qwertyuiop', 'QWERTYUIOP', 'QwErTyUiOp', '1234567890', 'PASSWORD123', 'Password12', 'GreedIsGood']) {
      expect(refusal(password)?.message, password).toMatch(/most common/);
    }
    // The 10,028th most common: past the list, so only the length rule applies.
    expect(refusal('1020304050')).toBeNull();
  });
});
