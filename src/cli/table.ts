/** Rows as an aligned plain-text table (no quotes, no index column), header first. */
export function formatTable(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const cells = [columns, ...rows.map((row) => columns.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c]))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  const numeric = columns.map((c) => rows.every((row) => typeof row[c] === 'number'));
  return cells
    .map((line) => line.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}
