// higress.io/request-header-control-{add,update,remove} and response-header-control-*,
// parsed as Higress's header_control.go does (higress.io/ prefix only): add and update
// are one "name value" per line (split at the first run of spaces, each side trimmed and
// unquoted once, a later line for the same name wins), remove a comma-separated list.
// Update is Istio's `set`. A canary route carries its own, not its base's (ApplyByHeader).
import { HIGRESS_PREFIX } from './annotations.js';
import type { HeaderOpsInput } from '../header-operations.js';

export interface HeaderControlConfig {
  readonly request?: HeaderOpsInput;
  readonly response?: HeaderOpsInput;
}

/** trimQuotes: one pair of matching double or single quotes. */
function trimQuotes(s: string): string {
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** convertAddOrUpdate; a line without a value is skipped (Higress logs it). */
function nameValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    const m = /^(\S+)\s+([\s\S]*)$/.exec(line);
    if (!m) continue;
    out.set(trimQuotes(m[1]!.trim()), trimQuotes(m[2]!.trim()));
  }
  return out;
}

/** splitBySeparator(",") with empty parts dropped. */
function names(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function side(raw: Readonly<Record<string, string>>, prefix: 'request' | 'response'): HeaderOpsInput | undefined {
  const get = (op: string) => raw[`${HIGRESS_PREFIX}${prefix}-header-control-${op}`];
  const [add, update, remove] = [get('add'), get('update'), get('remove')];
  const out = {
    ...(add !== undefined ? { add: nameValues(add) } : {}),
    ...(update !== undefined ? { set: nameValues(update) } : {}),
    ...(remove !== undefined ? { remove: names(remove) } : {}),
  };
  const size = (out.add?.size ?? 0) + (out.set?.size ?? 0) + (out.remove?.length ?? 0);
  return size > 0 ? out : undefined;
}

export function parseHeaderControl(raw: Readonly<Record<string, string>>): HeaderControlConfig | undefined {
  const request = side(raw, 'request');
  const response = side(raw, 'response');
  if (!request && !response) return undefined;
  return { ...(request ? { request } : {}), ...(response ? { response } : {}) };
}
