/** The client tables and their targets. */
import { percentile, ratios, summarize } from '../lib/stats.ts';
import { figure, mib, num } from '../report/format.ts';
import type { Section } from '../report/types.ts';
import type { ClientData } from './client-data.ts';
import type { ListMarks, OpenResult } from './probes.ts';

export interface StartRun {
  cold: ListMarks;
  warm: ListMarks;
  controlled: boolean;
  open: OpenResult;
  settledElements: number;
  peakHeap: number;
  sendMs: Record<'big' | 'small', number[]>;
}

export interface ClientMeasurements {
  data: ClientData;
  apply: {
    runs: {
      ms: number;
      pages: number[];
      parts: Record<'bulkPut' | 'send' | 'conversation' | 'contacts' | 'unread', number[]>;
    }[];
    peakHeap: number;
  };
  starts: StartRun[];
}

const painted = (m: ListMarks) => m.listPainted ?? Number.NaN;

export function clientSections(m: ClientMeasurements): Section[] {
  const { data, starts } = m;
  const apply = summarize(m.apply.runs.map((r) => r.ms));
  const firstPage = summarize(m.apply.runs.map((r) => r.pages[0] ?? Number.NaN));
  const otherPages = summarize(m.apply.runs.flatMap((r) => r.pages.slice(1)));
  const cold = summarize(starts.map((s) => painted(s.cold)));
  const warm = summarize(starts.map((s) => painted(s.warm)));
  const firstPaint = summarize(starts.map((s) => s.open.firstPaint));
  const newestPaint = summarize(starts.map((s) => s.open.newestPaint));
  const elements = summarize(starts.map((s) => s.open.elementsAtFirstPaint));
  const settled = summarize(starts.map((s) => s.settledElements));
  const p = (which: 'big' | 'small', q: number) =>
    summarize(starts.map((s) => percentile(s.sendMs[which], q)));
  const sendBig = p('big', 50);
  const sendSmall = p('small', 50);
  const sendRatio = ratios(
    starts.map((s) => percentile(s.sendMs.big, 50)),
    starts.map((s) => percentile(s.sendMs.small, 50)),
  );
  const part = (key: 'bulkPut' | 'send' | 'conversation' | 'contacts' | 'unread') =>
    figure(
      summarize(
        m.apply.runs
          .filter((r) => r.parts[key].length > 0)
          .map((r) => percentile(r.parts[key], 50)),
      ),
    );
  const median = (key: 'bulkPut' | 'send' | 'conversation' | 'contacts' | 'unread') =>
    summarize(
      m.apply.runs.filter((r) => r.parts[key].length > 0).map((r) => percentile(r.parts[key], 50)),
    ).median;
  const applyNote = () => {
    const storage = median('bulkPut') / otherPages.median;
    return [
      `${num(apply.median / 1000)}x the goal (${num((apply.median / data.messages) * 1000)} µs per message).`,
      `A 500-message page takes ${figure(otherPages)} ms; a bare \`messages.bulkPut\` upserting those 500 rows again takes ${part('bulkPut')} ms, so ${storage > 0.6 ? 'most of a page is the IndexedDB write itself' : 'most of a page is the apply\u2019s own work around the write'}.`,
      `The first page also carries the ${data.contacts} contacts, which \`applyContacts\` (web/src/sync/apply-response.ts) reads and writes one at a time: ${figure(firstPage)} ms.`,
      `To close it: \`applyContacts\` with one \`bulkGet\` and one \`bulkPut\`; and fewer, larger transactions for a first sync (several pulled pages per transaction, or larger pages when the cursor is null), since every page pays a transaction commit and the [peer+rank+id] index upkeep of its rows.`,
    ].join(' ');
  };
  const coldNote = () =>
    [
      `${num(cold.median / 500)}x the goal; a new tab in a running browser takes ${figure(warm)} ms, so ~${num(cold.median - warm.median)} ms is the relaunch itself (service worker start, cold caches).`,
      `Before the list paints, \`listContactSummaries\` (web/src/db/queries.ts) runs a last-message query per contact and, for every contact with anything after lastReadAt, \`countUnread\`, which walks each unread incoming row through a JS filter (about half of the ${big} in the big conversation); \`totalUnread\` (the badge) counts them all again. Timed alone: ${part('contacts')} ms and ${part('unread')} ms, on top of loading the app's initial JS (see the web bundle).`,
      'To close it: keep the last-message preview and an unread counter on the contact row, updated in the transactions that write messages (apply, send, mark read), so the list is one indexed read and the badge a sum.',
    ].join(' ');
  const sendNote = () =>
    [
      `${num(sendBig.median / 16)}x the goal, and a 1-message conversation ${sendSmall.median / sendBig.median > 0.7 ? 'is about as slow' : 'is still over it'} (${figure(sendSmall)} ms): the conversation window is cheap (${part('conversation')} ms), but every write also re-runs \`listContactSummaries\` (${part('contacts')} ms) and \`totalUnread\` (${part('unread')} ms) and re-renders the ${data.contacts}-row contact list; the send's own transaction takes ${part('send')} ms.`,
      "Dexie 4's optimistic live-query updates skip explicit rw transactions (dexie PR #1881), which `writeWithOutbox` needs.",
      `To close it: the per-contact summary fields above (a send then changes one contact row instead of re-running ${2 * data.contacts} queries), memoized contact rows, and the pending bubble drawn from the composer's state in the keypress frame: with an IndexedDB commit (${part('send')} ms) on the path, 16 ms cannot be met otherwise.`,
    ].join(' ');
  const allControlled = starts.every((s) => s.controlled);
  const messages = data.messages.toLocaleString('en-US');
  const big = data.bigMessages.toLocaleString('en-US');
  return [
    {
      id: 'client-apply',
      title: `Client: apply a ${messages}-message pull into Dexie`,
      path: `Chromium, a page of the app's origin; the app's own \`applyResponse\` (web/src/sync) bundled from source by the bench, fed the ${m.apply.runs[0]?.pages.length ?? 0} real HTTP responses of the pull page by page, as the sync loop does; run 1 fills the app's own (empty, signed-in) database that the cold starts open, later runs fresh databases`,
      rows: [
        {
          what: `apply ${messages} messages + ${data.contacts} contacts`,
          'ms (all pages)': apply,
          'first page ms (contacts + 500 messages)': firstPage,
          'other pages ms (500 messages)': otherPages,
          'peak JS heap': mib(m.apply.peakHeap),
        },
      ],
      notes: [],
      targets: [
        {
          name: `client: apply a ${messages}-message pull`,
          goal: '<= 1,000 ms',
          measured: `${figure(apply)} ms`,
          met: apply.median <= 1000,
          note: applyNote(),
        },
      ],
    },
    {
      id: 'client-start',
      title: `Client: cold start offline (${data.contacts} contacts, ${messages} messages), opening the ${big}-message conversation`,
      path: `Chromium relaunched on the same profile, offline (context.setOffline and the local stack stopped), service worker ${allControlled ? 'controlling every run' : 'NOT controlling every run'}; times from navigation start (performance.now) to the first frame painted after the rows are in the DOM`,
      rows: [
        { what: 'cold start (browser relaunched) → contact list painted', ms: cold, elements: '–' },
        { what: 'new tab, browser warm → contact list painted', ms: warm, elements: '–' },
        {
          what: `open the ${big}-message conversation → first rows painted`,
          ms: firstPaint,
          elements,
        },
        { what: '… → newest message painted', ms: newestPaint, elements: settled },
      ],
      notes: [
        `elements = [data-message-id] elements in the DOM (at first paint; 300 ms after opening). Peak JS heap in MB (CDP JSHeapUsedSize, sampled every 50 ms) over cold start + open: ${figure(summarize(starts.map((s) => s.peakHeap / 1024 / 1024)))} MB.`,
      ],
      targets: [
        {
          name: 'client: cold start offline → contact list painted',
          goal: '<= 500 ms',
          measured: `${figure(cold)} ms`,
          met: cold.median <= 500,
          note: coldNote(),
        },
        {
          name: `client: open the ${big}-message conversation → first paint`,
          goal: '<= 200 ms',
          measured: `${figure(firstPaint)} ms (newest message: ${figure(newestPaint)} ms)`,
          met: firstPaint.median <= 200,
          note: `${num(firstPaint.median / 200)}x the goal. The conversation reads a window of the newest 200 messages (${part('conversation')} ms alone); the rest is React rendering the log and re-rendering the ${data.contacts}-row contact list.`,
        },
        {
          name: 'client: message elements in the DOM',
          goal: '<= 150',
          measured: `${figure(elements)} at first paint, ${figure(settled)} settled`,
          met: elements.max <= 150 && settled.max <= 150,
        },
      ],
    },
    {
      id: 'client-send',
      title: 'Client: local send → on screen (Enter → Dexie → live query → paint)',
      path: 'Chromium, offline, in the page after the cold start: Enter keydown (event timestamp) to the painted frame showing the new row; the two conversations alternate first per run',
      rows: [
        { conversation: `${big} messages`, 'p50 ms': sendBig, 'p95 ms': p('big', 95) },
        { conversation: '1 message', 'p50 ms': sendSmall, 'p95 ms': p('small', 95) },
        { conversation: `ratio p50 ${big} ÷ 1 (per run)`, 'p50 ms': sendRatio, 'p95 ms': '–' },
      ],
      notes: [
        `Where the time goes, timed alone on the applied database (no UI; median over runs of each run's median): \`sendMessage\` transaction ${part('send')} ms; then the live queries a write re-runs: the conversation window \`listRecentMessages\` (newest 200 of ${big}) ${part('conversation')} ms, \`listContactSummaries\` (${data.contacts} contacts) ${part('contacts')} ms, \`totalUnread\` ${part('unread')} ms.`,
      ],
      targets: [
        {
          name: `client: local send → on screen, p50 (${big}-message conversation)`,
          goal: '<= 16 ms',
          measured: `${figure(sendBig)} ms (1-message conversation: ${figure(sendSmall)} ms)`,
          met: sendBig.median <= 16,
          note: sendNote(),
        },
      ],
    },
  ];
}
