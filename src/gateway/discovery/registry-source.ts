// Where discovery reads a registry from: Nacos over HTTP v1 (the default; instance
// reads stand in for the push), Nacos over gRPC with subscription pushes (as Higress's
// nacos-sdk-go does; grpc-registry-source.ts), or an in-memory registry for tests.
import { listInstances, listServices } from '../../registry/nacos-http.js';
import type { RegistrySpec } from '../translation/mcpbridge.js';

/** What a Nacos subscribe push carries per instance. */
export interface RegistryInstance {
  readonly ip: string;
  readonly port: number;
  readonly weight: number;
  readonly healthy: boolean;
  readonly enabled: boolean;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface RegistrySource {
  /** GetAllServicesInfo for one group (every page). */
  listServices(registry: RegistrySpec, group: string): Promise<string[]>;
  /** The instance list a push would carry for one service. */
  listInstances(registry: RegistrySpec, service: string, group: string): Promise<RegistryInstance[]>;
  /**
   * Push sources only: subscribe, call onPush with the current list and then with every
   * push (stale pushes already dropped); resolves with the unsubscribe. Discovery polls
   * listInstances when a source has no subscribe.
   */
  subscribe?(registry: RegistrySpec, service: string, group: string, onPush: (instances: RegistryInstance[]) => void): Promise<() => void>;
  /** Push sources only: the registry connection was lost (error set) or is back. */
  onStatus?(listener: (registry: string, error?: string) => void): void;
  /** Releases connections (push sources hold one per registry). */
  close?(): void;
}

/** Nacos HTTP v1 (`/nacos/v1/ns/...`) through the `resolve` map (a Toxiproxy link). */
export function httpRegistrySource(dialFor: (address: string) => string, timeoutMs = 3000): RegistrySource {
  return {
    // GetAllServicesInfo passes NameSpace = nacosNamespace (defaults to the id)
    listServices: (r, group) => listServices({ address: dialFor(r.address), namespaceId: r.namespace, timeoutMs }, group),
    // the naming client itself is bound to nacosNamespaceId
    listInstances: (r, service, group) => listInstances({ address: dialFor(r.address), namespaceId: r.namespaceId, timeoutMs }, service, group),
  };
}

/** A registry held in memory: tests set services and instances, or make it fail. */
export class MemoryRegistry implements RegistrySource {
  /** key `${registry}/${group}/${service}` */
  private readonly services = new Map<string, RegistryInstance[]>();
  /** Registries that answer with an error (an unreachable Nacos). */
  readonly down = new Set<string>();

  set(registry: string, group: string, service: string, instances: readonly (Partial<RegistryInstance> & { ip: string; port: number })[]): void {
    this.services.set(
      `${registry}/${group}/${service}`,
      instances.map((i) => ({ weight: 1, healthy: true, enabled: true, metadata: {}, ...i })),
    );
  }

  /** Deletes the service from the list (Nacos's empty-service cleaner). */
  delete(registry: string, group: string, service: string): void {
    this.services.delete(`${registry}/${group}/${service}`);
  }

  async listServices(r: RegistrySpec, group: string): Promise<string[]> {
    if (this.down.has(r.name)) throw new Error(`registry ${r.name} unreachable`);
    const prefix = `${r.name}/${group}/`;
    return [...this.services.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  async listInstances(r: RegistrySpec, service: string, group: string): Promise<RegistryInstance[]> {
    if (this.down.has(r.name)) throw new Error(`registry ${r.name} unreachable`);
    return this.services.get(`${r.name}/${group}/${service}`) ?? [];
  }
}
