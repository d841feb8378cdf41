import fc from 'fast-check';
import type { PlantedBug } from '../../sync-api/src/core/apply-mutation.ts';
import type { ServerFault } from './server.ts';

const DAY = 24 * 3600 * 1000;

export const USERS = ['ana@sim.test', 'ben@sim.test', 'cy@sim.test'] as const;
export const DEVICES_PER_USER = 2;
export const DEVICE_COUNT = USERS.length * DEVICES_PER_USER;

/** A world with no lag draws, no clock steps or skews and the real response limit: for fixed schedules. */
export const QUIET_WORLD = {
  lagSeed: 0,
  maxLagMs: 3000,
  overlapMs: 5000,
  instanceOffsetsMs: [0, 0, 0],
  deviceSkewsMs: [0, 0, 0, 0, 0, 0],
  maxResponseBytes: 6_000_000,
};

export type Step =
  /** `style` pads the body: 0 none, 1 `"`, 2 `\\`, 3 emoji, 4 control characters (refused). */
  | { k: 'send'; d: number; to: number; size: number; style: number }
  | { k: 'add' | 'block' | 'unblock' | 'report'; d: number; to: number }
  /** Edit / delete for everyone one of the device's own sent messages; hide (delete for me) any. */
  | { k: 'edit' | 'delete' | 'hide'; d: number; pick: number }
  /** The user opens the conversation with `to` on device `d`: it is read up to its newest. */
  | { k: 'read'; d: number; to: number }
  /** The user types a draft to `to` on device `d` (or empties the box) and pauses. */
  | { k: 'draft'; d: number; to: number; clear: boolean }
  /** The user mutes or unmutes one of the conversations on device `d`. */
  | { k: 'mute'; d: number; pick: number; muted: boolean }
  /** The user deletes one of the chats on device `d` (for them, on all their devices). */
  | { k: 'clear'; d: number; pick: number }
  | { k: 'sync'; d: number; fault: ServerFault; crashAt: number }
  | { k: 'offline' | 'online' | 'reload' | 'evict' | 'refresh'; d: number }
  /**
   * The user signs out on the device's page while its service worker is mid-sync, then signs in
   * again. `late`: the worker's answer arrives after the deletion (sign-out stopped waiting for
   * the sync lock); otherwise sign-out waits for the run to finish.
   */
  | { k: 'signout'; d: number; late: boolean }
  | { k: 'expire'; u: number }
  | { k: 'tick'; ms: number }
  | { k: 'deliver' }
  | { k: 'route'; d: number; instance: number }
  /** An old request delivered again (a request stuck in a queue, an outbox row a month old). */
  | { k: 'replay'; pick: number };

export interface Schedule {
  /** Seeds the index-lag draws. */
  lagSeed: number;
  /** Most a write takes to show in the indexes. */
  maxLagMs: number;
  overlapMs: number;
  /** Clock offsets of the Lambda instances (steps between them). */
  instanceOffsetsMs: number[];
  /** Each device's clock error (sentAt only: sync never trusts device clocks). */
  deviceSkewsMs: number[];
  /** The answer size the core keeps under (small ones make byte-sized paging happen). */
  maxResponseBytes: number;
  /** Test-only: reverted fixes (planted-bugs.test.ts). */
  plantedBugs?: PlantedBug[];
  /** Test-only: a reverted client fix (planted-bugs.test.ts). */
  clientBugs?: ClientBug[];
  steps: Step[];
}

/**
 * `reopen-after-delete`: a connection to a deleted user database reopens on its next write
 * (Dexie's default), so a sync answer arriving after sign-out recreates it (issue 10 item 7).
 */
export type ClientBug = 'reopen-after-delete';

const device = fc.nat({ max: DEVICE_COUNT - 1 });
const user = fc.nat({ max: USERS.length - 1 });
const faults: ServerFault[] = [
  'none',
  'drop-request',
  'lose-response',
  'twice',
  'delay',
  'status-500',
  'status-429',
  'crash',
  'concurrent',
  'slow',
  'interleave',
];

/** Steps; `faults` narrows the sync faults, `hostile` makes every body long and escape-heavy. */
export const stepsArb = (
  syncFaults: readonly ServerFault[] = faults,
  hostile = false,
): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        k: fc.constant('send' as const),
        d: device,
        to: user,
        size: hostile
          ? fc.integer({ min: 3000, max: 4000 })
          : fc.oneof(
              { weight: 4, arbitrary: fc.nat({ max: 40 }) },
              { weight: 1, arbitrary: fc.nat({ max: 4000 }) },
            ),
        style: hostile ? fc.constantFrom(1, 2) : fc.nat({ max: 4 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        k: fc.constantFrom('add' as const, 'block' as const, 'unblock' as const, 'report' as const),
        d: device,
        to: user,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        k: fc.constantFrom('edit' as const, 'edit' as const, 'delete' as const, 'hide' as const),
        d: device,
        pick: fc.nat(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ k: fc.constant('read' as const), d: device, to: user }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        k: fc.constant('draft' as const),
        d: device,
        to: user,
        clear: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        k: fc.constant('mute' as const),
        d: device,
        pick: fc.nat(),
        muted: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ k: fc.constant('clear' as const), d: device, pick: fc.nat() }),
    },
    {
      weight: 8,
      arbitrary: fc.record({
        k: fc.constant('sync' as const),
        d: device,
        fault: fc.constantFrom(...syncFaults),
        crashAt: fc.nat({ max: 12 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        k: fc.constantFrom(
          'offline' as const,
          'online' as const,
          'reload' as const,
          'evict' as const,
          'refresh' as const,
        ),
        d: device,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ k: fc.constant('signout' as const), d: device, late: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('expire' as const), u: user }) },
    {
      weight: 4,
      arbitrary: fc.record({
        k: fc.constant('tick' as const),
        // Now and then a month: past any receipt's or row's lifetime.
        ms: fc.oneof(
          { weight: 15, arbitrary: fc.nat({ max: 20_000 }) },
          { weight: 1, arbitrary: fc.constant(31 * DAY) },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('replay' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('deliver' as const) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        k: fc.constant('route' as const),
        d: device,
        instance: fc.nat({ max: 2 }),
      }),
    },
  );

/**
 * Schedules inside the promised envelope: index lag plus the clock step between instances
 * stays below the overlap window (see docs/guarantees.md). `envelope` lets the planted-bug
 * tests step outside it.
 */
export function scheduleArb(
  envelope: {
    overlapMs?: number;
    maxLagMs?: number;
    maxStepMs?: number;
    plantedBugs?: PlantedBug[];
    clientBugs?: ClientBug[];
    faults?: readonly ServerFault[];
    hostileBodies?: boolean;
  } = {},
  maxSteps = 40,
): fc.Arbitrary<Schedule> {
  const overlapMs = envelope.overlapMs ?? 5000;
  const maxLag = envelope.maxLagMs ?? 3000;
  const halfStep = (envelope.maxStepMs ?? 1000) / 2;
  return fc.record({
    lagSeed: fc.nat(),
    maxLagMs: fc.constant(maxLag),
    overlapMs: fc.constant(overlapMs),
    instanceOffsetsMs: fc.array(fc.integer({ min: -halfStep, max: halfStep }), {
      minLength: 3,
      maxLength: 3,
    }),
    deviceSkewsMs: fc.array(fc.integer({ min: -DAY, max: DAY }), {
      minLength: DEVICE_COUNT,
      maxLength: DEVICE_COUNT,
    }),
    maxResponseBytes: envelope.hostileBodies
      ? fc.constant(40_000)
      : fc.oneof(fc.integer({ min: 40_000, max: 200_000 }), fc.constant(6_000_000)),
    ...(envelope.plantedBugs && { plantedBugs: fc.constant(envelope.plantedBugs) }),
    ...(envelope.clientBugs && { clientBugs: fc.constant(envelope.clientBugs) }),
    steps: fc.array(stepsArb(envelope.faults, envelope.hostileBodies), {
      minLength: 10,
      maxLength: maxSteps,
      size: 'max',
    }),
  });
}
