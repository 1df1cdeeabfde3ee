#!/usr/bin/env node
/**
 * Renders the app icon from its SVG sources into what electron-builder needs:
 *
 *   build/icons/{16,24,32,48,64,128,256,512,1024}x….png   Linux icon set (linux.icon)
 *   build/icon.icns                                      macOS (mac.icon), PNG entries 16…1024
 *   build/icon.ico                                       Windows (win.icon), 16…256
 *
 * Sources: build/icon.svg (48 px and up) and build/icon-small.svg (32 px and below: the tiles
 * alone, crisp at 16 and 32 px). The outputs are committed, so building installers needs none of
 * this; run it again after editing an SVG:
 *
 *   node scripts/generate-icons.mjs            (or CHROMIUM_PATH=/path/to/chrome node …)
 *
 * Chromium rasterizes the SVG (headless, through @playwright/test, which the e2e tests use
 * already; it takes /usr/bin/chromium when present, else Playwright's own browser). Everything
 * else is plain Node: PNG encoding (zlib) and the ICNS/ICO containers, so no ImageMagick,
 * librsvg or icnsutils is needed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entry types holding PNG data, with the pixel size each holds. */
const ICNS_ENTRIES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16 pt @2x
  ['ic12', 64], // 32 pt @2x
  ['ic07', 128],
  ['ic13', 256], // 128 pt @2x
  ['ic08', 256],
  ['ic14', 512], // 256 pt @2x
  ['ic09', 512],
  ['ic10', 1024], // 512 pt @2x
];
const SMALL_MAX = 32;

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA (straight alpha, row-major) → PNG, colour type 6, 8 bits, no filtering. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** RGBA → a 32-bit BMP (DIB) icon image: BGRA bottom-up, then the 1-bit AND mask. */
function encodeIcoBitmap(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR image + AND mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  const maskRow = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    const src = y * size * 4;
    const dst = (size - 1 - y) * size * 4;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = rgba.subarray(src + x * 4, src + x * 4 + 4);
      pixels.set([b, g, r, a], dst + x * 4);
      if (a === 0) mask[(size - 1 - y) * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

// ---------------------------------------------------------------- containers

/** ICO: bitmaps below 256 px (what every Windows tool reads), PNG for 256 px. */
function encodeIco(images) {
  const dir = Buffer.alloc(6);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // icon
  dir.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += data.length;
  }
  return Buffer.concat([dir, ...entries, ...images.map((image) => image.data)]);
}

function encodeIcns(entries) {
  const parts = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---------------------------------------------------------------- rendering

/* global Image, document -- used only inside page.evaluate, which runs in Chromium */

async function render(page, svg, size) {
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const pixels = await page.evaluate(
    async ({ url, px }) => {
      const image = new Image(px, px);
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = px;
      canvas.height = px;
      const context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.drawImage(image, 0, 0, px, px);
      const data = context.getImageData(0, 0, px, px).data;
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { url: dataUrl, px: size },
  );
  return Buffer.from(pixels, 'base64');
}

async function main() {
  const large = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  const small = readFileSync(join(buildDir, 'icon-small.svg'), 'utf8');
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath });
  const pixelsBySize = new Map();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>icons</title>');
    const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_ENTRIES.map(([, size]) => size)])].sort((a, b) => a - b);
    for (const size of sizes) pixelsBySize.set(size, await render(page, size <= SMALL_MAX ? small : large, size));
  } finally {
    await browser.close();
  }
  const png = new Map([...pixelsBySize].map(([size, rgba]) => [size, encodePng(size, rgba)]));

  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), png.get(size));
  writeFileSync(join(buildDir, 'icon.icns'), encodeIcns(ICNS_ENTRIES.map(([type, size]) => ({ type, data: png.get(size) }))));
  writeFileSync(
    join(buildDir, 'icon.ico'),
    encodeIco(ICO_SIZES.map((size) => ({ size, data: size >= 256 ? png.get(size) : encodeIcoBitmap(size, pixelsBySize.get(size)) }))),
  );
  console.log(`build/icons: ${LINUX_SIZES.map((s) => `${s}x${s}`).join(' ')}`);
  console.log(`build/icon.icns: ${ICNS_ENTRIES.map(([type, size]) => `${type}=${size}px`).join(' ')}`);
  console.log(`build/icon.ico: ${ICO_SIZES.join(' ')} px (bitmaps; 256 px as PNG)`);
}

await main();
