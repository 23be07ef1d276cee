// A run's id: when it started (UTC, to the second) and four random characters, e.g.
// 20261124-235959-ab12. It names the report directory and marks every resource the
// run creates (process environment, pid files, Toxiproxy proxies, kind node labels).
export function newRunId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}-${Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`;
}
