// Draws app/favicon.ico with no image tools: `node scripts/make-favicon.mjs`. Burnrate's icon
// (a rounded blue square with three white bars, on a 16-unit grid) is supersampled into 32 and
// 16 pixel RGBA PNGs, stored in one ICO.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const BLUE = [0x34, 0x51, 0xc7];
const CORNER = 3;
const BARS = [
  { x: 4, top: 8 },
  { x: 8, top: 5 },
  { x: 12, top: 3 },
];
const BAR_BOTTOM = 12;
const BAR_RADIUS = 1;
const SUPERSAMPLE = 8;

const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
const inSquare = (x, y) =>
  x >= 0 && x <= 16 && y >= 0 && y <= 16 && (x - clamp(x, CORNER, 16 - CORNER)) ** 2 + (y - clamp(y, CORNER, 16 - CORNER)) ** 2 <= CORNER ** 2;
// A bar is a line with round caps: the points within its radius of the segment.
const inBar = (x, y) => BARS.some((bar) => (x - bar.x) ** 2 + (y - clamp(y, bar.top, BAR_BOTTOM)) ** 2 <= BAR_RADIUS ** 2);

function pixels(size) {
  const stride = size * 4 + 1; // each PNG row starts with its filter byte (0: none)
  const raw = Buffer.alloc(size * stride);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = ((px + (sx + 0.5) / SUPERSAMPLE) * 16) / size;
          const y = ((py + (sy + 0.5) / SUPERSAMPLE) * 16) / size;
          if (!inSquare(x, y)) continue;
          covered++;
          if (inBar(x, y)) white++;
        }
      }
      const mix = covered ? white / covered : 0;
      const at = py * stride + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[at + c] = Math.round(BLUE[c] + (255 - BLUE[c]) * mix);
      raw[at + 3] = Math.round((255 * covered) / samples);
    }
  }
  return raw;
}

function chunk(type, data) {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels(size))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function ico(sizes) {
  const images = sizes.map((size) => ({ size, data: png(size) }));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size;
    entry[1] = size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

writeFileSync(new URL('../app/favicon.ico', import.meta.url), ico([32, 16]));
