/**
 * idle-pull.svg, hand-written: items read per idle poll and p50 latency against history size,
 * ChatScape next to the original's poll shape, every axis logarithmic.
 */
export interface Series {
  label: string;
  color: string;
  dash: string;
  /** [history size, value]; a value of 0 is drawn on the "0" line under a log axis. */
  points: [number, number][];
}

export interface Panel {
  title: string;
  yLabel: string;
  series: Series[];
}

const W = 460;
const H = 360;
const M = { left: 64, right: 16, top: 40, bottom: 56 };
const decades = (lo: number, hi: number) => {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); 10 ** e <= hi * 1.0001; e++) out.push(10 ** e);
  return out;
};
const label = (v: number) =>
  v >= 1000 ? `${(v / 1000).toLocaleString('en-US')}k` : v.toLocaleString('en-US');
const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

function panel(p: Panel, x0: number): string {
  const xs = p.series.flatMap((s) => s.points.map(([x]) => x));
  const ys = p.series.flatMap((s) => s.points.map(([, y]) => y)).filter((y) => y > 0);
  const [xLo, xHi] = [Math.min(...xs), Math.max(...xs)];
  const yLo = 10 ** Math.floor(Math.log10(Math.min(...ys, 1)));
  const yHi = 10 ** Math.ceil(Math.log10(Math.max(...ys, 10)));
  const hasZero = p.series.some((s) => s.points.some(([, y]) => y <= 0));
  const plotBottom = H - M.bottom - (hasZero ? 28 : 0);
  const zeroY = H - M.bottom - 6;
  const px = (x: number) =>
    x0 +
    M.left +
    ((Math.log10(x) - Math.log10(xLo)) / (Math.log10(xHi) - Math.log10(xLo))) *
      (W - M.left - M.right);
  const py = (y: number) =>
    y <= 0
      ? zeroY
      : plotBottom -
        ((Math.log10(y) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo))) *
          (plotBottom - M.top);
  const out: string[] = [];
  out.push(
    `<text x="${x0 + W / 2}" y="22" text-anchor="middle" font-weight="600">${esc(p.title)}</text>`,
  );
  for (const y of decades(yLo, yHi)) {
    out.push(
      `<line x1="${x0 + M.left}" x2="${x0 + W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e7eb"/>`,
      `<text x="${x0 + M.left - 6}" y="${py(y) + 4}" text-anchor="end">${label(y)}</text>`,
    );
  }
  if (hasZero) {
    out.push(
      `<line x1="${x0 + M.left}" x2="${x0 + W - M.right}" y1="${zeroY}" y2="${zeroY}" stroke="#e5e7eb" stroke-dasharray="2 3"/>`,
      `<text x="${x0 + M.left - 6}" y="${zeroY + 4}" text-anchor="end">0</text>`,
    );
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#f3f4f6"/>`,
      `<text x="${px(x)}" y="${H - M.bottom + 18}" text-anchor="middle">${label(x)}</text>`,
    );
  }
  out.push(
    `<rect x="${x0 + M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#9ca3af"/>`,
    `<text x="${x0 + M.left + (W - M.left - M.right) / 2}" y="${H - 14}" text-anchor="middle">messages in history (log)</text>`,
    `<text transform="translate(${x0 + 16} ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(p.yLabel)}</text>`,
  );
  for (const s of p.series) {
    const d = s.points
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`)
      .join(' ');
    out.push(
      `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`,
    );
    for (const [x, y] of s.points) {
      out.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${s.color}"/>`,
      );
    }
  }
  return out.join('\n');
}

/** Two panels side by side; the legend lists the first panel's series, `columns` per row. */
export function renderSvg(panels: [Panel, Panel], caption: string, columns = 3): string {
  const legend = panels[0].series;
  const legendTop = H + 8;
  const items = legend.map((s, i) => {
    const x = 72 + (i % columns) * 300;
    const y = legendTop + 18 * Math.floor(i / columns);
    return `<line x1="${x}" x2="${x + 28}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/><text x="${x + 34}" y="${y + 4}">${esc(s.label)}</text>`;
  });
  const height = legendTop + 18 * Math.ceil(legend.length / columns) + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="title" width="${2 * W}" height="${height}" viewBox="0 0 ${2 * W} ${height}" font-family="system-ui, sans-serif" font-size="12" fill="#111827">`,
    `<title id="title">${esc(`${panels[0].title} and ${panels[1].title.toLowerCase()} against history size. ${caption}`)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    panel(panels[0], 0),
    panel(panels[1], W),
    ...items,
    `<text x="${W}" y="${height - 10}" text-anchor="middle" fill="#4b5563">${esc(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
