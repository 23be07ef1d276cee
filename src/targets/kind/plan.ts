// The kind target's plan as data: an ordered list of typed steps that both the
// dry-run printer and the executor consume, so what `--dry-run` shows is exactly
// what a real run does. Values known only at run time (node IPs, the run id) are
// $(…) placeholders. Waits read the clusters through the Kubernetes API (kube.ts).
import type { Tool } from './exec.js';

export type Phase = 'tools' | 'image' | 'clusters' | 'middleware' | 'business' | 'links' | 'routes' | 'ready' | 'load' | 'timeline' | 'teardown';

/** A Kubernetes object as applied (plain data, validated in the tests). */
export type KubeDoc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

interface Base {
  readonly phase: Phase;
  /** What the step does, in the user's words. */
  readonly title: string;
  /** Cluster the step acts on (short name), if any. */
  readonly cluster?: string;
}

/** Runs one tool. */
export interface CommandStep extends Base {
  readonly kind: 'command';
  readonly tool: Tool;
  readonly args: readonly string[];
  readonly timeoutMs?: number;
}

/** Creates a kind cluster unless it exists; its deletion goes on the cleanup stack first. */
export interface ClusterStep extends Base {
  readonly kind: 'cluster';
  readonly cluster: string;
  readonly name: string;
  readonly config: string;
}

/** `kubectl apply` of objects (written to stdin), from a checked-in file or built by the target. */
export interface ApplyStep extends Base {
  readonly kind: 'apply';
  readonly cluster: string;
  /** A file path, or "generated: …". */
  readonly source: string;
  readonly docs: readonly KubeDoc[];
}

/** Runs a tool and keeps its output as a placeholder value, e.g. $(node-ip mw-south). */
export interface CaptureStep extends Base {
  readonly kind: 'capture';
  readonly variable: string;
  readonly tool: Tool;
  readonly args: readonly string[];
}

/** A Toxiproxy API call or a readiness probe over HTTP from the host. */
export interface HttpStep extends Base {
  readonly kind: 'http';
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  /** Status codes that count as done besides 2xx (409 "already exists" keeps re-runs idempotent). */
  readonly okStatus?: readonly number[];
  /** Retry until it succeeds or this many ms pass (readiness). */
  readonly retryForMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a wait step waits for, read through the Kubernetes API. */
export type WaitCondition =
  | { readonly what: 'deployments'; readonly namespace: string; /** @default every Deployment */ readonly names?: readonly string[] }
  | { readonly what: 'nodes' }
  | { readonly what: 'pods'; readonly namespace: string; readonly selector: string };

/** Polls the cluster's API until the condition holds (readiness): kubectl wait / rollout status, without kubectl. */
export interface WaitStep extends Base {
  readonly kind: 'wait';
  readonly cluster: string;
  readonly until: WaitCondition;
  readonly timeoutMs: number;
}

/** k6 on the host against a region's entry. */
export interface LoadStep extends Base {
  readonly kind: 'load';
  /** Each entry region's URL on the host, in the load's order. */
  readonly entryUrls: Readonly<Record<string, string>>;
  readonly rate: number;
  readonly durationMs: number;
}

export type ActionStep = CommandStep | HttpStep | WaitStep;

/** One timeline point: a fault applied or healed at `atMs` after the first request. */
export interface FaultStep extends Base {
  readonly kind: 'fault';
  readonly id: string;
  readonly action: 'apply' | 'heal';
  readonly atMs: number;
  readonly description: string;
  readonly steps: readonly ActionStep[];
}

/** Shown by the dry-run; the executor's cleanup stack does the same in reverse order of creation. */
export interface TeardownStep extends Base {
  readonly kind: 'teardown';
  readonly tool: Tool;
  readonly args: readonly string[];
}

export type Step = CommandStep | ClusterStep | ApplyStep | CaptureStep | HttpStep | WaitStep | LoadStep | FaultStep | TeardownStep;

export interface KindPlan {
  readonly scenario: string;
  readonly higress: '2.1' | '2.2';
  readonly clusters: readonly string[];
  /** Host ports the clusters bind on 127.0.0.1 (preflight checks they are free). */
  readonly hostPorts: readonly { readonly name: string; readonly ports: readonly number[] }[];
  readonly keep: boolean;
  /** Every region's entry as the host dials it (a host port of its middleware cluster). */
  readonly entryUrls: Readonly<Record<string, string>>;
  /** Each timeline entry's fault by id: in words, and the steps that apply and heal it. */
  readonly faults: Readonly<Record<string, { readonly description: string; readonly apply: readonly ActionStep[]; readonly heal: readonly ActionStep[] }>>;
  readonly steps: readonly Step[];
}

/** Where the run id goes in a plan (a node label): known only when the run starts. */
export const RUN_ID_VAR = 'run-id';

/** A wait step: the condition, in words, as the dry-run and the log print it. */
export function waitText(u: WaitCondition): string {
  switch (u.what) {
    case 'deployments':
      return u.names ? `Deployment ${u.names.join(', ')} in ${u.namespace} rolled out` : `every Deployment in ${u.namespace} available`;
    case 'nodes':
      return 'every node Ready';
    case 'pods':
      return `pods ${u.selector} in ${u.namespace} Ready`;
  }
}

/** Replaces $(name) placeholders with captured values; an unknown one is left as is. */
export function substitute(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\(([^()]+)\)/g, (whole, name: string) => vars.get(name) ?? whole);
}
