import { spawnSync } from 'node:child_process';
import { repoRoot } from './options.ts';

/** The commit measured, with "+ local changes" when tracked files differ from it. */
export function codeVersion(): string {
  try {
    const head = run('git', ['rev-parse', '--short', 'HEAD']).trim();
    // The bench's own outputs are rewritten by every run: they are not the code measured.
    const outputs = ['results.json', 'results.md', 'idle-pull.svg'].map((f) => `:!bench/${f}`);
    const status = run('git', [
      'status',
      '--porcelain',
      '--untracked-files=no',
      '--',
      '.',
      ...outputs,
    ]);
    const dirty = status.trim() !== '';
    return dirty ? `${head} + local changes` : head;
  } catch {
    return 'unknown';
  }
}

/** Runs a command in the repo root; throws with its output when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const out = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${out.status}):\n${out.stdout}\n${out.stderr}`,
    );
  }
  return out.stdout;
}
