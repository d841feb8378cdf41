import { MemorySyncStore } from '@chatscape/sync-api/memory-store';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { SyncStore } from '../../sync-api/src/store/sync-store.ts';
import {
  addContact,
  blockContact,
  type ChatDb,
  clearChat,
  deleteForEveryone,
  deleteForMe,
  editMessage,
  markRead,
  muteChat,
  openChatDb,
  reportContact,
  saveDraft,
  sendMessage,
  syncDraft,
  unblockContact,
} from '../src/db/index.ts';
import { MARKS } from '../src/db/receipt-marks.ts';
import { removeLocalData } from '../src/features/auth/sign-out.ts';
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
  /** Sends still unacknowledged when the user signed out (the dialog says they go too). */
  readonly lostToSignOut: SentRecord[] = [];
  readonly lock = createMemoryLock();
  /** Bumped when the device's storage starts over (eviction, sign-out): a new local history. */
  generation = 0;

  constructor(
    readonly user: string,
    readonly index: number,
    readonly skewMs: number,
    tokens: TokenAuthority,
    private readonly reopenAfterDelete = false,
  ) {
    this.db = this.open();
    this.token = tokens.issue(user);
  }

  open(): ChatDb {
    return openChatDb(this.user, {
      indexedDB: this.factory,
      IDBKeyRange,
      ...(this.reopenAfterDelete && { plantedReopenAfterDelete: true }),
    });
  }

  /** This device's sends not yet acknowledged: what an eviction or a sign-out takes with it. */
  async unsent(): Promise<SentRecord[]> {
    const rows = await this.db.messages
      .filter((m) => m.sender === this.user && m.state !== 'sent')
      .toArray();
    return rows.map((m) => ({ id: m.id, sender: m.sender, recipient: m.recipient, body: m.body }));
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
  /** Every text an edit gave a message (by its id): none may survive a delete. */
  readonly editTexts = new Map<string, string[]>();
  private edits = 0;
  /** Things the client did that it must not have (e.g. accepted a control character). */
  readonly clientProblems: string[] = [];
  private names = 0;
  private drafts = 0;
  /** The highest watermark each device has shown per contact (they must never go back). */
  private readonly marks = new Map<string, number>();
  readonly stats = { operations: 0, faults: 0, syncs: 0, chatsDeleted: 0, mutes: 0 };

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
        const reopen = schedule.clientBugs?.includes('reopen-after-delete') ?? false;
        return new SimDevice(user, index, schedule.deviceSkewsMs[index] ?? 0, this.tokens, reopen);
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

  /** One sync run of `device` (on `db`, its page's by default); `held` delays the answer. */
  async sync(device: SimDevice, db = device.db, held?: Promise<void>) {
    this.stats.syncs++;
    const transport = this.server.transport(device);
    const outcome = await syncOnce({
      db,
      transport: {
        sync: async (request, token) => {
          if (!device.online) throw new SyncError(syncErrorCodes.network, 'offline');
          this.clock += 5; // latency
          const answer = await transport.sync(request, token);
          await held;
          return answer;
        },
      },
      getToken: async () => device.token,
      lock: device.lock,
      now: () => this.deviceNow(device),
    });
    if (db === device.db) await this.checkMonotone(device);
    return outcome;
  }

  /** Receipt watermarks and a chat's cleared mark only ever move forward on a device. */
  private async checkMonotone(device: SimDevice) {
    const contacts = await device.db.contacts.toArray().catch(() => []);
    for (const c of contacts) {
      for (const field of MARKS) {
        const value = c[field];
        if (value === undefined) continue;
        const key = `${device.index}\n${device.generation}\n${c.email}\n${field}`;
        if (value < (this.marks.get(key) ?? -1)) {
          this.clientProblems.push(`${device.user}: ${c.email} ${field} moved back to ${value}`);
        }
        this.marks.set(key, value);
      }
    }
  }

  /** Opening a conversation on screen: read up to its newest incoming message. */
  private async read(device: SimDevice, peer: string) {
    const incoming = await device.db.messages
      .filter((m) => m.peer === peer && m.sender === peer && m.serverTime !== null)
      .toArray();
    const newest = Math.max(-1, ...incoming.map((m) => m.serverTime as number));
    if (newest < 0) return;
    await markRead(device.db, peer, newest, this.deviceNow(device));
    await this.checkMonotone(device);
  }

  /** Typing a draft (or emptying the box) where the app shows a composer, then a pause. */
  private async draft(device: SimDevice, peer: string, clear: boolean) {
    const contact = await device.db.contacts.get(peer);
    if (!contact || contact.request || contact.blocked || peer === device.user) return;
    const text = clear ? '' : `draft ${device.user} ${this.drafts++}`;
    await saveDraft(device.db, peer, text, this.deviceNow(device));
    await syncDraft(device.db, peer, this.deviceNow(device));
  }

  /**
   * Mute / unmute or delete one of the chats a device lists, from the conversation's menu:
   * device `d`'s, or the next one's that has such a chat. Deleting picks among chats with
   * messages the server has stamped (the others have nothing to delete); stamps come back with
   * pulls once the index shows them, so the user deletes a while later, after device `d` has
   * sent what it had and pulled again.
   */
  private async chatSetting(d: number, pick: number, muted: boolean, clear: boolean) {
    if (clear) {
      const device = this.devices[d] as SimDevice;
      await this.sync(device);
      this.clock += this.schedule.maxLagMs + 1;
      await this.sync(device);
    }
    for (let i = 0; i < this.devices.length; i++) {
      const device = this.devices[(d + i) % this.devices.length] as SimDevice;
      const stamped = new Set(
        (await device.db.messages.filter((m) => m.serverTime !== null).toArray()).map(
          (m) => m.peer,
        ),
      );
      const chats = (await device.db.contacts.toArray()).filter(
        (c) => c.email !== device.user && (!clear || stamped.has(c.email)),
      );
      const peer = chats[pick % Math.max(1, chats.length)]?.email;
      if (peer === undefined) continue;
      const now = this.deviceNow(device);
      if (!clear) {
        this.stats.mutes++;
        return muteChat(device.db, peer, muted, now);
      }
      if (await clearChat(device.db, peer, now)) this.stats.chatsDeleted++;
      return;
    }
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
      case 'read':
        return this.read(device as SimDevice, peer);
      case 'draft':
        return this.draft(device as SimDevice, peer, step.clear);
      case 'mute':
      case 'clear':
        return this.chatSetting(
          step.d,
          step.pick,
          step.k === 'mute' && step.muted,
          step.k === 'clear',
        );
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
      case 'edit':
      case 'delete':
      case 'hide':
        return this.changeMessage(device as SimDevice, step.k, step.pick);
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
      case 'signout':
        return this.signOutDuringSync(device as SimDevice, step.late);
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

  /**
   * An edit or delete for everyone of one of the device's own sent messages, or delete for me
   * of any sent one, through the app's commands (which refuse what the menu would not offer).
   */
  private async changeMessage(device: SimDevice, kind: 'edit' | 'delete' | 'hide', pick: number) {
    const now = this.deviceNow(device);
    const candidates = await device.db.messages
      .filter((m) => m.state === 'sent' && (kind === 'hide' || m.sender === device.user))
      .toArray();
    const target = candidates[pick % Math.max(1, candidates.length)];
    if (!target) return;
    if (kind === 'hide') return deleteForMe(device.db, target.id, now);
    if (kind === 'delete') return deleteForEveryone(device.db, target.id, now);
    const body = `${device.user}#edit${this.edits++}`;
    const result = await editMessage(device.db, target.id, body, now);
    if (result.ok) this.editTexts.set(target.id, [...(this.editTexts.get(target.id) ?? []), body]);
  }

  /** Closing and reopening the database: a reload, or a crash between two steps. */
  private async reload(device: SimDevice) {
    device.db.close();
    device.db = device.open();
    await device.db.open();
  }

  /** The browser wipes the origin's storage: everything not yet acknowledged is gone. */
  private async evict(device: SimDevice) {
    device.lostToEviction.push(...(await device.unsent()));
    device.db.close();
    device.factory = new IDBFactory();
    device.generation++;
    device.db = device.open();
    device.token = this.tokens.issue(device.user); // signs in again
  }

  /**
   * The app's own sign-out (removeLocalData) on the page while the service worker's run, on its
   * own connection, is in flight; then a sign-in. Nothing may recreate the database in between
   * (the worker's answer is dropped), and the next sign-in starts empty and pulls everything.
   */
  private async signOutDuringSync(device: SimDevice, late: boolean) {
    const worker = device.open();
    let release = () => {};
    const held = late ? new Promise<void>((resolve) => (release = resolve)) : undefined;
    // The worker's run dies with its connection when the answer comes after the deletion.
    const run = this.sync(device, worker, held).catch(() => undefined);
    if (!late) await run; // sign-out waits for the sync lock
    device.lostToSignOut.push(...(await device.unsent()));
    // `late`: sign-out stopped waiting for the lock (at most 10 s in the app) and went ahead.
    await removeLocalData(device.db, { lock: device.lock, lockWaitMs: late ? 0 : 60_000 });
    release();
    await run;
    worker.close();
    const names = (await device.factory.databases()).map((d) => d.name);
    if (names.includes(device.db.name)) {
      this.clientProblems.push(`${device.user}: the database came back after sign-out`);
    }
    device.generation++;
    device.db = device.open(); // signs in again
    device.token = this.tokens.issue(device.user);
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
