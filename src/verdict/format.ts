// How numbers read in a verdict: seconds with one decimal, ratios with three,
// percentages for rates, thousands separated, so every sentence reads the same.

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Seconds with two decimals, for times known to a request: "0.52 s". */
export function secondsPrecise(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Whole seconds when whole ("60 s"), else one decimal. */
export function secondsShort(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

export function ratio(r: number): string {
  return r.toFixed(3);
}

/** 0.79 → "79%"; small rates keep decimals so 0.04% does not read as 0%. */
export function percent(r: number): string {
  const p = r * 100;
  if (p === 0 || p >= 10) return `${Math.round(p)}%`;
  // Number() drops trailing zeros: 1% not 1.0%, 0.5% not 0.50%.
  return `${Number(p.toFixed(p >= 1 ? 1 : 2))}%`;
}

/** 1234567 → "1,234,567" (as en-US writes it; without Intl, whose first call costs ~80 ms). */
export function count(n: number): string {
  const [whole, frac] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A band of ratios: "0.72–0.88", "≥ 0.72", "≤ 0.01". */
export function ratioBand(b: { min?: number | undefined; max?: number | undefined }): string {
  if (b.min !== undefined && b.max !== undefined) return `${b.min}–${b.max}`;
  if (b.min !== undefined) return `≥ ${b.min}`;
  return `≤ ${b.max}`;
}

export function percentBand(b: { min?: number | undefined; max?: number | undefined }): string {
  if (b.min !== undefined && b.max !== undefined) return `${percent(b.min)}–${percent(b.max)}`;
  if (b.min !== undefined) return `≥ ${percent(b.min)}`;
  return `≤ ${percent(b.max ?? 0)}`;
}

export function inBand(v: number, b: { min?: number | undefined; max?: number | undefined }): boolean {
  return (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max);
}

/** A window relative to t0 in words: "10–50 s". */
export function windowText(fromMs: number, toMs: number): string {
  return `${trim(fromMs / 1000)}–${trim(toMs / 1000)} s`;
}

function trim(s: number): string {
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

/** A window relative to t0 in a sentence: "between 10 and 50 s". */
export function betweenText(fromMs: number, toMs: number): string {
  return `between ${trim(fromMs / 1000)} and ${trim(toMs / 1000)} s`;
}

/** Decimals that show a ± bound of this many seconds: 0.3 → 1, 0.02 → 2, 0.004 → 3. */
function decimalsFor(boundS: number): number {
  if (boundS >= 0.095) return 1;
  if (boundS >= 0.0095) return 2;
  return 3;
}

/**
 * A time known to lie within ± bound of a midpoint, with the decimals the bound needs:
 * "12.04 s ± 0.02 s"; a bound of 0 reads as a plain time ("0.0 s").
 */
export function secondsWithin(ms: number, boundMs: number): string {
  if (boundMs <= 0) return seconds(ms);
  const d = decimalsFor(boundMs / 1000);
  // a bound below the last decimal still reads as that decimal's unit, never as ± 0.000
  const b = Math.max(boundMs / 1000, 10 ** -d);
  return `${(ms / 1000).toFixed(d)} s ± ${b.toFixed(d)} s`;
}
