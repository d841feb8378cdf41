/** results.md: the targets first, then one table per section, then how it was measured. */
import { cell } from './format.ts';
import type { Row, Section, Target } from './types.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium?: string;
}

export interface Report {
  date: string;
  tiny: boolean;
  totalSeconds: number;
  machine: Machine;
  /** 1-minute load average when the run started and ended: other work on the same cores. */
  load: { start: number; end: number };
  /** The commit measured. */
  commit: string;
  sections: Section[];
}

const escapePipes = (text: string) => text.replaceAll('|', '\\|');

export function table(rows: Row[]): string {
  const columns: string[] = [];
  for (const row of rows)
    for (const c of Object.keys(row)) if (!columns.includes(c)) columns.push(c);
  const line = (cells: string[]) => `| ${cells.map(escapePipes).join(' | ')} |`;
  return [
    line(columns),
    line(columns.map(() => '---')),
    ...rows.map((row) =>
      line(columns.map((c) => (row[c] === undefined ? '' : cell(row[c] as Row[string])))),
    ),
  ].join('\n');
}

export function machineLine(m: Machine): string {
  const browser = m.chromium ? `, Chromium ${m.chromium}` : '';
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}${browser}`;
}

function targetsTable(targets: Target[]): string {
  return table(
    targets.map((t) => ({
      target: t.name,
      goal: t.goal,
      measured: t.measured,
      met: t.met ? 'yes' : '**no**',
    })),
  );
}

export function renderMarkdown(report: Report, method: string): string {
  const targets = report.sections.flatMap((s) => s.targets);
  const missed = targets.filter((t) => !t.met);
  const parts = [
    '# ChatScape benchmarks',
    '',
    `${report.tiny ? '**Tiny smoke run (sizes far below the real ones; not the committed results).** ' : ''}Run ${report.date} at commit ${report.commit} on ${machineLine(report.machine)}; \`npm run bench\` took ${Math.round(report.totalSeconds)} s (1-minute load average ${report.load.start.toFixed(1)} at the start, ${report.load.end.toFixed(1)} at the end). Each figure is the median of the runs with (min–max); side-by-side pairs ran interleaved in one process.`,
    '',
    '## Targets',
    '',
    targetsTable(targets),
  ];
  if (missed.length > 0) {
    parts.push('', '## Misses: by how much, why, what would close them', '');
    for (const t of missed) {
      parts.push(
        `- **${t.name}** (goal ${t.goal}, measured ${t.measured}): ${t.note ?? 'see the section below.'}`,
      );
    }
  }
  for (const s of report.sections) {
    parts.push('', `## ${s.title}`, '', `_Path: ${s.path}_`, '', table(s.rows));
    if (s.notes.length > 0) parts.push('', ...s.notes.map((n) => `- ${n}`));
  }
  parts.push('', '## Method', '', method.trim(), '');
  return parts.join('\n');
}
