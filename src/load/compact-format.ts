// raw/requests.tsv: one line per request, written by the k6 script itself (console.log
// into k6's --console-output file, --log-format raw), about 80 bytes a request instead
// of the ~3.5 KB k6's JSON output writes for the fifteen metrics it emits per request.
// Node writes the header line before k6 starts; k6 appends. load/region-lab.k6.ts
// writes the same columns in the same order (a unit test reads the script to check).
import { outcomeOf, parseSent, type RequestRecord } from './request-record.js';

/** The first line of the file: the format and its version, then the columns. */
export const COMPACT_MAGIC = '#region-lab-requests/1';

export const COMPACT_COLUMNS = [
  'start_ms',
  'duration_ms',
  'entry',
  'status',
  'error_code',
  'served_region',
  'served_cluster',
  'served_instance',
  'fallback',
  'sent_headers',
  'sent_cookies',
] as const;

export const COMPACT_HEADER = `${COMPACT_MAGIC}\t${COMPACT_COLUMNS.join('\t')}\n`;

/** The file name under raw/. */
export const COMPACT_FILE = 'requests.tsv';

/** What a text field may not hold raw: the separators and the escape itself. */
const UNSAFE = /[%\t\r\n]/g;

/** Escapes a field value as the script does: %, tab, CR and LF percent-encoded. */
export function encodeField(v: string): string {
  return v.replace(UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Region, cluster and instance names repeat on every line: one string per distinct value
 * instead of 300,000 slices keeps the garbage collector out of a read's way. Bounded, so
 * a hostile stream of distinct values cannot grow it without end.
 */
const interned = new Map<string, string>();
const INTERN_MAX = 10_000;

function decodeField(v: string | undefined): string {
  if (!v) return '';
  const known = interned.get(v);
  if (known !== undefined) return known;
  let out = v;
  if (v.includes('%')) {
    try {
      out = decodeURIComponent(v);
    } catch {
      // a malformed escape is kept as written rather than losing the request
    }
  }
  // flatten: a slice would keep the whole 1 MiB chunk it was cut from alive
  out = (' ' + out).slice(1);
  if (interned.size < INTERN_MAX) interned.set(v, out);
  return out;
}

/** One data line → a record; undefined for a line that is not one (the header, a cut-short last line). */
export function recordFromLine(line: string): RequestRecord | undefined {
  if (line.length === 0 || line.charCodeAt(0) === 35 /* # */) return undefined;
  // the fields cut by indexOf, not split: 300,000 arrays of 11 strings are most of a read's garbage
  const f: string[] = FIELDS;
  let from = 0;
  for (let i = 0; i < COMPACT_COLUMNS.length - 1; i++) {
    const tab = line.indexOf('\t', from);
    if (tab < 0) return undefined; // the last line of a file k6 is still writing
    f[i] = line.slice(from, tab);
    from = tab + 1;
  }
  const lastTab = line.indexOf('\t', from);
  f[COMPACT_COLUMNS.length - 1] = lastTab < 0 ? line.slice(from) : line.slice(from, lastTab);
  const startMs = Number(f[0]);
  const durationMs = Number(f[1]);
  if (!Number.isFinite(startMs) || startMs <= 0 || f[1] === '' || !Number.isFinite(durationMs)) return undefined;
  const entry = decodeField(f[2]);
  const status = Number(f[3]) || 0;
  const servedRegion = decodeField(f[5]);
  const fallback = f[8] === '1';
  // one object literal with every field, so 300,000 records share one shape and the
  // loops over them stay fast; the sent_* columns are URI-encoded pairs already
  return {
    startMs,
    durationMs,
    entry,
    status,
    errorCode: Number(f[4]) || 0,
    servedRegion,
    servedCluster: decodeField(f[6]),
    servedInstance: decodeField(f[7]),
    fallback,
    outcome: outcomeOf(status, f[4] === '1050', fallback, servedRegion === entry),
    sentHeaders: parseSent(f[9], true),
    sentCookies: parseSent(f[10], false),
  };
}

/** Reused between lines: recordFromLine copies what it keeps out of it. */
const FIELDS: string[] = new Array<string>(COMPACT_COLUMNS.length).fill('');

/** A record as the script writes it (for tests and the synthetic runs of the report bench). */
export function lineOf(r: Omit<RequestRecord, 'outcome'>): string {
  const sent = (m: Readonly<Record<string, string>> | undefined): string =>
    m ? Object.entries(m).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : '';
  return [
    String(r.startMs),
    r.durationMs.toFixed(3),
    encodeField(r.entry),
    String(r.status),
    r.errorCode ? String(r.errorCode) : '',
    encodeField(r.servedRegion),
    encodeField(r.servedCluster),
    encodeField(r.servedInstance),
    r.fallback ? '1' : '0',
    sent(r.sentHeaders),
    sent(r.sentCookies),
  ].join('\t');
}
