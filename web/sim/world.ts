import { MemorySyncStore } from '@chatscape/sync-api/memory-store';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { SyncStore } from '../../sync-api/src/store/sync-store.ts';
import {
  addContact,
  blockContact,
  type ChatDb,
  openChatDb,
  reportContact,
  sendMessage,
  unblockContact,
} from '../src/db/index.ts';
import { createMemoryLock } from '../src/lib/locks.ts';
import { SyncError, syncErrorCodes } from '../src/sync/errors.ts';
import { syncOnce } from '../src/sync/sync-once.ts';
import { seededRandom } from '../src/test/random.ts';
import { DEVICES_PER_USER, type Schedule, type Step, USERS } from './schedule.ts';
import { type ServerFault, SimServer, TokenAuthority } from './server.ts';

export interface SentRecord {
  id: string;
  sender: string;
  recipient: string;
  body: string;
}

/** One browser profile of one user: its own IndexedDB, clock, network and token. */
export class SimDevice {
  factory = new IDBFactory();
  db: ChatDb;
  online = true;
  token: string | null;
  instance = 0;
  nextFault: ServerFault = 'none';
  crashAt = 0;
  /** Sends that were still unacknowledged when this device's storage was evicted. */
  readonly lostToEviction: SentRecord[] = [];
  readonly lock = createMemoryLock();

  constructor(
    readonly user: string,
    readonly index: number,
    readonly skewMs: number,
    tokens: TokenAuthority,
  ) {
    this.db = this.open();
    this.token = tokens.issue(user);
  }

  open(): ChatDb {
    return openChatDb(this.user, { indexedDB: this.factory, IDBKeyRange });
  }
}

/**
 * Where the next world's clock starts. The client's UUIDv7 generator (web/src/lib/uuid.ts)
 * keeps its last time per process, and the server orders contact mutations by that time, so
 * each schedule starts after everything the previous ones reached (plus a day of device skew),
 * as real time would.
 */
let nextEpoch = 1_750_000_000_000;
const DAY_MS = 24 * 3600 * 1000;

export class World {
  clock = nextEpoch;
  readonly tokens = new TokenAuthority();
  readonly server: SimServer;
  readonly devices: SimDevice[];
  readonly sent: SentRecord[] = [];
  /** Things the client did that it must not have (e.g. accepted a control character). */
  readonly clientProblems: string[] = [];
  private names = 0;
  readonly stats = { operations: 0, faults: 0, syncs: 0 };

  constructor(
    readonly schedule: Schedule,
    store?: SyncStore,
  ) {
    const lag = seededRandom(schedule.lagSeed);
    const backing =
      store ??
      new MemorySyncStore({ now: () => this.clock, indexLagMs: () => lag() * schedule.maxLagMs });
    this.server = new SimServer(
      backing,
      {
        clock: () => this.clock,
        advance: (ms) => {
          this.clock += ms;
        },
        instanceOffsetsMs: schedule.instanceOffsetsMs,
        overlapMs: schedule.overlapMs,
        maxResponseBytes: schedule.maxResponseBytes,
        plantedBugs: schedule.plantedBugs ?? [],
        meanwhile: async (i) => {
          const other = this.devices[i];
          if (other) await this.sync(other);
        },
      },
      this.tokens,
    );
    this.devices = USERS.flatMap((user, u) =>
      Array.from({ length: DEVICES_PER_USER }, (_, i) => {
        const index = u * DEVICES_PER_USER + i;
        return new SimDevice(user, index, schedule.deviceSkewsMs[index] ?? 0, this.tokens);
      }),
    );
  }

  private async knows(device: SimDevice, peer: string) {
    const contact = await device.db.contacts.get(peer);
    if (!contact) return false;
    if (contact.name !== '' || contact.request) return true;
    return (await device.db.messages.filter((m) => m.peer === peer).count()) > 0;
  }

  /** Called when the schedule is over: the next world starts after this one's time. */
  retire() {
    nextEpoch = Math.max(nextEpoch, this.clock) + 2 * DAY_MS;
  }

  deviceNow(device: SimDevice) {
    return Math.max(0, this.clock + device.skewMs);
  }

  async sync(device: SimDevice) {
    this.stats.syncs++;
    const transport = this.server.transport(device);
    return syncOnce({
      db: device.db,
      transport: {
        sync: (request, token) => {
          if (!device.online) throw new SyncError(syncErrorCodes.network, 'offline');
          this.clock += 5; // latency
          return transport.sync(request, token);
        },
      },
      getToken: async () => device.token,
      lock: device.lock,
      now: () => this.deviceNow(device),
    });
  }

  async run(step: Step) {
    this.stats.operations++;
    const device = 'd' in step ? (this.devices[step.d] as SimDevice) : undefined;
    const peer = 'to' in step ? (USERS[step.to] as string) : '';
    switch (step.k) {
      case 'send':
        return this.send(device as SimDevice, peer, step.size, step.style);
      case 'add':
        // Names differ each time, so a stale add replayed over a newer one would show.
        return addContact(
          (device as SimDevice).db,
          { name: `n-${peer}-${this.names++}`, email: peer },
          this.deviceNow(device as SimDevice),
        );
      case 'block':
        return blockContact((device as SimDevice).db, peer, this.deviceNow(device as SimDevice));
      case 'unblock':
        return unblockContact((device as SimDevice).db, peer, this.deviceNow(device as SimDevice));
      case 'report':
        // The app offers Report on a contact you added or who wrote to you; the server
        // refuses reports about anyone else.
        if (!(await this.knows(device as SimDevice, peer))) return;
        return reportContact(
          (device as SimDevice).db,
          peer,
          'spam',
          this.deviceNow(device as SimDevice),
        );
      case 'sync': {
        const d = device as SimDevice;
        d.nextFault = step.fault;
        d.crashAt = step.crashAt;
        if (step.fault !== 'none') this.stats.faults++;
        await this.sync(d);
        d.nextFault = 'none';
        return;
      }
      case 'offline':
      case 'online':
        (device as SimDevice).online = step.k === 'online';
        return;
      case 'reload':
        return this.reload(device as SimDevice);
      case 'evict':
        return this.evict(device as SimDevice);
      case 'refresh':
        (device as SimDevice).token = this.tokens.issue((device as SimDevice).user);
        return;
      case 'expire':
        this.tokens.expire(USERS[step.u] as string);
        return;
      case 'tick':
        this.clock += step.ms;
        return;
      case 'deliver':
        return this.server.deliverDelayed(0);
      case 'route':
        (device as SimDevice).instance = step.instance;
        return;
      case 'replay':
        return this.server.replay(step.pick, 0);
    }
  }

  private async send(device: SimDevice, to: string, size = 0, style = 0) {
    const head = `${device.user}#${this.sent.length}#`;
    const pad = ['', '"', '\\', '😀', '\u0001'][style] ?? '';
    const body = (head + pad.repeat(Math.ceil(size / Math.max(1, pad.length)))).slice(0, 4000);
    // Cut in the middle of an emoji would leave a lone surrogate: keep the body well formed.
    const clean = /[\ud800-\udbff]$/.test(body) ? body.slice(0, -1) : body;
    const result = await sendMessage(device.db, to, clean, this.deviceNow(device));
    const control = style === 4 && size > 0;
    if (control && result.ok) this.clientProblems.push(`${head}: a control character was accepted`);
    if (result.ok)
      this.sent.push({ id: result.value.id, sender: device.user, recipient: to, body: clean });
  }

  /** Closing and reopening the database: a reload, or a crash between two steps. */
  private async reload(device: SimDevice) {
    device.db.close();
    device.db = device.open();
    await device.db.open();
  }

  /** The browser wipes the origin's storage: everything not yet acknowledged is gone. */
  private async evict(device: SimDevice) {
    const unsent = await device.db.messages
      .filter((m) => m.sender === device.user && m.state !== 'sent')
      .toArray();
    for (const m of unsent) {
      device.lostToEviction.push({
        id: m.id,
        sender: m.sender,
        recipient: m.recipient,
        body: m.body,
      });
    }
    device.db.close();
    device.factory = new IDBFactory();
    device.db = device.open();
    device.token = this.tokens.issue(device.user); // signs in again
  }

  /**
   * Heals every fault and drains: all online with fresh tokens, held-back requests delivered,
   * then sync rounds with time moving past the lag and overlap until nothing changes.
   */
  async heal(maxRounds = 12) {
    while (this.server.delayed.length > 0) await this.server.deliverDelayed(0);
    for (const d of this.devices) {
      d.online = true;
      d.nextFault = 'none';
      d.token = this.tokens.issue(d.user);
    }
    let quiet = 0;
    for (let round = 0; round < maxRounds && quiet < 2; round++) {
      let changed = false;
      for (const d of this.devices) {
        const outcome = await this.sync(d);
        if (outcome.kind !== 'ok') throw new Error(`heal: sync failed ${JSON.stringify(outcome)}`);
        if (outcome.accepted + outcome.received > 0) changed = true;
      }
      quiet = changed ? 0 : quiet + 1;
      this.clock += this.schedule.overlapMs + this.schedule.maxLagMs + 1000;
    }
    if (quiet < 2) throw new Error('did not converge');
  }
}
