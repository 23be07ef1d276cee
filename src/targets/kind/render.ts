// How a plan step reads as a command line: shared by the dry-run printer and the
// executor's log, so both say the same thing.
import type { ApplyStep, HttpStep } from './plan.js';
import { kubeContext } from './names.js';

/** Quotes an argument the way a POSIX shell would need it. */
export function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function renderCommand(tool: string, args: readonly string[]): string {
  return [tool, ...args].map(shellQuote).join(' ');
}

/** The arguments `kubectl apply` gets; the objects go on stdin. */
export function applyArgs(s: ApplyStep): string[] {
  return ['--context', kubeContext(s.cluster), 'apply', '-f', '-'];
}

export function renderApply(s: ApplyStep): string {
  const objects = s.docs.map((d) => `${d.kind} ${d.metadata.namespace ? `${d.metadata.namespace}/` : ''}${d.metadata.name}`);
  return `${renderCommand('kubectl', applyArgs(s))} < ${s.source}: ${objects.join(', ')}`;
}

export function renderHttp(s: HttpStep): string {
  return `${s.method} ${s.url}${s.body === undefined ? '' : ` ${JSON.stringify(s.body)}`}`;
}
