import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path';

describe('safeNextPath()', () => {
  it.each([
    ['/incidents?status=all', '/incidents?status=all'],
    ['/keys/0b6f2c1e', '/keys/0b6f2c1e'],
    [null, '/'],
    ['', '/'],
    ['incidents', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/ok\r\nset-cookie: x', '/'],
    ['/sign-in', '/'],
    ['/sign-in?next=/sign-in', '/'],
    ['/api/keys', '/'],
  ])('%j -> %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('signInPath()', () => {
  it.each([
    ['/', '/sign-in'],
    ['/incidents?status=all', '/sign-in?next=%2Fincidents%3Fstatus%3Dall'],
    ['//evil.example', '/sign-in'],
  ])('%j -> %j', (path, expected) => {
    expect(signInPath(path)).toBe(expected);
  });
});
