/**
 * Counts DynamoDB requests and items read where they land: at dynalite's HTTP server, via
 * Node's `http.server.request.start` diagnostics channel. Nothing in the product is wrapped or
 * replaced, so the handler behind the real API Gateway adapter is measured exactly as it runs.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DynamoCount {
  requests: number;
  /** Items DynamoDB evaluated: ScannedCount of each Query/Scan, 1 per GetItem hit. */
  itemsRead: number;
  byOperation: Record<string, number>;
}

interface ServerRequestStart {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}

const emptyCount = (): DynamoCount => ({ requests: 0, itemsRead: 0, byOperation: {} });

/** dynalite writes `{"ScannedCount":n,...}` first for Query/Scan, `{"Item":...}` for GetItem. */
function itemsIn(operation: string, body: string): number {
  if (operation === 'Query' || operation === 'Scan') {
    return Number(/^\{"ScannedCount":(\d+)/.exec(body)?.[1] ?? 0);
  }
  if (operation === 'GetItem') return body.startsWith('{"Item"') ? 1 : 0;
  return 0;
}

export interface DynamoMeter {
  /** Runs `fn` and returns what reached DynamoDB meanwhile. Windows must not overlap. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; count: DynamoCount }>;
}

export function meterDynamo(endpoint: string): DynamoMeter {
  const port = Number(new URL(endpoint).port);
  let window: DynamoCount | null = null;
  subscribe('http.server.request.start', (message) => {
    const { request, response, server } = message as ServerRequestStart;
    const count = window;
    if (!count || (server.address() as AddressInfo | null)?.port !== port) return;
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.lastIndexOf('.') + 1);
    count.requests++;
    count.byOperation[operation] = (count.byOperation[operation] ?? 0) + 1;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((...args: unknown[]) => {
      const [chunk] = args;
      const head =
        typeof chunk === 'string'
          ? chunk.slice(0, 64)
          : Buffer.isBuffer(chunk)
            ? chunk.subarray(0, 64).toString()
            : '';
      count.itemsRead += itemsIn(operation, head);
      return end(...args);
    }) as ServerResponse['end'];
  });
  return {
    async measure(fn) {
      if (window) throw new Error('overlapping DynamoDB measurement windows');
      const count = emptyCount();
      window = count;
      try {
        return { result: await fn(), count };
      } finally {
        window = null;
      }
    },
  };
}
