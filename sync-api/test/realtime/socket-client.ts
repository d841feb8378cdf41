import { WebSocket } from 'ws';

/** A test's socket: queued messages, awaited one at a time (no timers in assertions). */
export interface TestSocket {
  ws: WebSocket;
  next(): Promise<string>;
  closed: Promise<number>;
  send(data: unknown): void;
}

export function connectSocket(url: string, query: Record<string, string>): Promise<TestSocket> {
  const target = new URL(url);
  for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
  const ws = new WebSocket(target);
  const queue: string[] = [];
  const waiting: ((text: string) => void)[] = [];
  ws.on('message', (data) => {
    const text = data.toString();
    const resolve = waiting.shift();
    if (resolve) resolve(text);
    else queue.push(text);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        closed,
        next: () => {
          const text = queue.shift();
          return text !== undefined ? Promise.resolve(text) : new Promise((r) => waiting.push(r));
        },
        send: (data) => ws.send(JSON.stringify(data)),
      }),
    );
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
