import type { SyncStore } from '../../sync-api/src/store/sync-store.ts';
import { checkHistory } from './checker.ts';
import type { Schedule } from './schedule.ts';
import { World } from './world.ts';

export interface RunReport {
  problems: string[];
  operations: number;
  faults: number;
  messages: number;
  lostToEviction: number;
  lostToSignOut: number;
  chatsDeleted: number;
  mutes: number;
}

/** Runs one schedule on a fresh world, heals, drains and checks the history. */
export async function runSchedule(schedule: Schedule, store?: SyncStore): Promise<RunReport> {
  const world = new World(schedule, store);
  try {
    for (const step of schedule.steps) await world.run(step);
    await world.heal();
    return {
      problems: await checkHistory(world),
      operations: world.stats.operations,
      faults: world.stats.faults,
      messages: world.sent.length,
      lostToEviction: world.devices.reduce((n, d) => n + d.lostToEviction.length, 0),
      lostToSignOut: world.devices.reduce((n, d) => n + d.lostToSignOut.length, 0),
      chatsDeleted: world.stats.chatsDeleted,
      mutes: world.stats.mutes,
    };
  } finally {
    world.retire();
    for (const d of world.devices) d.db.close();
  }
}
