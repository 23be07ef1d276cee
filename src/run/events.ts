// Gathers the events the components wrote (gateways, registry sync) as JSON lines
// into one list on the run's time axis, for the report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunEvent {
  readonly t: number;
  readonly source: string;
  readonly kind: string;
  readonly detail?: Record<string, unknown>;
}

export function parseEventLines(text: string, fallbackSource: string): RunEvent[] {
  const out: RunEvent[] = [];
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

export function collectEvents(logDir: string): RunEvent[] {
  return readdirSync(logDir)
    .filter((f) => f.endsWith('.events.jsonl'))
    .flatMap((f) => parseEventLines(readFileSync(join(logDir, f), 'utf8'), f.replace('.events.jsonl', '')));
}
