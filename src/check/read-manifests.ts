// Reads every manifest under a user's directory as people keep them: multi-document
// YAML files in nested folders, `kubectl get -o yaml` output (Lists, status,
// managedFields). Sorts each object into what the gateway loads (routing kinds), what
// only inference reads (workload and Service labels), and what is skipped, with why.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BadInputError, type InputProblem } from '../core/errors.js';
import { POLICY_FILE } from './policy.js';

/** Kinds Higress's translation reads (Gateways: an HTTPRoute serves only where it attaches): copied into the generated suite. */
export const ROUTING_KINDS = ['McpBridge', 'Gateway', 'HTTPRoute', 'Ingress', 'DestinationRule', 'EnvoyFilter'] as const;
/** Kinds only read for region labels and Service ports. */
const INFERENCE_KINDS = ['Service', 'Deployment', 'StatefulSet', 'Pod'];

const SKIP_REASONS: Readonly<Record<string, string>> = {
  Secret: 'Secrets are never read or copied by check',
  GatewayClass: 'Higress creates its own GatewayClass',
  NetworkPolicy: 'Higress does not read NetworkPolicy (the CNI enforces it)',
};

export interface UserObject {
  /** Path relative to the directory read. */
  readonly file: string;
  /** 0-based document position in the file (items of a List share their List's). */
  readonly document: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The object, without status and server-side metadata. */
  readonly value: Record<string, unknown>;
  /** True when cleaning removed something, or it came out of a List. */
  readonly changed: boolean;
}

export interface SkippedObject {
  readonly file: string;
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

export interface ReadManifests {
  readonly dir: string;
  /** Every YAML file read (relative), the policy file excluded. */
  readonly files: readonly string[];
  readonly routing: readonly UserObject[];
  readonly inferenceOnly: readonly UserObject[];
  readonly skipped: readonly SkippedObject[];
}

const YAML_FILE = /\.ya?ml$/;

/** Every *.yaml / *.yml under dir, sorted, hidden folders and node_modules left out. */
export function yamlFilesUnder(dir: string, exclude: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(d, name);
      if (exclude.includes(p)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (YAML_FILE.test(name) && !(d === dir && name === POLICY_FILE)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const SERVER_FIELDS = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Drops what the API server adds (`kubectl get -o yaml`); reports whether anything went. */
export function cleanObject(o: Record<string, unknown>): { value: Record<string, unknown>; changed: boolean } {
  let changed = false;
  const value = { ...o };
  if ('status' in value) {
    delete value.status;
    changed = true;
  }
  const meta = value.metadata;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    const m = { ...(meta as Record<string, unknown>) };
    for (const f of SERVER_FIELDS) if (f in m) (delete m[f], (changed = true));
    const ann = m.annotations as Record<string, unknown> | undefined;
    if (ann && LAST_APPLIED in ann) {
      const rest = { ...ann };
      delete rest[LAST_APPLIED];
      changed = true;
      if (Object.keys(rest).length > 0) m.annotations = rest;
      else delete m.annotations;
    }
    value.metadata = m;
  }
  return { value, changed };
}

export function readManifests(dir: string, exclude: readonly string[] = []): ReadManifests {
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('ENOTDIR');
    files = yamlFilesUnder(dir, exclude);
  } catch (e) {
    throw new BadInputError([{ file: dir, path: '', message: `cannot read it as a directory of manifests (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }], 'give the directory that holds your YAML manifests');
  }
  const problems: InputProblem[] = [];
  const routing: UserObject[] = [];
  const inferenceOnly: UserObject[] = [];
  const skipped: SkippedObject[] = [];
  for (const abs of files) {
    const file = relative(dir, abs);
    const docs = parseAllDocuments(readFileSync(abs, 'utf8'), { prettyErrors: true });
    (Array.isArray(docs) ? docs : [docs]).forEach((doc, document) => {
      for (const e of doc.errors) problems.push({ file: e.linePos?.[0] ? `${abs}:${e.linePos[0].line}:${e.linePos[0].col}` : abs, path: '', message: e.message.split('\n')[0] ?? e.message });
      if (doc.errors.length > 0) return;
      const raw = doc.toJS() as unknown;
      if (raw === null || raw === undefined) return;
      if (typeof raw !== 'object' || Array.isArray(raw)) {
        skipped.push({ file, kind: '(not an object)', name: '', reason: 'a YAML document that is not a Kubernetes object' });
        return;
      }
      const obj = raw as Record<string, unknown>;
      const kind = typeof obj.kind === 'string' ? obj.kind : '';
      // `kubectl get … -o yaml` wraps objects in a List (kind List or <Kind>List)
      const items = kind.endsWith('List') && Array.isArray(obj.items) ? (obj.items as unknown[]) : [obj];
      for (const item of items) sort(file, document, item as Record<string, unknown>, items.length > 1 || item !== obj);
    });
  }
  if (problems.length > 0) throw new BadInputError(problems, 'fix the YAML syntax; check reads only well-formed documents');
  return { dir, files: files.map((f) => relative(dir, f)), routing, inferenceOnly, skipped };

  function sort(file: string, document: number, o: Record<string, unknown>, fromList: boolean) {
    const kind = typeof o.kind === 'string' ? o.kind : '';
    const meta = (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const name = typeof meta.name === 'string' ? meta.name : '';
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : 'default';
    const { value, changed } = cleanObject(o);
    const obj: UserObject = { file, document, kind, name, namespace, value, changed: changed || fromList };
    if ((ROUTING_KINDS as readonly string[]).includes(kind)) routing.push(obj);
    else if (INFERENCE_KINDS.includes(kind)) inferenceOnly.push(obj);
    else skipped.push({ file, kind: kind || '(no kind)', name, reason: SKIP_REASONS[kind] ?? `region-lab does not use ${kind || 'objects without a kind'}` });
  }
}
