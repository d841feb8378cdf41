/**
 * `npm run bench`: server and client benchmarks of ChatScape against 127.0.0.1 servers it
 * starts itself. Prints the results as markdown and writes results.json, results.md and
 * idle-pull.svg (to bench/tmp/ with --tiny). Measures; never asserts timings.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchClient } from './client/client-bench.ts';
import { measureLiveDelivery } from './client/live-delivery.ts';
import { liveSections } from './client/live-report.ts';
import { benchLanding, type LandingResult } from './landing/landing-bench.ts';
import { codeVersion } from './lib/exec.ts';
import { log } from './lib/log.ts';
import { machine } from './lib/machine.ts';
import { parseOptions, wants } from './lib/options.ts';
import { benchPreflight } from './preflight/preflight.ts';
import { benchNotify } from './push-notify/notify.ts';
import { renderMarkdown } from './report/markdown.ts';
import { method } from './report/method.ts';
import type { Section } from './report/types.ts';
import { benchSearch } from './search/search-bench.ts';
import { startBenchStack } from './server/bench-stack.ts';
import { benchCatchUp } from './server/catch-up.ts';
import { benchFanOut } from './server/fanout.ts';
import { benchHandlerBundle } from './server/handler-bundle.ts';
import { benchIdlePull, type IdleResult } from './server/idle-pull.ts';
import { idleSections } from './server/idle-report.ts';
import { idleSvg } from './server/idle-svg.ts';
import { benchPush } from './server/push.ts';

const options = parseOptions(process.argv.slice(2));
const started = performance.now();
const loadAtStart = loadavg()[0] ?? 0;
const commit = codeVersion();

const sections: Section[] = [];
let idle: IdleResult | undefined;

if (['push', 'catch-up', 'idle', 'fan-out'].some((s) => wants(options, s))) {
  log('starting the local stack');
  const bench = await startBenchStack(null);
  try {
    if (wants(options, 'push')) {
      log('push');
      sections.push(await benchPush(bench, options));
    }
    if (wants(options, 'catch-up')) {
      log('catch-up pull');
      sections.push(await benchCatchUp(bench, options));
    }
    if (wants(options, 'fan-out')) {
      log('fan-out (live delivery)');
      sections.push(await benchFanOut(bench, options));
    }
    if (wants(options, 'idle')) {
      log('idle pull (seeding up to the largest history)');
      idle = await benchIdlePull(bench, options);
      sections.push(...idleSections(idle, options.idle.sizes, options.idle.spreads));
    }
  } finally {
    await bench.stop();
  }
}
if (wants(options, 'handler')) {
  log('handler bundle and import time');
  sections.push(await benchHandlerBundle(options));
}

let chromium: string | undefined;
if (wants(options, 'client')) {
  log('client (Chromium)');
  const client = await benchClient(options, log);
  sections.push(...client.sections);
  chromium = client.chromium;
}

if (wants(options, 'search')) {
  log('search (Chromium)');
  sections.push(...(await benchSearch(options, log)));
}

let landing: LandingResult | undefined;
if (wants(options, 'landing')) {
  log('landing page (Chromium, Lighthouse)');
  const measured = await benchLanding(options, log);
  sections.push(measured.section);
  landing = measured.result;
}

if (wants(options, 'live')) {
  log('live delivery (Chromium)');
  sections.push(...liveSections(await measureLiveDelivery(options, log)));
}

if (wants(options, 'preflight')) {
  log('preflight (Chromium: one origin vs two)');
  sections.push(await benchPreflight(options));
}

if (wants(options, 'notify')) {
  log('Web Push: send → notification shown (Chromium)');
  sections.push(await benchNotify(options));
}

const report = {
  date: new Date().toISOString(),
  tiny: options.tiny,
  totalSeconds: (performance.now() - started) / 1000,
  machine: { ...machine(), ...(chromium && { chromium }) },
  load: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  commit,
  sections,
};
const markdown = renderMarkdown(report, method);
mkdirSync(options.outDir, { recursive: true });
writeFileSync(
  join(options.outDir, 'results.json'),
  `${JSON.stringify({ ...report, idle, landing }, null, 2)}\n`,
);
writeFileSync(join(options.outDir, 'results.md'), markdown);
if (idle) writeFileSync(join(options.outDir, 'idle-pull.svg'), idleSvg(idle, options.idle.spreads));
console.log(markdown);
log(`done; wrote ${options.outDir}`);
process.exit(0);
