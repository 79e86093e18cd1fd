// Tile sample of the benchmark: every tile over Poland at z0-z6, plus 200 per zoom z7-z16 drawn in
// proportion to report density (the tile of a random report), with a seeded PRNG so runs agree.
import fs from 'node:fs';
const [file, out, seedArg] = process.argv.slice(2);
let a = Number(seedArg || 42) >>> 0;
const rnd = () => { a = (a + 0x6D2B79F5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const tx = (lon, z) => Math.floor((lon + 180) / 360 * 2 ** z);
const ty = (lat, z) => { const p = lat * Math.PI / 180; return Math.floor((1 - Math.log(Math.tan(p) + 1 / Math.cos(p)) / Math.PI) / 2 * 2 ** z); };
const lines = [];
for (let z = 0; z <= 6; z++)
  for (let x = tx(14.0, z); x <= tx(24.25, z); x++)
    for (let y = ty(54.95, z); y <= ty(48.9, z); y++) lines.push(`${z}/${x}/${y}`);
const buf = fs.readFileSync(file);
const n = buf.length / 32;
for (let z = 7; z <= 16; z++)
  for (let i = 0; i < 200; i++) {
    const o = Math.floor(rnd() * n) * 32;
    lines.push(`${z}/${tx(buf.readDoubleLE(o), z)}/${ty(buf.readDoubleLE(o + 8), z)}`);
  }
fs.writeFileSync(out, lines.join('\n') + '\n');
console.log(`sample_tiles=${lines.length}`);
