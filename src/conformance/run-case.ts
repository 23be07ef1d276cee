// Runs one case on one Higress profile: starts its echo backends, registers its
// Nacos instances, starts a gateway from its manifests, sends its requests, judges
// each entry, and tears everything down (last started, first stopped) however it ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CleanupStack } from '../core/cleanup.js';
import { BadInputError, XdsRejectedError, RegionLabError } from '../core/errors.js';
import { backendKind, backendName, instancesOf } from './backends.js';
import { prepareCertificates, type CaseCertificates } from './case-certificates.js';
import type { StartCaseGateway } from './case-gateway.js';
import { deadAddress, Recorder, startEcho } from './echo-backend.js';
import { judgeEntry, type Observation } from './judge.js';
import { outcomeOf } from './known-failures.js';
import type { LoadedCase } from './load.js';
import { registerInNacos, type NacosInstanceToRegister } from './nacos-registrations.js';
import { requestName } from './case-rules.js';
import type { DataPlane, HigressVersion, RequestEntry } from './schema.js';
import { clientAgent, sendRequest } from './send.js';
import type { CaseRun, RequestResult } from './types.js';

/** The suite's loopback addresses (its range is 127.0.80.0/24–127.0.89.0/24). */
export const SUITE_HOSTS = { gateway: '127.0.80.1', services: '127.0.81.1', nacosInstances: '127.0.82.1' } as const;

export interface CaseContext {
  readonly dataPlane: DataPlane;
  readonly startGateway: StartCaseGateway;
  /** host:port of the suite's Nacos; required by cases with Nacos backends. */
  readonly nacos?: string;
  /** Parent folder for the case's work dir. */
  readonly stateDir: string;
}

let seq = 0;
const nextId = () => `c${process.pid}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

function sentText(entry: RequestEntry): string {
  const r = entry.request;
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`);
  return `${r.tls ? `TLS${r.tls.sni ? ` (SNI ${r.tls.sni})` : ' (no SNI)'} ` : ''}${r.method} ${r.host ?? ''}${r.path}${headers.length > 0 ? ` [${headers.join('; ')}]` : ''}${r.from ? ` from ${r.from}` : ''}${r.count > 1 ? ` ×${r.count}` : ''}`;
}

async function observe(url: string, entry: RequestEntry, recorder: Recorder, certs: CaseCertificates): Promise<Observation[]> {
  const agent = clientAgent(certs.clientTls(entry.request));
  const replies = [];
  try {
    for (let i = 0; i < entry.request.count; i++) {
      const r = entry.request;
      replies.push(await sendRequest({ url, method: r.method, path: r.path, headers: r.headers, timeoutMs: r.timeoutMs, id: nextId(), agent, ...(r.host ? { host: r.host } : {}), ...(r.from ? { from: r.from } : {}) }));
    }
  } finally {
    agent.destroy();
  }
  // a mirror copy is fire-and-forget: give it a moment to arrive
  const mirror = entry.expect.mirror?.backend;
  for (let waited = 0; mirror && waited < 2000; waited += 20) {
    if (replies.every((r) => recorder.forId(r.id).some((x) => x.backend === mirror))) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  return replies.map((reply) => ({ reply, received: recorder.forId(reply.id) }));
}

export async function runCase(loaded: LoadedCase, higress: HigressVersion, ctx: CaseContext): Promise<CaseRun> {
  const c = loaded.case;
  const started = performance.now();
  const cleanup = new CleanupStack();
  const workDir = mkdtempSync(join(ctx.stateDir, `${c.name}-${higress}-`));
  cleanup.push('work dir', () => rmSync(workDir, { recursive: true, force: true }));
  const recorder = new Recorder();
  let notes: string[] = [];
  let error: string | undefined;
  const entries = c.requests.map((entry, i) => ({ entry, name: requestName(c, i) })).filter(({ entry }) => (entry.higress ?? c.higress).includes(higress));
  const results: RequestResult[] = [];
  try {
    const services: Record<string, string[]> = {};
    const toRegister: NacosInstanceToRegister[] = [];
    for (const b of c.backends) {
      for (const inst of instancesOf(b)) {
        const kind = backendKind(b);
        let address: string;
        if (inst.dead) address = await deadAddress(kind === 'nacos' ? SUITE_HOSTS.nacosInstances : SUITE_HOSTS.services);
        else {
          const [host, port] = 'address' in b ? b.address.split(':') : [kind === 'nacos' ? SUITE_HOSTS.nacosInstances : SUITE_HOSTS.services, '0'];
          const echo = await startEcho({ backend: backendName(b), instance: inst.name, host: host!, port: Number(port), status: b.status, delayMs: b.delayMs, recorder });
          cleanup.push(`echo ${inst.name}`, () => echo.stop());
          address = echo.address;
        }
        if ('service' in b) (services[`${b.service}.${b.namespace}:${b.port}`] ??= []).push(address);
        if ('nacos' in b) toRegister.push({ service: b.nacos, group: b.group, namespace: b.namespace, address, metadata: inst.metadata, ...(inst.weight === undefined ? {} : { weight: inst.weight }) });
      }
    }
    if (toRegister.length > 0) {
      if (!ctx.nacos) throw new RegionLabError('INTERNAL', `case ${c.name} has Nacos backends but the suite started no Nacos`);
      const regs = await registerInNacos(ctx.nacos, SUITE_HOSTS.gateway, toRegister);
      cleanup.push('nacos registrations', () => regs.close());
    }
    const certs = prepareCertificates(c, workDir);
    const https = entries.some(({ entry }) => entry.request.tls);
    let gw: Awaited<ReturnType<StartCaseGateway>> | undefined;
    try {
      gw = await ctx.startGateway({ higress, dataPlane: ctx.dataPlane, file: loaded.file, manifests: [...c.manifests, ...certs.secrets], services, podLabels: c.gateway.podLabels, listenHost: SUITE_HOSTS.gateway, https, workDir });
      const started = gw;
      cleanup.push('gateway', () => started.stop());
      notes = gw.notes();
    } catch (e) {
      // the translation or the data plane refused the case's objects: a result of the case, not bad input to the runner
      if (e instanceof BadInputError) error = `the ${ctx.dataPlane} data plane refused the manifests: ${e.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`;
      else if (e instanceof XdsRejectedError) error = `Envoy rejected the config the translation wrote: ${e.message}`;
      else throw e;
    }
    for (const { entry, name } of entries) {
      const url = entry.request.tls ? gw?.httpsUrl : gw?.url;
      const verdict = url ? judgeEntry(entry, await observe(url, entry, recorder, certs)) : { expected: judgeEntry(entry, []).expected, got: gw ? 'the data plane opened no HTTPS port' : 'gateway not started', problems: [error ?? 'the data plane opened no HTTPS listener'] };
      results.push({ request: name, sent: sentText(entry), expected: verdict.expected, got: verdict.got, problems: verdict.problems, outcome: 'pass' });
    }
  } finally {
    const failures = await cleanup.runAll();
    if (failures.length > 0) notes.push(...failures.map((f) => `teardown of ${f.name} failed: ${String(f.error)}`));
  }
  return { case: c.name, file: loaded.file, higress, durationMs: Math.round(performance.now() - started), results: outcomeOf(c, ctx.dataPlane, higress, results), notes, ...(error ? { error } : {}) };
}
