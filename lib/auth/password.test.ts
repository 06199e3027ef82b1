import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-rules';

describe('argon2id passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await verifyPassword({ hash: stored, password: 'correct horse battery staple' })).toBe(true);
    expect(await verifyPassword({ hash: stored, password: 'correct horse battery stapler' })).toBe(false);
  });

  it('treats other or damaged hashes as a wrong password', async () => {
    expect(await verifyPassword({ hash: 'salt:deadbeef', password: 'x' })).toBe(false);
    expect(await verifyPassword({ hash: '$argon2id$v=19$garbage', password: 'x' })).toBe(false);
  });

  it('generates long, distinct one-time passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const p of passwords) {
      expect(p).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){4}$/);
      expect(p).not.toMatch(/[01lIO]/);
      expect(passwordProblem(p)).toBeNull();
    }
  });

  it.each([
    ['short', 'The password must be at least 12 characters long'],
    ['x'.repeat(257), 'The password must be at most 256 characters long'],
    ['twelve chars', null],
  ])('passwordProblem(%j)', (password, expected) => {
    expect(passwordProblem(password)).toBe(expected);
  });
});
