import { cpus, release, totalmem, type } from 'node:os';
import type { Machine } from '../report/markdown.ts';

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.versions.node,
  };
}
