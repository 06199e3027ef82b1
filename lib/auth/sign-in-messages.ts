// What the sign-in and password pages say when better-auth refuses. Pure, for the browser.

export type AuthFailure = { status?: number; message?: string; code?: string };

export function signInErrorMessage(error: AuthFailure): string {
  if (error.status === 401) return 'Wrong email or password.';
  if (error.code === 'ACCOUNT_RATE_LIMITED' && error.message) return error.message;
  if (error.status === 429) return 'Too many sign-in attempts from your network. Wait a minute, then try again.';
  if (error.code === 'ACCOUNT_DISABLED' && error.message) return error.message;
  if (error.status === 403) return 'Sign-in was refused for this page address. Open Burnrate at the address your admin set as BURNRATE_PUBLIC_URL.';
  if (error.status === 400 && error.message) return `${error.message}.`.replace(/\.\.$/, '.');
  return 'Sign-in failed: the server did not answer as expected. Try again in a moment.';
}

// better-auth sends single sign-on failures back to /sign-in?error=<code>.
const SSO_ERRORS: Record<string, string> = {
  domain_not_allowed: 'Single sign-on is not open to your email domain. Ask an admin for an account.',
  account_not_linked: 'An account with your email exists but cannot be linked to single sign-on. Sign in with your password, or ask an admin.',
  signup_disabled: 'Single sign-on cannot create new users here. Ask an admin for an account.',
  access_denied: 'Single sign-on was cancelled.',
};

export function ssoErrorMessage(code: string): string {
  return SSO_ERRORS[code.toLowerCase()] ?? `Single sign-on failed (${code}). Try again, or sign in with your password.`;
}

export function changePasswordErrorMessage(error: AuthFailure): string {
  if (error.code === 'INVALID_PASSWORD' || (error.status === 400 && /invalid password/i.test(error.message ?? ''))) return 'The current password is wrong.';
  if (error.code === 'PASSWORD_TOO_SHORT') return 'The new password must be at least 12 characters long.';
  if (error.status === 401) return 'Your session ended; sign in again.';
  if (error.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  return error.message ? `${error.message}.`.replace(/\.\.$/, '.') : 'Changing the password failed. Try again in a moment.';
}
