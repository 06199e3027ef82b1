import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import { logger } from '@/lib/log';

// Caller IP -> ISO 3166-1 alpha-2 country, offline, with geoip-lite's bundled GeoLite data.
// The data is read into memory (about 150 MB with the city files the package ships; set
// GEODATADIR to a folder holding only geoip-country*.dat for about 15 MB) on the first
// lookup, not on import, so processes that never ingest never pay for it.

type GeoIp = { lookup: (ip: string) => { country: string } | null };

let geoip: GeoIp | null | undefined;

function loadGeoIp(): GeoIp | null {
  if (geoip === undefined) {
    try {
      geoip = createRequire(import.meta.url)('geoip-lite') as GeoIp;
    } catch (error) {
      // Without the data, events still count; they only lose their region.
      logger.warn('geoip_unavailable', { error: error instanceof Error ? error.message : String(error) });
      geoip = null;
    }
  }
  return geoip;
}

// Addresses that say nothing about where a caller is (IPv4-mapped IPv6 forms match too).
const notPublic = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) {
  notPublic.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) notPublic.addSubnet(net, prefix, 'ipv6');

// '' when unknown: not an IP, private, loopback, or not in the data.
export function countryForIp(ip: string | undefined): string {
  const version = ip ? isIP(ip) : 0;
  if (!ip || version === 0) return '';
  if (notPublic.check(ip, version === 4 ? 'ipv4' : 'ipv6')) return '';
  const country = loadGeoIp()?.lookup(ip)?.country ?? '';
  return /^[A-Z]{2}$/.test(country) ? country : '';
}

// An explicit country wins over the caller's address.
export function regionFor(event: { country?: string; callerIp?: string }): string {
  return event.country ?? countryForIp(event.callerIp);
}
