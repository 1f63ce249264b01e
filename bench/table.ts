// The bench's one table: each figure's median (min–max) over the runs, beside the floor measured in the same
// runs and the ratio of the medians, and the same rows as JSON for bench/results.json.

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}

export interface Row {
  figure: string;
  unit: string;
  /** Postdesk's figure; a string for the figures that have their own statistics (queue, IMAP). */
  postdesk: Summary | string;
  floor?: Summary | string;
  target?: string;
  note?: string;
}

const number = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
/** A figure as the table shows it: `median (min–max)`, or its own text. */
export const cell = (value: Summary | string | undefined) =>
  value === undefined ? '—' : typeof value === 'string' ? value : `${number(value.median)} (${number(value.min)}–${number(value.max)})`;
const ratio = (row: Row) => (typeof row.postdesk === 'object' && typeof row.floor === 'object' ? (row.postdesk.median / row.floor.median).toFixed(2) : '—');

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| figure | unit | Postdesk median (min–max) | floor median (min–max) | ratio | target | note |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) => `| ${row.figure} | ${row.unit} | ${cell(row.postdesk)} | ${cell(row.floor)} | ${ratio(row)} | ${row.target ?? ''} | ${row.note ?? ''} |`,
    ),
  ];
  return lines.join('\n');
}

export function jsonRows(rows: Row[]) {
  return rows.map((row) => ({ ...row, ratio: ratio(row) === '—' ? null : Number(ratio(row)) }));
}
