/**
 * Preflight: what one origin for app and API saves (issue 11). Real Chromium syncs from a page
 * on the app's origin, N times, with the API on that origin (the app server proxies /sync, as
 * CloudFront does) and on another origin (the API's own port, as the execute-api URL was, with
 * CORS allowed for the app's origin). OPTIONS are counted where they land, at the two servers.
 * Each case runs in a fresh browser context, so it starts with an empty preflight cache.
 */
import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from '@playwright/test';
import { createAccount } from '../../sync-api/test/local/sign-in.ts';
import { launchBrowser } from '../client/browser.ts';
import type { BenchOptions } from '../lib/options.ts';
import { percentile, summarize } from '../lib/stats.ts';
import { figure, num } from '../report/format.ts';
import type { Section } from '../report/types.ts';
import { startBenchStack } from '../server/bench-stack.ts';
import { type CorsFront, startCorsFront } from './cors-front.ts';

/** The old deployment's cors_max_age_seconds default (terraform, before the one-origin layout). */
const OLD_MAX_AGE_S = 600;
/** Chromium keeps a preflight answer at most this long, whatever Max-Age says. */
const CHROMIUM_CAP_S = 7200;
/** The app's poll interval without a live socket (web/src/sync/scheduler.ts). */
const POLL_S = 5;

interface CaseSpec {
  label: string;
  cross: boolean;
  maxAgeSeconds: number | null;
  syncs: number;
  gapMs: number;
}

interface CaseRun {
  options: number;
  posts: number;
  latencies: number[];
  /** Per preflighted sync: the OPTIONS' arrival → its POST's arrival (what the preflight adds). */
  gaps: number[];
}

/**
 * Counts requests by method where they land, at the given ports (Node's diagnostics channel,
 * nothing wrapped), with their arrival times.
 */
function methodCounter(listening: number[]) {
  const ports = new Set(listening);
  let window: { options: number[]; posts: number[] } | null = null;
  subscribe('http.server.request.start', (message) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    const port = (server.address() as AddressInfo | null)?.port;
    if (!window || port === undefined || !ports.has(port)) return;
    if (request.method === 'OPTIONS') window.options.push(performance.now());
    if (request.method === 'POST') window.posts.push(performance.now());
  });
  return {
    async measure(fn: () => Promise<number[]>): Promise<CaseRun> {
      const seen = { options: [] as number[], posts: [] as number[] };
      window = seen;
      try {
        const latencies = await fn();
        const gaps = seen.options.map((t) => (seen.posts.find((p) => p >= t) ?? Number.NaN) - t);
        return { latencies, options: seen.options.length, posts: seen.posts.length, gaps };
      } finally {
        window = null;
      }
    },
  };
}

/** In the page: `syncs` idle pulls one after another (cursor chained), `gapMs` apart. */
async function syncInPage(args: { url: string; token: string; syncs: number; gapMs: number }) {
  const clientId = crypto.randomUUID();
  const latencies: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < args.syncs; i++) {
    if (i > 0 && args.gapMs > 0) await new Promise((r) => setTimeout(r, args.gapMs));
    const start = performance.now();
    const res = await fetch(args.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${args.token}` },
      body: JSON.stringify({ v: 1, clientId, cursor, mutations: [] }),
    });
    const body = (await res.json()) as { cursor: string };
    latencies.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`sync answered ${res.status}`);
    cursor = body.cursor;
  }
  return latencies;
}

async function runCase(
  browser: Browser,
  spec: CaseSpec,
  ctx: {
    appURL: string;
    front: CorsFront;
    token: string;
    counter: ReturnType<typeof methodCounter>;
  },
): Promise<CaseRun> {
  // The app's CSP allows connect-src 'self' only; the page stands in for the old app, whose
  // CSP allowed the execute-api origin.
  const context = await browser.newContext({ bypassCSP: true });
  try {
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    await page.goto(`${ctx.appURL}/config.json`);
    ctx.front.maxAgeSeconds = spec.maxAgeSeconds;
    const url = spec.cross ? `${ctx.front.url}/sync` : `${ctx.appURL}/sync`;
    const args = { url, token: ctx.token, syncs: spec.syncs, gapMs: spec.gapMs };
    return await ctx.counter.measure(() => page.evaluate(syncInPage, args));
  } finally {
    await context.close();
  }
}

export async function benchPreflight(options: BenchOptions): Promise<Section> {
  const { syncs, expiry } = options.preflight;
  const bench = await startBenchStack(null);
  const browser = await launchBrowser();
  const front = await startCorsFront(bench.stack.apiEndpoint, bench.stack.appURL);
  try {
    const email = `bench-preflight-${randomUUID().slice(0, 8)}@example.com`;
    const { idToken } = await createAccount(bench.stack, email, 'bench-password');
    const ports = [front.url, bench.stack.appURL].map((u) => Number(new URL(u).port));
    const ctx = {
      appURL: bench.stack.appURL,
      front,
      token: idToken,
      counter: methodCounter(ports),
    };
    const specs: CaseSpec[] = [
      {
        label: 'one origin (app server proxies /sync)',
        cross: false,
        maxAgeSeconds: null,
        syncs,
        gapMs: 0,
      },
      {
        label: `two origins, Max-Age ${OLD_MAX_AGE_S} s (the old deployment's)`,
        cross: true,
        maxAgeSeconds: OLD_MAX_AGE_S,
        syncs,
        gapMs: 0,
      },
      {
        label: 'two origins, preflight not cached (Max-Age 0)',
        cross: true,
        maxAgeSeconds: 0,
        syncs,
        gapMs: 0,
      },
      {
        label: `two origins, Max-Age ${expiry.maxAgeSeconds} s, a sync every ${expiry.gapMs} ms (session, scaled down)`,
        cross: true,
        maxAgeSeconds: expiry.maxAgeSeconds,
        syncs: expiry.syncs,
        gapMs: expiry.gapMs,
      },
    ];
    const runs = specs.map(() => [] as CaseRun[]);
    for (let r = 0; r < options.runs; r++) {
      for (let i = 0; i < specs.length; i++) {
        const k = (i + r) % specs.length;
        runs[k]?.push(await runCase(browser, specs[k] as CaseSpec, ctx));
      }
    }
    return report(specs, runs, options);
  } finally {
    await front.stop();
    await browser.close();
    await bench.stop();
  }
}

/** Median over runs of each run's p50 preflight gap; '' when no run preflighted. */
function c50(runs: CaseRun[]) {
  const perRun = runs.filter((c) => c.gaps.length > 0).map((c) => percentile(c.gaps, 50));
  return perRun.length > 0 ? summarize(perRun) : '';
}

function report(specs: CaseSpec[], runs: CaseRun[][], options: BenchOptions): Section {
  const [same, cached, uncached, session] = runs as [CaseRun[], CaseRun[], CaseRun[], CaseRun[]];
  const rows = specs.map((spec, i) => {
    const r = runs[i] ?? [];
    const pick = (f: (c: CaseRun) => number) => summarize(r.map(f));
    return {
      case: spec.label,
      'syncs per run': spec.syncs,
      'OPTIONS per run': pick((c) => c.options),
      'OPTIONS per sync': pick((c) => c.options / c.posts),
      'p50 ms/sync': pick((c) => percentile(c.latencies, 50)),
      'p95 ms/sync': pick((c) => percentile(c.latencies, 95)),
      'first sync ms': pick((c) => c.latencies[0] ?? Number.NaN),
      'OPTIONS → POST ms (p50)': c50(r),
    };
  });
  // Paired by run: each run measured every case back to back.
  const added = (p: number) =>
    summarize(
      uncached.map((c, i) => percentile(c.latencies, p) - percentile(same[i]?.latencies ?? [], p)),
    );
  const addedFirst = summarize(
    cached.map((c, i) => (c.latencies[0] ?? 0) - percentile(same[i]?.latencies ?? [], 50)),
  );
  const addedP50 = added(50);
  const gap = c50(uncached);
  const gapText = typeof gap === 'string' ? '–' : num(gap.median);
  const s = specs[3] as CaseSpec;
  const sessionSeconds = ((s.syncs - 1) * s.gapMs) / 1000;
  const modelled = Math.floor(sessionSeconds / (s.maxAgeSeconds ?? 5)) + 1;
  const hourPolls = 3600 / POLL_S;
  const perHour = Math.ceil(3600 / OLD_MAX_AGE_S);
  return {
    id: 'preflight',
    title: 'Preflight: one origin for app and API vs two',
    path: 'Chromium page on the app origin → fetch POST /sync (Authorization + JSON: not a simple request) → app server proxy or a CORS front on another port → API Gateway adapter → Lambda handler → dynalite; OPTIONS counted at the two servers',
    rows: [
      ...rows,
      {
        case: 'added by a preflight: not cached − one origin (p50, per run)',
        'p50 ms/sync': addedP50,
      },
      {
        case: 'added by a preflight: not cached − one origin (p95, per run)',
        'p95 ms/sync': added(95),
      },
      {
        case: `added to the first sync: Max-Age ${OLD_MAX_AGE_S} s − one origin p50`,
        'first sync ms': addedFirst,
      },
    ],
    notes: [
      `Each case runs in a fresh browser context (an empty preflight cache); ${options.runs} run(s), cases interleaved. Both origins take one proxy hop to the gateway, so they differ by the preflight alone. The CORS front answers preflights itself, as API Gateway's CORS configuration does (no Lambda invocation); on AWS a preflight is a full round trip to the execute-api endpoint, usually farther away than this loopback one, so the added latency here is a floor. The end-to-end difference between cases is within the run-to-run noise of a loaded machine; the OPTIONS → POST gap (arrival of the preflight to arrival of its request, at the server) is the preflight's own cost.`,
      `The old deployment sent Access-Control-Max-Age ${OLD_MAX_AGE_S} (cors_max_age_seconds). Chromium keeps a preflight answer at most ${CHROMIUM_CAP_S} s and ${POLL_S} s when there is no Max-Age header.`,
      `Session, scaled down: Max-Age ${s.maxAgeSeconds} s and a sync every ${s.gapMs} ms for ${num(sessionSeconds)} s measured ${figure(summarize(session.map((c) => c.options)))} preflights (about one per Max-Age: ${modelled}), so the cache expires as the rule says. A realistic session, one device polling every ${POLL_S} s for an hour (${hourPolls} syncs; pokes and sends add more): one origin 0 preflights; two origins with Max-Age ${OLD_MAX_AGE_S} s ${perHour} (one per ${OLD_MAX_AGE_S / 60} min, each holding its sync back ~${gapText} ms here, the OPTIONS → POST gap p50), plus one for each new browser session; without a Max-Age header (Chromium's ${POLL_S} s default, not longer than the poll) every poll: ${hourPolls} per hour.`,
    ],
    targets: [],
  };
}
