// In-process sync (the sync-api core in this JS realm): tests, the simulator, demo mode.
// Kept apart from index.ts so the core is bundled only where it is imported (lazily).
export { createDemoServer, DEMO_BOT, type DemoServer } from './demo-server.ts';
export {
  type Fault,
  MemorySyncTransport,
  type MemorySyncTransportOptions,
} from './memory-sync-transport.ts';
