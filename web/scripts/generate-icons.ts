/**
 * Draws the ChatScape icons as real PNGs (no image tools needed): a white speech bubble with a
 * horizon line on the brand colour. Run: npx tsx web/scripts/generate-icons.ts
 * Output goes to web/public and is committed; the manifest and index.html refer to it.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const BRAND: Rgba = [59, 91, 219, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

// Signed distances in the 64-unit design space of the SVG logo (negative = inside).
function roundedRect(
  x: number,
  y: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number) {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy);
}

function inTail(x: number, y: number) {
  // Triangle (21,44) (30,44) (21,52).
  return y >= 43 && x >= 21 && x - 21 <= (9 * (52 - y)) / 8;
}

const HORIZON: Array<[number, number]> = [
  [18, 34],
  [26, 27],
  [32, 32],
  [38, 28],
  [46, 34],
];

/** Colour at a design-space point; `fullBleed` fills the whole square (maskable icons). */
function shade(x: number, y: number, fullBleed: boolean): Rgba | null {
  if (!fullBleed && roundedRect(x, y, 0, 0, 64, 64, 14) > 0) return null;
  const inBubble = roundedRect(x, y, 10, 18, 54, 44, 6) <= 0 || inTail(x, y);
  if (!inBubble) return BRAND;
  let line = Infinity;
  for (let i = 1; i < HORIZON.length; i++) {
    const [a, b] = [HORIZON[i - 1], HORIZON[i]] as [[number, number], [number, number]];
    line = Math.min(line, segment(x, y, a[0], a[1], b[0], b[1]));
  }
  return line <= 1.6 ? BRAND : WHITE;
}

function render(size: number, fullBleed: boolean, scale = 1): Buffer {
  const SS = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let s = 0; s < SS * SS; s++) {
        const u = ((px + ((s % SS) + 0.5) / SS) / size) * 64;
        const v = ((py + (Math.floor(s / SS) + 0.5) / SS) / size) * 64;
        const inner = shade(32 + (u - 32) / scale, 32 + (v - 32) / scale, fullBleed);
        const c = fullBleed && !inner ? BRAND : inner;
        if (!c) continue;
        for (let k = 0; k < 3; k++) acc[k] = (acc[k] ?? 0) + (c[k] ?? 0) * (c[3] / 255);
        acc[3] = (acc[3] ?? 0) + c[3];
      }
      const alpha = (acc[3] ?? 0) / (SS * SS);
      for (let k = 0; k < 3; k++) {
        row[1 + px * 4 + k] = alpha ? Math.round(((acc[k] ?? 0) / (SS * SS)) * (255 / alpha)) : 0;
      }
      row[1 + px * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const icons: Array<[string, number, boolean, number]> = [
  ['icon-192.png', 192, false, 1],
  ['icon-512.png', 512, false, 1],
  // Maskable: full-bleed colour, the mark inside the central 80 % safe circle.
  ['icon-maskable-512.png', 512, true, 0.72],
  ['apple-touch-icon.png', 180, true, 0.85],
];
for (const [name, size, fullBleed, scale] of icons) {
  writeFileSync(join(out, name), render(size, fullBleed, scale));
  console.log(`wrote ${name}`);
}
