import { join } from 'node:path';
import { build } from 'esbuild';
import { benchDir } from '../lib/options.ts';

/** page-entry.ts as one minified IIFE, the way Vite's production build targets (es2022). */
export async function pageBundle(): Promise<string> {
  const out = await build({
    entryPoints: [join(benchDir, 'client', 'page-entry.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('page bundle: no output');
  return file.text;
}
