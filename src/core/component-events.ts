// Events the run's components write (gateways, the registry sync agent, a target's
// cluster watches) as JSON lines in logs/*.events.jsonl: one object a line with at
// least t (epoch ms) and kind; the source is the line's own, else the file's name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ComponentEvent {
  /** Epoch ms. */
  readonly t: number;
  /** Who saw it: "region-lab", "gw-south-1", "nacos-sync" … */
  readonly source: string;
  /** fault-applied, fault-healed, endpoint-added, endpoint-removed … */
  readonly kind: string;
  readonly detail?: Readonly<Record<string, unknown>> | string | undefined;
}

/** The suffix of every events file in a run's logs/. */
export const EVENTS_SUFFIX = '.events.jsonl';

export function parseEventLines(text: string, fallbackSource: string): ComponentEvent[] {
  const out: ComponentEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const { t, source, gateway, kind, ...detail } = JSON.parse(line) as Record<string, unknown>;
      if (typeof t !== 'number' || typeof kind !== 'string') continue;
      out.push({ t, source: String(source ?? gateway ?? fallbackSource), kind, detail });
    } catch {
      // a line cut by a killed process: skip it, the rest still counts
    }
  }
  return out;
}

/** Every event of every *.events.jsonl file in a directory, in file order. */
export function collectEvents(logDir: string): ComponentEvent[] {
  return readdirSync(logDir)
    .filter((f) => f.endsWith(EVENTS_SUFFIX))
    .flatMap((f) => parseEventLines(readFileSync(join(logDir, f), 'utf8'), f.slice(0, -EVENTS_SUFFIX.length)));
}

/** One event as a line of an events file. */
export function eventLine(e: ComponentEvent): string {
  const detail = typeof e.detail === 'string' ? { detail: e.detail } : (e.detail ?? {});
  return `${JSON.stringify({ t: e.t, source: e.source, kind: e.kind, ...detail })}\n`;
}
