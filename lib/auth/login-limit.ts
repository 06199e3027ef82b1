// The per-account limit on password sign-ins: after `max` failures within `windowMs` the
// account refuses passwords until the oldest of them leaves the window. better-auth limits
// each IP address as well; this one stops a slow guesser that rotates addresses.

export type LoginLimitRule = { max: number; windowMs: number };

export const LOGIN_LIMIT: LoginLimitRule = { max: 5, windowMs: 15 * 60_000 };

export type LoginLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** `failures`: when this account's recent failed attempts happened (epoch ms, any order). */
export function loginLimit(failures: readonly number[], now: number, rule: LoginLimitRule = LOGIN_LIMIT): LoginLimitDecision {
  const recent = failures.filter((at) => at > now - rule.windowMs && at <= now).sort((a, b) => a - b);
  if (recent.length < rule.max) return { allowed: true };
  // Allowed again once only max - 1 failures remain inside the window.
  const freesAt = recent[recent.length - rule.max]! + rule.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now) / 1000)) };
}

export function loginLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `Too many failed sign-ins for this account. Try again in ${wait}, or ask an admin to set a new password.`;
}

/** Emails as stored: better-auth lower-cases them, so the limit must too. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
