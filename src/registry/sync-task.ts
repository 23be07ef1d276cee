// One NacosSync task emulated: every service of a group copied from a source Nacos
// to a destination Nacos, unidirectionally. NacosSync itself is on no registry this
// project can reach, so this follows its documented algorithm (shared/facts/nacos.md
// §5, NacosSyncToNacosServiceImpl): full sync, then a re-sync per change; copies are
// tagged with its metadata keys; instances that are themselves copies are skipped
// (no loops); copies the source no longer has are deregistered; copies are kept
// alive by the syncer's own beats.
import { beat, deregisterInstance, listInstances, listServices, registerInstance, type NacosInstance, type NacosTarget, type Registration } from './nacos-http.js';

export const SYNC_TAG = 'sync.instance.tag';
export const SOURCE_CLUSTER = 'sourceClusterId';
export const DEST_CLUSTER = 'destClusterId';
export const SYNC_SOURCE = 'syncSource';

export interface SyncEndpoint {
  /** Cluster id NacosSync knows the registry by, e.g. nacos-south. */
  readonly clusterId: string;
  readonly target: NacosTarget;
}

export interface SyncEvent {
  readonly kind: 'sync-registered' | 'sync-deregistered' | 'sync-error';
  readonly service: string;
  readonly detail: string;
}

/** True for an instance another syncer (or this one) registered: never copied again. */
export function isCopy(i: NacosInstance): boolean {
  return Boolean(i.metadata[SYNC_TAG]) || Boolean(i.metadata[SOURCE_CLUSTER]);
}

export function copyOf(i: NacosInstance, service: string, group: string, source: string, dest: string, taskVersion: string): Registration {
  return {
    serviceName: service,
    groupName: group,
    ip: i.ip,
    port: i.port,
    weight: i.weight,
    clusterName: i.clusterName,
    metadata: { ...i.metadata, [DEST_CLUSTER]: dest, [SYNC_SOURCE]: 'NACOS', [SOURCE_CLUSTER]: source, [SYNC_TAG]: `${source}@@${taskVersion}` },
  };
}

const key = (r: { ip: string; port: number; clusterName?: string }) => `${r.ip}|${r.port}|${r.clusterName ?? 'DEFAULT'}`;

export class SyncTask {
  /** Copies this task keeps alive, by service then instance key. */
  private readonly copies = new Map<string, Map<string, Registration>>();
  private readonly taskVersion = String(Date.now());

  constructor(
    private readonly source: SyncEndpoint,
    private readonly dest: SyncEndpoint,
    private readonly group: string,
    private readonly emit: (e: SyncEvent) => void,
  ) {}

  /** One pass over every source service: NacosSync's doSync for each. */
  async syncAll(): Promise<void> {
    let services: string[];
    try {
      services = await listServices(this.source.target, this.group);
    } catch (e) {
      this.emit({ kind: 'sync-error', service: '*', detail: `source ${this.source.clusterId}: ${(e as Error).message}` });
      return; // the source is unreachable: NacosSync keeps what it registered (and beats it)
    }
    for (const s of services) await this.syncService(s);
  }

  async syncService(service: string): Promise<void> {
    let wanted: Map<string, Registration>;
    try {
      const instances = (await listInstances(this.source.target, service, this.group)).filter((i) => !isCopy(i));
      wanted = new Map(instances.map((i) => [key(i), copyOf(i, service, this.group, this.source.clusterId, this.dest.clusterId, this.taskVersion)]));
    } catch (e) {
      this.emit({ kind: 'sync-error', service, detail: `source ${this.source.clusterId}: ${(e as Error).message}` });
      return;
    }
    const have = this.copies.get(service) ?? new Map<string, Registration>();
    this.copies.set(service, have);
    for (const [k, r] of wanted) {
      if (have.has(k)) continue;
      try {
        await registerInstance(this.dest.target, r);
        have.set(k, r);
        this.emit({ kind: 'sync-registered', service, detail: `${r.ip}:${r.port} ${this.source.clusterId} → ${this.dest.clusterId}` });
      } catch (e) {
        this.emit({ kind: 'sync-error', service, detail: `register in ${this.dest.clusterId}: ${(e as Error).message}` });
      }
    }
    for (const [k, r] of have) {
      if (wanted.has(k)) continue;
      try {
        await deregisterInstance(this.dest.target, r);
        have.delete(k);
        this.emit({ kind: 'sync-deregistered', service, detail: `${r.ip}:${r.port} gone from ${this.source.clusterId}` });
      } catch (e) {
        this.emit({ kind: 'sync-error', service, detail: `deregister in ${this.dest.clusterId}: ${(e as Error).message}` });
      }
    }
  }

  /** The syncer's client beats every copy it registered, whatever the source says. */
  async beatAll(): Promise<void> {
    const all = [...this.copies.values()].flatMap((m) => [...m.values()]);
    await Promise.allSettled(all.map((r) => beat(this.dest.target, r)));
  }

  /** Deleting a task deregisters its copies. */
  async removeCopies(): Promise<void> {
    const all = [...this.copies.values()].flatMap((m) => [...m.values()]);
    await Promise.allSettled(all.map((r) => deregisterInstance(this.dest.target, r)));
    this.copies.clear();
  }
}
