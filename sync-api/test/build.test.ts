import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const zipPath = join(root, 'dist/sync.zip');
const build = () => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  return readFileSync(zipPath);
};

/** Reads the entries of a zip via its central directory. */
function entries(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString();
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, inflateRawSync(zip.subarray(start, start + size)));
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

describe('npm run build -w sync-api', () => {
  it('packs the handler into a byte-identical zip on every build', () => {
    const first = build();
    const second = build();
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(hash(second)).toBe(hash(first));
    const files = entries(first);
    expect([...files.keys()]).toEqual(['index.mjs', 'index.mjs.map']);
    expect(files.get('index.mjs')?.toString()).toMatch(/export\s*\{[^}]*handler/);
    expect(files.get('index.mjs')?.equals(readFileSync(join(root, 'dist/index.mjs')))).toBe(true);
  });
});
