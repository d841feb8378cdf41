import { join } from 'node:path';
import { build } from 'esbuild';
import { benchDir } from '../lib/options.ts';

/** page-entry.ts as one minified IIFE, the way Vite's production build targets (es2022). */
export async function searchBundle(): Promise<string> {
  const out = await build({
    entryPoints: [join(benchDir, 'search', 'page-entry.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env': '{}' },
    write: false,
    logLevel: 'error',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('search page bundle: no output');
  return file.text;
}
