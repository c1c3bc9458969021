// Writes the app's PNG icons into static/ with no dependencies: a white mast and pennant on the
// theme colour. Run once by hand (`node scripts/make-icons.mjs`); the output is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const THEME = [0x0b, 0x25, 0x45];
const WHITE = [0xff, 0xff, 0xff];
const ACCENT = [0xff, 0xc8, 0x3d];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** colourAt(x, y) gets coordinates in 0..1 and returns [r, g, b]. */
function png(size, colourAt) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b] = colourAt((x + 0.5) / size, (y + 0.5) / size);
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The mark, drawn inside a box scaled by `inset` so maskable icons keep it in the safe zone. */
function mark(inset) {
  return (u, v) => {
    const x = 0.5 + (u - 0.5) / inset;
    const y = 0.5 + (v - 0.5) / inset;
    const mast = x > 0.44 && x < 0.52 && y > 0.18 && y < 0.8;
    const base = y > 0.76 && y < 0.82 && x > 0.3 && x < 0.7;
    // Pennant: a triangle flying right from the top of the mast.
    const pennant = x >= 0.52 && y > 0.2 && y < 0.48 && x - 0.52 < 0.28 * (1 - Math.abs(y - 0.34) / 0.14);
    if (pennant) return ACCENT;
    if (mast || base) return WHITE;
    return THEME;
  };
}

const out = new URL('../static/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), png(192, mark(1)));
writeFileSync(new URL('icon-512.png', out), png(512, mark(1)));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, mark(0.7)));
writeFileSync(new URL('apple-touch-icon.png', out), png(180, mark(0.85)));
writeFileSync(new URL('favicon.png', out), png(32, mark(1)));
console.log('icons written to static/');
