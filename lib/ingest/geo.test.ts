import { describe, expect, it } from 'vitest';
import { countryForIp, regionFor } from './geo';

// Uses the GeoLite data shipped inside geoip-lite; the public addresses below are stable
// allocations (Google DNS, heise.de, Deutsche Telekom).
describe('countryForIp', () => {
  it.each([
    ['8.8.8.8', 'US'],
    ['193.99.144.80', 'DE'],
    ['2003::1', 'DE'],
    ['::ffff:8.8.8.8', 'US'],
    ['127.0.0.1', ''],
    ['10.1.2.3', ''],
    ['172.20.0.5', ''],
    ['192.168.1.1', ''],
    ['100.64.0.1', ''],
    ['169.254.10.10', ''],
    ['::1', ''],
    ['::ffff:10.0.0.1', ''],
    ['fd12:3456::1', ''],
    ['fe80::1', ''],
    ['not an ip', ''],
    ['', ''],
  ])('%s -> "%s"', (ip, country) => {
    expect(countryForIp(ip)).toBe(country);
  });
});

describe('regionFor', () => {
  it.each([
    [{ country: 'FR', callerIp: '8.8.8.8' }, 'FR'],
    [{ callerIp: '8.8.8.8' }, 'US'],
    [{}, ''],
  ])('%j -> "%s"', (event, region) => {
    expect(regionFor(event)).toBe(region);
  });
});
