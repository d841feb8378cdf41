/** Turns the idle-pull measurements into the two tables and their targets. */
import { ratios, summarize } from '../lib/stats.ts';
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
const count = (n: number) => n.toLocaleString('en-US');

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
        'p50 ÷ ChatScape p50 (interleaved)': ratios(old.p50Runs, old.pairedP50Runs ?? []),
      });
    }
  }
  const largest = sizes.at(-1) as number;
  const smallest = sizes[0] as number;
  return [
    {
      id: 'idle-pull',
      title: 'Idle pull (nothing new), ChatScape',
      path: 'HTTP = through the API Gateway adapter with JWT verification; handler = the same Lambda handler invoked in-process with the adapter-shaped event (no HTTP, no JWT). Both → dynalite over HTTP; DynamoDB counted at dynalite. All sizes and spreads polled round-robin in the same runs.',
      rows: [
        ...ours,
        ...result.flatness.map((f) => ({
          history: `${count(largest)} ÷ ${count(smallest)}`,
          contacts: f.spread,
          'DynamoDB requests / items read': '',
          'p50 ms (HTTP)': f.ratio,
        })),
      ],
      notes: [
        `One user per (history, contacts), ${count(result.seededMessages)} messages in all, seeded with BatchWriteItem in ${num(result.seedMs / 1000)} s; the last rows are the per-run ratio of p50 (HTTP) at ${count(largest)} to ${count(smallest)} messages.`,
        `Peak RSS of this process (the whole stack runs in it: dynalite holding every table in memory, the OpenID provider, the gateway, the handler, plus the bench) during seeding and idle polls: ${mib(result.peakRssBytes)}.`,
      ],
      targets: idleTargets(result, largest, smallest),
    },
    {
      id: 'idle-pull-original',
      title: "Idle poll, the original's shape (two full queries of the open conversation)",
      path: 'In-process, same dynalite and SDK client settings as the handler; answered as JSON like a Lambda would; each run interleaves it with ChatScape handler polls of the same user.',
      rows: original,
      notes: [
        'The open conversation holds ⌈history / contacts⌉ messages and is read twice per poll.',
      ],
      targets: [],
    },
  ];
}

function idleTargets(result: IdleResult, largest: number, smallest: number): Target[] {
  const http = result.points.filter((p) => p.variant === 'chatscape-http');
  const requests = summarize(http.flatMap((p) => [p.dynamoRequests.min, p.dynamoRequests.max]));
  const items = summarize(http.flatMap((p) => [p.itemsRead.min, p.itemsRead.max]));
  const worst = Math.max(...result.flatness.map((f) => f.ratio.median));
  return [
    {
      name: 'idle pull: DynamoDB requests at every size',
      goal: '1',
      measured: figure(requests),
      met: requests.min === 1 && requests.max === 1,
    },
    {
      name: 'idle pull: items read at every size',
      goal: '0',
      measured: figure(items),
      met: items.max === 0,
    },
    {
      name: `idle pull latency flat: p50 at ${count(largest)} ÷ p50 at ${count(smallest)} (HTTP)`,
      goal: '<= 1.3',
      measured: result.flatness.map((f) => `${f.spread} contacts: ${figure(f.ratio)}`).join('; '),
      met: worst <= 1.3,
      note: `The DynamoDB work is the same at every size (1 request, 0 items); what varies is this process: dynalite keeps all ${count(result.seededMessages)} seeded messages in the same JS heap as the handler and the gateway, so GC and cache effects land on every poll. Against DynamoDB the request does not depend on history.`,
    },
  ];
}
