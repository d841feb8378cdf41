/** Turns the idle-pull measurements into the two tables and their targets. */
import { ratios, type Summary, summarize } from '../lib/stats.ts';
import { figure, mib, num } from '../report/format.ts';
import type { Section, Target } from '../report/types.ts';
import type { IdlePoint, IdleResult, Variant } from './idle-pull.ts';

const key = (size: number, spread: number, variant: Variant) => `${size}/${spread}/${variant}`;

function index(points: IdlePoint[]) {
  const map = new Map(points.map((p) => [key(p.size, p.spread, p.variant), p]));
  return (size: number, spread: number, variant: Variant) => {
    const point = map.get(key(size, spread, variant));
    if (!point) throw new Error(`no idle point ${key(size, spread, variant)}`);
    return point;
  };
}

const reqItems = (p: IdlePoint) => `${figure(p.dynamoRequests)} / ${figure(p.itemsRead)}`;

export function idleSections(result: IdleResult, sizes: number[], spreads: number[]): Section[] {
  const get = index(result.points);
  const ours = [];
  const original = [];
  for (const size of sizes) {
    for (const spread of spreads) {
      const http = get(size, spread, 'chatscape-http');
      const handler = get(size, spread, 'chatscape-handler');
      const old = get(size, spread, 'original');
      ours.push({
        history: size,
        contacts: spread,
        'DynamoDB requests / items read': reqItems(http),
        'p50 ms (HTTP)': http.p50,
        'p95 ms (HTTP)': http.p95,
        'p50 ms (handler)': handler.p50,
        'p95 ms (handler)': handler.p95,
      });
      original.push({
        history: size,
        contacts: spread,
        'open conversation': old.openConversation,
        'DynamoDB requests / items read': reqItems(old),
        'p50 ms': old.p50,
        'p95 ms': old.p95,
        '× ChatScape p50 (handler)': ratios(old.p50Runs, handler.p50Runs),
      });
    }
  }
  const polls = (v: Variant) => result.points.filter((p) => p.variant === v);
  return [
    {
      id: 'idle-pull',
      title: 'Idle pull (nothing new), ChatScape',
      path: 'HTTP = through the API Gateway adapter with JWT verification; handler = the same Lambda handler invoked in-process with the adapter-shaped event (no HTTP, no JWT). Both → dynalite over HTTP; DynamoDB counted at dynalite.',
      rows: ours,
      notes: [
        `History seeded with BatchWriteItem (${result.seededMessages.toLocaleString('en-US')} messages in all; seed time per size: ${Object.entries(
          result.seedMs,
        )
          .map(([size, ms]) => `${Number(size).toLocaleString('en-US')}: ${num(ms / 1000)} s`)
          .join(', ')}). Sizes are cumulative; the table holds every user's history at once.`,
        `Peak RSS of this process (stack in-process: dynalite + OpenID provider + gateway + handler, plus the bench) during idle pulls and their seeding: ${mib(result.peakRssBytes)}.`,
      ],
      targets: idleTargets(get, sizes, spreads, polls('chatscape-http')),
    },
    {
      id: 'idle-pull-original',
      title: "Idle poll, the original's shape (two full queries of the open conversation)",
      path: 'In-process, same dynalite and SDK client settings as the handler; answered as JSON like a Lambda would. Runs interleaved with the ChatScape polls above.',
      rows: original,
      notes: [
        'The open conversation holds ⌈history / contacts⌉ messages and is read twice per poll.',
      ],
      targets: [],
    },
  ];
}

function idleTargets(
  get: ReturnType<typeof index>,
  sizes: number[],
  spreads: number[],
  http: IdlePoint[],
): Target[] {
  const requests = summarize(http.flatMap((p) => [p.dynamoRequests.min, p.dynamoRequests.max]));
  const items = summarize(http.flatMap((p) => [p.itemsRead.min, p.itemsRead.max]));
  const smallest = sizes[0] as number;
  const largest = sizes.at(-1) as number;
  const flat = spreads.map((spread) => {
    const a = get(largest, spread, 'chatscape-http').p50;
    const b = get(smallest, spread, 'chatscape-http').p50;
    return { spread, ratio: a.median / b.median, a, b };
  });
  const worst = Math.max(...flat.map((f) => f.ratio));
  const describe = (s: Summary) => figure(s);
  return [
    {
      name: 'idle pull: DynamoDB requests at every size',
      goal: '1',
      measured: describe(requests),
      met: requests.min === 1 && requests.max === 1,
    },
    {
      name: 'idle pull: items read at every size',
      goal: '0',
      measured: describe(items),
      met: items.max === 0,
    },
    {
      name: `idle pull latency flat: p50 at ${largest.toLocaleString('en-US')} ÷ p50 at ${smallest} (HTTP)`,
      goal: '<= 1.3',
      measured: flat.map((f) => `${f.spread} contacts: ${num(f.ratio)}`).join('; '),
      met: worst <= 1.3,
    },
  ];
}
