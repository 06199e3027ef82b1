import { describe, expect, it } from 'vitest';
import { loginLimit, loginLimitMessage, normalizeEmail } from './login-limit';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const rule = { max: 5, windowMs: 15 * MIN };
const ago = (...minutes: number[]) => minutes.map((m) => NOW - m * MIN);

describe('loginLimit()', () => {
  it.each([
    ['no failures', [], { allowed: true }],
    ['four failures', ago(1, 2, 3, 4), { allowed: true }],
    // The oldest of the five leaves the window 15 - 10 = 5 minutes from now.
    ['five failures', ago(1, 2, 3, 4, 10), { allowed: false, retryAfterSeconds: 300 }],
    ['five failures in any order', ago(10, 3, 1, 4, 2), { allowed: false, retryAfterSeconds: 300 }],
    // Seven failures: allowed again when only four remain, i.e. when the third oldest leaves.
    ['seven failures', ago(1, 2, 3, 4, 5, 6, 14), { allowed: false, retryAfterSeconds: 600 }],
    ['old failures do not count', ago(1, 2, 3, 4, 15, 20, 60), { allowed: true }],
    ['failures from the future (clock skew) do not count', [...ago(1, 2, 3, 4), NOW + MIN], { allowed: true }],
    ['just blocked', ago(0, 0, 0, 0, 0), { allowed: false, retryAfterSeconds: 900 }],
  ])('%s', (_, failures, expected) => {
    expect(loginLimit(failures, NOW, rule)).toEqual(expected);
  });

  it('never asks to wait less than a second', () => {
    expect(loginLimit([NOW - 15 * MIN + 1, ...ago(1, 2, 3, 4)], NOW, rule)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe('loginLimitMessage()', () => {
  it.each([
    [30, 'Too many failed sign-ins for this account. Try again in 30 seconds, or ask an admin to set a new password.'],
    [60, 'Too many failed sign-ins for this account. Try again in 1 minute, or ask an admin to set a new password.'],
    [301, 'Too many failed sign-ins for this account. Try again in 6 minutes, or ask an admin to set a new password.'],
  ])('%i s', (seconds, message) => {
    expect(loginLimitMessage(seconds)).toBe(message);
  });

  it('normalises emails as better-auth stores them', () => {
    expect(normalizeEmail('  Admin@Burnrate.Local ')).toBe('admin@burnrate.local');
  });
});
