import { type Panel, renderSvg, type Series } from '../report/svg.ts';
import type { IdleResult, Variant } from './idle-pull.ts';

const colors: Partial<Record<Variant, string>> = {
  'chatscape-handler': '#2563eb',
  original: '#ea580c',
};
const dashes = ['', '6 4', '2 3'];

function series(result: IdleResult, spreads: number[], value: 'items' | 'p50'): Series[] {
  const out: Series[] = [];
  for (const variant of ['chatscape-handler', 'original'] as const) {
    spreads.forEach((spread, i) => {
      const points = result.points
        .filter((p) => p.variant === variant && p.spread === spread)
        .sort((a, b) => a.size - b.size)
        .map((p): [number, number] => [
          p.size,
          value === 'items' ? p.itemsRead.median : p.p50.median,
        ]);
      const who = variant === 'original' ? "original's poll" : 'ChatScape';
      out.push({
        label: `${who}, ${spread} contact${spread === 1 ? '' : 's'}`,
        color: colors[variant] as string,
        dash: dashes[i % dashes.length] as string,
        points,
      });
    });
  }
  return out;
}

export function idleSvg(result: IdleResult, spreads: number[]): string {
  const panels: [Panel, Panel] = [
    {
      title: 'DynamoDB items read per idle poll',
      yLabel: 'items read (log)',
      series: series(result, spreads, 'items'),
    },
    {
      title: 'p50 latency of an idle poll',
      yLabel: 'ms (log)',
      series: series(result, spreads, 'p50'),
    },
  ];
  return renderSvg(
    panels,
    'ChatScape reads 0 items at every size (1 request). Both measured at the Lambda handler, in-process, against the same dynalite.',
    spreads.length,
  );
}
