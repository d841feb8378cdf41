/**
 * Report sections of the live-delivery bench: delivery latency, idle requests per tab, and
 * what an hour of 1,000 idle connected users costs, polling vs poke, from the measured counts
 * and AWS list prices stated as inputs.
 */
import { wiring } from '../../sync-api/src/realtime/config.ts';
import { percentile } from '../lib/stats.ts';
import { num } from '../report/format.ts';
import type { Section } from '../report/types.ts';
import type { DeliveryMode, ModeResult } from './live-delivery.ts';

/** AWS list prices (us-east-1, first pricing tier), USD. Inputs, not measurements. */
export const prices = {
  httpApiPerMillion: 1.0,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  websocketMessagesPerMillion: 1.0,
  websocketConnectionMinutesPerMillion: 0.25,
  dynamoReadUnitsPerMillion: 0.125,
  dynamoWriteUnitsPerMillion: 0.625,
} as const;

/** Assumed billed Lambda durations and sizes (inputs): the sync function has 512 MB. */
export const lambdaInputs = {
  syncMb: 512,
  syncMsPerPull: 30,
  websocketMb: 512,
  websocketMsPerEvent: 10,
};

const users = 1000;
const hour = 3600;

function perHour(r: ModeResult) {
  const scale = hour / r.idle.seconds;
  const http = r.idle.httpRequests * scale;
  const dynamo = r.idle.dynamoRequests * scale;
  if (r.mode === 'poll') return { http, dynamo, frames: 0, pings: 0, connects: 0 };
  // A 2-minute window sees at most a ping or two: the schedule (the contract's realtime.client) gives the rate.
  const pings = Math.max(r.idle.wsFramesSent * scale, hour / wiring.client.keepaliveSeconds);
  const connects = hour / (wiring.client.reconnectBeforeSeconds * 0.95);
  return { http, dynamo, frames: r.idle.wsFramesSent * scale, pings, connects };
}

const byMode = (results: ModeResult[], mode: DeliveryMode) =>
  results.find((r) => r.mode === mode) as ModeResult;

function latencySection(results: ModeResult[]): Section {
  const live = byMode(results, 'live');
  const poll = byMode(results, 'poll');
  const row = (label: string, r: ModeResult) => ({
    delivery: label,
    messages: r.latencies.length,
    'p50 ms': percentile(r.latencies, 50),
    'p95 ms': percentile(r.latencies, 95),
    'max ms': Math.max(...r.latencies),
  });
  const p50 = percentile(live.latencies, 50);
  const p95 = percentile(live.latencies, 95);
  const toPoke = percentile(live.toPoke, 50);
  const legs = `Median legs: Enter → the poke at the recipient's socket ${num(toPoke)} ms (the sender's outbox flush: Dexie write, the lock, POST /sync with JWT verification, the send's six DynamoDB requests, then the pokes, sent while the request pulls); poke → text on screen ${num(p50 - toPoke)} ms (the recipient's pull: a second POST /sync, applying it to Dexie, React rendering).`;
  const missNote = `${legs} Both legs are whole sync requests through a local stack that runs in one Node process (dynalite, the gateway, the handler, the stand-in) on 2 cores shared with other work (see the load average in the header): under load each request takes several times its quiet-machine time. What would close it: a quieter machine first; then a poke that names the conversation, so the recipient pulls only it.`;
  return {
    id: 'live-latency',
    title: 'Live delivery: Enter on the sender’s screen → text on the recipient’s open screen',
    path: 'Chromium (two contexts) → web/dist → API Gateway adapter → Lambda handler → dynalite; pokes via the management API → the local WebSocket stand-in → the recipient’s socket → its pull',
    rows: [row('poke over the WebSocket', live), row('5 s poll (before; no realtimeURL)', poll)],
    notes: [
      'From the Enter keydown’s event time in the sender’s page to the first painted frame showing the row in the recipient’s page (requestAnimationFrame, then a posted message); both pages share the machine’s clock (performance.timeOrigin).',
      'Sends are spread by a random gap so they fall at every phase of the 5-second poll.',
      'With the socket: the sender’s outbox flush (POST /sync) → the pokes, sent once the send is applied, while that request pulls → the recipient’s pull (a second POST /sync) → Dexie → React.',
      legs,
    ],
    targets: [
      {
        name: 'live delivery p50',
        goal: '<= 250 ms',
        measured: `${num(p50)} ms`,
        met: p50 <= 250,
        note: missNote,
      },
      {
        name: 'live delivery p95',
        goal: '<= 600 ms',
        measured: `${num(p95)} ms`,
        met: p95 <= 600,
        note: missNote,
      },
    ],
  };
}

function idleSection(results: ModeResult[]): Section {
  const rows = results.map((r) => {
    const h = perHour(r);
    return {
      tab: r.mode === 'live' ? 'socket live' : '5 s poll (before)',
      'window s': r.idle.seconds,
      'HTTP requests in window': r.idle.httpRequests,
      'socket frames sent in window': r.idle.wsFramesSent,
      'HTTP requests per hour': h.http,
      'socket messages per hour (pings)': h.pings,
      'socket connects per hour': h.connects,
      'DynamoDB requests per hour': h.dynamo,
    };
  });
  const live = perHour(byMode(results, 'live'));
  return {
    id: 'live-idle',
    title: 'Requests per idle visible tab per hour',
    path: 'Chromium tab with a conversation open, nobody typing; HTTP counted at the browser (page and service worker), DynamoDB at dynalite',
    rows,
    notes: [
      `Per hour = count in the window × 3600 / window. Pings follow the contract (every ${wiring.client.keepaliveSeconds} s, under the ${wiring.limits.idleTimeoutSeconds / 60}-minute idle timeout) and a window of a few minutes sees one or none, so the ping rate is the larger of measured and scheduled; the socket is replaced about every ${num(wiring.client.reconnectBeforeSeconds / 60)} minutes (2-hour limit).`,
    ],
    targets: [
      {
        name: 'HTTP requests per idle visible tab per hour (socket live)',
        goal: '<= 60',
        measured: num(live.http),
        met: live.http <= 60,
      },
    ],
  };
}

function costSection(results: ModeResult[]): Section {
  const gbs = (mb: number, ms: number) => (mb / 1024) * (ms / 1000);
  const cost = (r: ModeResult) => {
    const h = perHour(r);
    const syncCalls = h.http * users;
    const wsEvents = (h.pings + 2 * h.connects) * users; // pings, $connect + $disconnect
    const authorizer = h.connects * users;
    const lambdaCalls = syncCalls + wsEvents + authorizer;
    const requests = {
      'HTTP API requests': syncCalls,
      'socket messages': h.pings * users,
      'socket connection minutes': r.mode === 'live' ? 60 * users : 0,
      'Lambda invocations': lambdaCalls,
      'DynamoDB requests': h.dynamo * users + 2 * h.connects * users,
    };
    const dollars =
      (syncCalls * prices.httpApiPerMillion +
        h.pings * users * prices.websocketMessagesPerMillion +
        requests['socket connection minutes'] * prices.websocketConnectionMinutesPerMillion +
        lambdaCalls * prices.lambdaRequestsPerMillion +
        h.dynamo * users * prices.dynamoReadUnitsPerMillion +
        2 * h.connects * users * prices.dynamoWriteUnitsPerMillion) /
        1e6 +
      (gbs(lambdaInputs.syncMb, lambdaInputs.syncMsPerPull) * syncCalls +
        gbs(lambdaInputs.websocketMb, lambdaInputs.websocketMsPerEvent) * (wsEvents + authorizer)) *
        prices.lambdaArmPerGbSecond;
    return { requests, dollars };
  };
  const rows = results.map((r) => {
    const c = cost(r);
    return {
      'per 1,000 users, 1 h connected, idle':
        r.mode === 'live' ? 'poke (socket)' : '5 s poll (before)',
      ...Object.fromEntries(Object.entries(c.requests).map(([k, v]) => [k, Math.round(v)])),
      'USD per hour': `$${c.dollars.toFixed(4)}`,
    };
  });
  return {
    id: 'live-cost',
    title: 'Cost of being connected: polling vs poke',
    path: 'Computed from the idle counts above and the inputs below (no AWS bill was measured)',
    rows,
    notes: [
      `Prices (inputs, AWS list prices, us-east-1, first tier, USD): HTTP API $${prices.httpApiPerMillion}/M requests; Lambda $${prices.lambdaRequestsPerMillion}/M requests + $${prices.lambdaArmPerGbSecond}/GB-s (arm64); WebSocket API $${prices.websocketMessagesPerMillion}/M messages + $${prices.websocketConnectionMinutesPerMillion}/M connection minutes; DynamoDB on demand $${prices.dynamoReadUnitsPerMillion}/M read units, $${prices.dynamoWriteUnitsPerMillion}/M write units.`,
      `Assumed billed durations (inputs): sync Lambda ${lambdaInputs.syncMb} MB × ${lambdaInputs.syncMsPerPull} ms per pull; WebSocket Lambdas ${lambdaInputs.websocketMb} MB × ${lambdaInputs.websocketMsPerEvent} ms per ping, connect, disconnect or authorization. One DynamoDB request counted as one read unit (small items); a socket’s $connect and $disconnect each write one connection row.`,
      'Idle only: a delivered message adds, with the socket, one poke message per connected device and the recipient’s pull; with polling, nothing (the next poll carries it).',
    ],
    targets: [],
  };
}

export function liveSections(results: ModeResult[]): Section[] {
  return [latencySection(results), idleSection(results), costSection(results)];
}
