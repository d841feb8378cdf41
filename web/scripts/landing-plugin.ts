/**
 * The build's landing page (issue 14): index.html carries the prerendered landing page in
 * #root, a render-blocking start script that decides before the first paint whether that page
 * or the app's splash is shown (web/src/landing/start-mode.ts), and idle-time prefetches of
 * the chat app's chunks, which the entry loads only once a session starts. Everything is a
 * file of our own origin: the CSP allows no inline script or style.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type HtmlTagDescriptor, type Plugin, type Rolldown, transformWithOxc } from 'vite';
import { prerenderLanding } from '../src/landing/prerender.tsx';

const startModeFile = fileURLToPath(new URL('../src/landing/start-mode.ts', import.meta.url));

/**
 * start-mode.ts as a classic script: types stripped, exports dropped (the file has no imports),
 * then one call that marks <html data-start="app|landing"> for styles/layout.css.
 */
export async function startScript(): Promise<string> {
  const { code } = await transformWithOxc(readFileSync(startModeFile, 'utf8'), startModeFile, {
    lang: 'ts',
  });
  const body = code.replace(/^export (?=(const|function|let) )/gm, '');
  if (/^\s*(import|export)\b/m.test(body)) throw new Error('start-mode.ts must have no imports');
  const storage = 'function () { try { return window.localStorage; } catch (e) { return null; } }';
  return `(function () {\n${body}\ndocument.documentElement.dataset.start = startMode(location.pathname, (${storage})());\n})();\n`;
}

/** The chunks (and their CSS) the entry imports dynamically, minus what it loads anyway. */
export function lazyFiles(bundle: Rolldown.OutputBundle, entry: Rolldown.OutputChunk): string[] {
  const chunk = (name: string) => bundle[name] as Rolldown.OutputChunk | undefined;
  const eager = new Set<string>();
  const addEager = (name: string) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const i of chunk(name)?.imports ?? []) addEager(i);
  };
  addEager(entry.fileName);
  const lazy = new Set<string>();
  const addLazy = (name: string) => {
    if (eager.has(name) || lazy.has(name)) return;
    lazy.add(name);
    const c = chunk(name);
    for (const i of c?.imports ?? []) addLazy(i);
    for (const css of (c as { viteMetadata?: { importedCss: Set<string> } })?.viteMetadata
      ?.importedCss ?? [])
      lazy.add(css);
  };
  for (const name of entry.dynamicImports) addLazy(name);
  return [...lazy].sort();
}

export function landingPage(): Plugin {
  let script = '';
  let scriptFile = '';
  return {
    name: 'chatscape:landing-page',
    apply: 'build',
    async buildStart() {
      script = await startScript();
      const hash = createHash('sha256').update(script).digest('hex').slice(0, 10);
      scriptFile = `assets/start-${hash}.js`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: scriptFile, source: script });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!html.includes('<div id="root"></div>'))
          throw new Error('index.html has no empty #root');
        const tags: HtmlTagDescriptor[] = [
          { tag: 'script', attrs: { src: `/${scriptFile}` }, injectTo: 'head' },
        ];
        if (ctx.bundle && ctx.chunk) {
          for (const file of lazyFiles(ctx.bundle, ctx.chunk)) {
            const as = file.endsWith('.css') ? 'style' : 'script';
            tags.push({
              tag: 'link',
              attrs: { rel: 'prefetch', href: `/${file}`, as, crossorigin: true },
              injectTo: 'head',
            });
          }
        }
        return {
          html: html.replace('<div id="root"></div>', `<div id="root">${prerenderLanding()}</div>`),
          tags,
        };
      },
    },
  };
}
