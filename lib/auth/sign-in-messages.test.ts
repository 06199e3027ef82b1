import { describe, expect, it } from 'vitest';
import { changePasswordErrorMessage, signInErrorMessage, ssoErrorMessage } from './sign-in-messages';

describe('signInErrorMessage()', () => {
  it.each([
    [{ status: 401, message: 'Invalid email or password', code: 'INVALID_EMAIL_OR_PASSWORD' }, 'Wrong email or password.'],
    [
      { status: 429, message: 'Too many failed sign-ins for this account. Try again in 15 minutes, or ask an admin to set a new password.', code: 'ACCOUNT_RATE_LIMITED' },
      'Too many failed sign-ins for this account. Try again in 15 minutes, or ask an admin to set a new password.',
    ],
    [{ status: 429, message: 'Too many requests. Please try again later.' }, 'Too many sign-in attempts from your network. Wait a minute, then try again.'],
    [{ status: 403, message: 'This account is disabled; ask an admin to enable it', code: 'ACCOUNT_DISABLED' }, 'This account is disabled; ask an admin to enable it'],
    [{ status: 403, message: 'Invalid origin', code: 'INVALID_ORIGIN' }, expect.stringMatching(/BURNRATE_PUBLIC_URL/)],
    [{ status: 400, message: 'Invalid email', code: 'INVALID_EMAIL' }, 'Invalid email.'],
    [{ status: 500 }, 'Sign-in failed: the server did not answer as expected. Try again in a moment.'],
  ])('%o', (error, message) => {
    expect(signInErrorMessage(error)).toEqual(message);
  });
});

describe('ssoErrorMessage()', () => {
  it.each([
    ['domain_not_allowed', 'Single sign-on is not open to your email domain. Ask an admin for an account.'],
    ['ACCESS_DENIED', 'Single sign-on was cancelled.'],
    ['weird', 'Single sign-on failed (weird). Try again, or sign in with your password.'],
  ])('%s', (code, message) => {
    expect(ssoErrorMessage(code)).toBe(message);
  });
});

describe('changePasswordErrorMessage()', () => {
  it.each([
    [{ status: 400, message: 'Invalid password', code: 'INVALID_PASSWORD' }, 'The current password is wrong.'],
    [{ status: 400, message: 'Password too short', code: 'PASSWORD_TOO_SHORT' }, 'The new password must be at least 12 characters long.'],
    [{ status: 401 }, 'Your session ended; sign in again.'],
    [{ status: 429 }, 'Too many attempts. Wait a minute, then try again.'],
    [{ status: 500 }, 'Changing the password failed. Try again in a moment.'],
  ])('%o', (error, message) => {
    expect(changePasswordErrorMessage(error)).toBe(message);
  });
});
