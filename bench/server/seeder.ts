import { Worker } from 'node:worker_threads';
import type { TableNames } from '../../sync-api/src/store/tables.ts';
import type { HistorySpec } from './seed.ts';
import type { SeedAnswer, SeedRequest } from './seed-worker.ts';

export interface Seeder {
  /** seedHistory, run in the worker; resolves with the number of messages written. */
  history(spec: HistorySpec): Promise<number>;
  close(): Promise<void>;
}

/** A worker thread running seed-worker.ts (through tsx's loader, as the bench itself runs). */
export function startSeeder(endpoint: string, tables: TableNames): Seeder {
  const file = new URL('./seed-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(file)}); })`;
  const worker = new Worker(boot, { eval: true });
  const pending = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  worker.on('message', (answer: SeedAnswer) => {
    const waiter = pending.get(answer.id);
    pending.delete(answer.id);
    if ('error' in answer) waiter?.reject(new Error(`seeding failed: ${answer.error}`));
    else waiter?.resolve(answer.count);
  });
  worker.on('error', (error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  return {
    history(spec) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, endpoint, tables, spec } satisfies SeedRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
