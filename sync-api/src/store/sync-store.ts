// The store port: filled in by the core work.
export type SyncStore = {};
