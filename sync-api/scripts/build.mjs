// Bundles the Lambda handler with esbuild and packs it into a deterministic zip
// (dist/sync.zip): the same source always gives the same bytes, so Terraform's
// source_code_hash only changes when the code does.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(root, 'src/handler.ts')],
  outfile: join(out, 'index.mjs'),
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'external',
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  // The Lambda Node.js runtime ships AWS SDK v3: bundling it would add ~550 KB and cold-start
  // time. Set BUNDLE_AWS_SDK=1 to pin our own copy instead.
  external: process.env.BUNDLE_AWS_SDK === '1' ? [] : ['@aws-sdk/*', '@smithy/*'],
  logLevel: 'warning',
});
writeFileSync(join(out, 'meta.json'), JSON.stringify(result.metafile));

/** A minimal zip writer (stored names, deflate, fixed 1980-01-01 timestamps). */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name);
    const deflated = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const header = (signature, central) => {
      const b = Buffer.alloc(central ? 46 : 30);
      b.writeUInt32LE(signature, 0);
      let p = 4;
      if (central) {
        b.writeUInt16LE(0x031e, p); // made by: unix, v3.0
        p += 2;
      }
      b.writeUInt16LE(20, p); // version needed
      b.writeUInt16LE(0, p + 2); // flags
      b.writeUInt16LE(8, p + 4); // deflate
      b.writeUInt16LE(0, p + 6); // time
      b.writeUInt16LE(0x21, p + 8); // date: 1980-01-01
      b.writeUInt32LE(crc, p + 10);
      b.writeUInt32LE(deflated.length, p + 14);
      b.writeUInt32LE(data.length, p + 18);
      b.writeUInt16LE(nameBytes.length, p + 22);
      if (central) {
        b.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attrs: -rw-r--r--
        b.writeUInt32LE(offset, 42);
      }
      return b;
    };
    const local = Buffer.concat([header(0x04034b50, false), nameBytes, deflated]);
    centrals.push(Buffer.concat([header(0x02014b50, true), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

const files = ['index.mjs', 'index.mjs.map'].map((name) => ({
  name,
  data: readFileSync(join(out, name)),
}));
writeFileSync(join(out, 'sync.zip'), zip(files));
const size = (n) => `${(readFileSync(join(out, n)).length / 1024).toFixed(1)} KB`;
console.log(`sync-api: dist/index.mjs ${size('index.mjs')}, dist/sync.zip ${size('sync.zip')}`);
