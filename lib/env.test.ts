import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('has defaults for everything', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, BURNRATE_HOST: '127.0.0.1', BURNRATE_DATA_DIR: '.data', BURNRATE_DEMO: 'auto' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', PORT: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgresql:\/\/ URL, or unset to use the embedded database/],
    [{ BURNRATE_DEMO: 'yes' }, /BURNRATE_DEMO must be auto, on or off/],
  ])('explains %o', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
