/**
 * The signed-out landing page of the production build, served by the local stack's app
 * server as CloudFront serves it (brotli/gzip, the contract's headers and caching): Lighthouse
 * (its default mobile profile, simulated throttling; the median of `landingRuns` runs) and the
 * bytes a first visit transfers. The tiny run measures the bytes only.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalStack } from '../../sync-api/local/stack.ts';
import { run } from '../lib/exec.ts';
import { type BenchOptions, repoRoot } from '../lib/options.ts';
import { summarize } from '../lib/stats.ts';
import { figure, kib } from '../report/format.ts';
import type { Row, Section, Target } from '../report/types.ts';
import { type LighthouseFigures, runLighthouse } from './lighthouse-run.ts';
import { measureTransfer } from './transferred.ts';

const dist = join(repoRoot, 'web', 'dist');

export interface LandingResult {
  lighthouse: LighthouseFigures[];
  transfer: Awaited<ReturnType<typeof measureTransfer>>;
}

export async function benchLanding(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ section: Section; result: LandingResult }> {
  if (!options.reuseBuilds || !existsSync(join(dist, 'index.html'))) {
    log('building web');
    run('npm', ['run', 'build', '-w', 'web']);
  }
  const stack = await startLocalStack({ dataDir: null, webDist: dist, quiet: true });
  try {
    const url = `${stack.appURL}/`;
    const transfer = await measureTransfer(url);
    const lighthouse: LighthouseFigures[] = [];
    for (let r = 0; r < options.landingRuns; r++) {
      log(`lighthouse run ${r + 1}/${options.landingRuns}`);
      lighthouse.push(await runLighthouse(url));
    }
    return { section: landingSection(lighthouse, transfer), result: { lighthouse, transfer } };
  } finally {
    await stack.stop();
  }
}

function landingSection(runs: LighthouseFigures[], transfer: LandingResult['transfer']): Section {
  const s = (pick: (f: LighthouseFigures) => number) => summarize(runs.map(pick));
  const prefetched = transfer.byPath
    .filter((r) => transfer.prefetches.includes(r.path))
    .reduce((sum, r) => sum + r.bytes, 0);
  const rows: Row[] = [
    {
      what: 'transferred on a first visit (browser, compressed)',
      value: kib(transfer.bytes),
      detail: `${transfer.requests} requests; largest: ${transfer.byPath
        .slice(0, 3)
        .map((r) => `${r.path} ${kib(r.bytes)}`)
        .join(', ')}`,
    },
    {
      what: 'of which the idle-time prefetch of the chat app',
      value: kib(prefetched),
      detail: transfer.prefetches.join(', '),
    },
  ];
  const targets: Target[] = [
    {
      name: 'landing: transferred (browser)',
      goal: '<= 200 KB',
      measured: kib(transfer.bytes),
      met: transfer.bytes <= 200 * 1024,
    },
  ];
  if (runs.length > 0) {
    const scores = {
      performance: s((f) => f.performance),
      accessibility: s((f) => f.accessibility),
      'best practices': s((f) => f.bestPractices),
      SEO: s((f) => f.seo),
    };
    for (const [name, summary] of Object.entries(scores)) {
      rows.push({ what: `Lighthouse ${name}`, value: figure(summary), detail: '' });
      const goal = name === 'performance' ? 95 : 100;
      targets.push({
        name: `landing: Lighthouse ${name}`,
        goal: `>= ${goal}`,
        measured: figure(summary),
        met: summary.median >= goal,
      });
    }
    const lcp = s((f) => f.lcp);
    const tbt = s((f) => f.tbt);
    const bytes = s((f) => f.transferred);
    rows.push(
      { what: 'LCP (simulated mobile)', value: `${figure(lcp)} ms`, detail: '' },
      { what: 'TBT (simulated mobile)', value: `${figure(tbt)} ms`, detail: '' },
      {
        what: 'transferred (Lighthouse total-byte-weight)',
        value: `${figure({ ...bytes, median: bytes.median / 1024, min: bytes.min / 1024, max: bytes.max / 1024 })} KB`,
        detail: '',
      },
    );
    targets.push({
      name: 'landing: Lighthouse transferred',
      goal: '<= 200 KB',
      measured: kib(bytes.median),
      met: bytes.median <= 200 * 1024,
    });
  }
  const failing = [...new Set(runs.flatMap((f) => f.failing))];
  return {
    id: 'landing',
    title: 'Landing page (signed out, first visit)',
    path: `the local stack's app server (brotli/gzip as CloudFront) → web/dist; Lighthouse ${runs.length > 0 ? `mobile, ${runs.length} runs` : 'not run (tiny)'}`,
    rows,
    notes:
      failing.length > 0 ? [`Lighthouse audits under 90 in some run: ${failing.join(', ')}`] : [],
    targets,
  };
}
