// Runs the plan's steps: the bring-up (everything before the load) in order, and a
// fault's actions when the timeline says. Every cluster goes on the cleanup stack
// before `kind create` runs, so a failure or Ctrl-C at any later step deletes it;
// clusters that already existed are reused (a second `up` recreates nothing).
import { stringify } from 'yaml';
import type { CleanupStack } from '../../core/cleanup.js';
import { InterruptedError, ProvisioningError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { waitFor, type Clock } from '../../core/ready.js';
import type { ToolRunner } from './exec.js';
import { waitUntil, type KubeAccessProps } from './kube.js';
import { RUN_ID_VAR, substitute, waitText, type ActionStep, type ApplyStep, type HttpStep, type KindPlan, type Step, type WaitStep } from './plan.js';
import { applyArgs, renderCommand, renderHttp } from './render.js';

/** Sends one HTTP request; resolves to the status code (tests stand in a fake). */
export type HttpCaller = (req: { method: string; url: string; body?: unknown; headers?: Readonly<Record<string, string>> }) => Promise<number>;

export const fetchCaller: HttpCaller = async (req) => {
  const res = await fetch(req.url, {
    method: req.method,
    headers: { ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
    ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
};

export interface ExecuteProps {
  readonly run: ToolRunner;
  readonly log: Logger;
  readonly cleanup: CleanupStack;
  /** Clusters that existed before this run are left up when true. @default false */
  readonly keep?: boolean;
  /** @default fetch */
  readonly http?: HttpCaller;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** Fills $(run-id) (the node label). @default "none" */
  readonly runId?: string;
  /** Where the waits read the clusters (client-node). @default the user's kubeconfig */
  readonly kube?: KubeAccessProps;
}

export class KindExecutor {
  /** $(…) values captured so far (node IPs). */
  readonly vars = new Map<string, string>();
  private existing: Set<string> | undefined;

  constructor(private readonly p: ExecuteProps) {
    this.vars.set(RUN_ID_VAR, p.runId ?? 'none');
  }

  /** Every step before the load, in order. */
  async up(plan: KindPlan): Promise<void> {
    let phase = '';
    for (const s of plan.steps) {
      if (s.phase === 'load' || s.phase === 'timeline' || s.phase === 'teardown') break;
      if (this.p.signal?.aborted) throw new InterruptedError('SIGINT');
      if (s.phase !== phase) this.p.log({ kind: 'step', message: `kind: ${(phase = s.phase)}` });
      await this.step(s);
    }
  }

  /** A fault's apply or heal actions, in order. */
  async actions(steps: readonly ActionStep[]): Promise<void> {
    for (const s of steps) await this.step(s);
  }

  private async step(s: Step): Promise<void> {
    const sub = (t: string) => substitute(t, this.vars);
    switch (s.kind) {
      case 'command':
        this.info(s.title, renderCommand(s.tool, s.args.map(sub)));
        await this.p.run(s.tool, this.resolved(s.args.map(sub)), { ...(s.timeoutMs ? { timeoutMs: s.timeoutMs } : {}), ...this.sig() });
        return;
      case 'capture':
        this.vars.set(s.variable, await this.p.run(s.tool, s.args, this.sig()));
        this.info(s.title, `$(${s.variable}) = ${this.vars.get(s.variable)}`);
        return;
      case 'cluster':
        return this.cluster(s.name, s.config);
      case 'apply':
        return this.apply(s);
      case 'http':
        return this.http(s);
      case 'wait':
        return this.wait(s);
      default:
        throw new ProvisioningError(`a ${s.kind} step cannot run during bring-up`);
    }
  }

  private async cluster(name: string, config: string): Promise<void> {
    this.existing ??= new Set((await this.p.run('kind', ['get', 'clusters'], this.sig())).split('\n').map((l) => l.trim()).filter(Boolean));
    const teardown = () => this.p.run('kind', ['delete', 'cluster', '--name', name]).then(() => undefined);
    if (this.existing.has(name)) {
      this.info(`${name} exists`, 'reused, not recreated');
      if (!this.p.keep) this.p.cleanup.push(`kind cluster ${name}`, teardown);
      return;
    }
    // pushed before create: a create that fails half-way leaves a cluster too
    this.p.cleanup.push(`kind cluster ${name}`, teardown);
    this.info(`create ${name}`, renderCommand('kind', ['create', 'cluster', '--name', name, '--config', config]));
    await this.p.run('kind', ['create', 'cluster', '--name', name, '--config', config, '--wait', '120s'], { timeoutMs: 10 * 60_000, ...this.sig() });
    this.existing.add(name);
  }

  private async apply(s: ApplyStep): Promise<void> {
    const text = this.resolved([substitute(s.docs.map((d) => stringify(d)).join('---\n'), this.vars)])[0]!;
    this.info(s.title, `kubectl apply < ${s.source} (${s.docs.length} objects)`);
    await this.p.run('kubectl', applyArgs(s), { input: text, ...this.sig() });
  }

  private async http(s: HttpStep): Promise<void> {
    const call = this.p.http ?? fetchCaller;
    this.info(s.title, renderHttp(s));
    const once = async () => {
      const status = await call({ method: s.method, url: s.url, ...(s.body === undefined ? {} : { body: s.body }), ...(s.headers ? { headers: s.headers } : {}) });
      if ((status >= 200 && status < 300) || s.okStatus?.includes(status)) return true;
      throw new Error(`${s.method} ${s.url} answered ${status}`);
    };
    if (!s.retryForMs) {
      await once().catch((e: Error) => {
        throw new ProvisioningError(`${s.title}: ${e.message}`, { cause: e });
      });
      return;
    }
    await waitFor(once, { what: s.title, timeoutMs: s.retryForMs, intervalMs: 2000, ...(this.p.clock ? { clock: this.p.clock } : {}) });
  }

  private async wait(s: WaitStep): Promise<void> {
    this.info(s.title, `${waitText(s.until)} (Kubernetes API)`);
    await waitUntil(s.cluster, s.until, s.timeoutMs, { ...this.p.kube, clock: this.p.clock, signal: this.p.signal });
  }

  /** A placeholder left unresolved means its capture never ran: a bug in the plan, not the user's input. */
  private resolved(texts: string[]): string[] {
    for (const t of texts) {
      const m = /\$\((node-ip [^()]+|run-id)\)/.exec(t);
      if (m) throw new ProvisioningError(`$(${m[1]}) is not known yet: the plan uses it before its capture step`);
    }
    return texts;
  }

  private sig() {
    return this.p.signal ? { signal: this.p.signal } : {};
  }

  private info(title: string, detail: string): void {
    this.p.log({ kind: 'info', message: `${title}: ${detail}` });
  }
}
