// Discovery driven by a push source (the gRPC wiring, without a server): endpoints
// change only when a push arrives, the empty push is dropped (stale endpoints), a
// service leaving the list is unsubscribed, a lost connection is one registry-error.
// The real protocol is tested against Nacos in test/integration/nacos-grpc.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/data-plane/model/gateway-config.js';
import { memoryEventLog } from '../../src/gateway/events.js';
import { startGateway } from '../../src/gateway/data-plane/model/gateway.js';
import { loadManifests } from '../../src/gateway/translation/manifests.js';
import { profileFor } from '../../src/gateway/profiles.js';
import type { RegistrySpec } from '../../src/gateway/translation/mcpbridge.js';
import { MemoryRegistry, type RegistryInstance, type RegistrySource } from '../../src/gateway/discovery/registry-source.js';
import { until } from '../support/gateway-kit.js';

const HOST = 'user-service.DEFAULT-GROUP.public.nacos';
const YAML = `apiVersion: networking.higress.io/v1
kind: McpBridge
metadata: { name: default, namespace: higress-system }
spec:
  registries:
    - { name: local-nacos, type: nacos2, domain: nacos.local, port: 8848, nacosNamespaceId: public, nacosGroups: [DEFAULT_GROUP] }`;

/** A MemoryRegistry that pushes: listInstances is never read when subscribe exists. */
class PushRegistry extends MemoryRegistry implements RegistrySource {
  readonly listeners = new Map<string, (i: RegistryInstance[]) => void>();
  statusListener: ((registry: string, error?: string) => void) | undefined;
  reads = 0;
  unsubscribed: string[] = [];
  override async listInstances(r: RegistrySpec, service: string, group: string): Promise<RegistryInstance[]> {
    this.reads++;
    return super.listInstances(r, service, group);
  }
  async subscribe(r: RegistrySpec, service: string, group: string, onPush: (i: RegistryInstance[]) => void): Promise<() => void> {
    this.listeners.set(service, onPush);
    onPush(await super.listInstances(r, service, group));
    return () => void this.unsubscribed.push(service);
  }
  onStatus(l: (registry: string, error?: string) => void): void {
    this.statusListener = l;
  }
  push(service: string, instances: { ip: string; port: number }[]): void {
    this.listeners.get(service)?.(instances.map((i) => ({ weight: 1, healthy: true, enabled: true, metadata: {}, ...i })));
  }
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

async function gateway(registry: PushRegistry) {
  const events = memoryEventLog();
  const config = parseGatewayConfig({
    name: 'gw-push', region: 'south', higress: '2.1', discovery: { protocol: 'grpc' },
    listen: { host: '127.0.31.21', port: 0 }, admin: { host: '127.0.31.21', port: 0 }, health: { host: '127.0.31.21', port: 0 },
    manifests: ['inline.yaml'], eventsFile: '/dev/null',
  });
  const gw = await startGateway(config, { source: registry, events, manifests: loadManifests([{ file: 'inline.yaml', text: YAML }], profileFor('2.1')), refreshIntervalMs: 50 });
  stops.push(() => gw.stop());
  return { gw, events: events.events, endpoints: () => gw.clusters.get(HOST)?.endpoints.map((e) => e.address) };
}

describe('discovery from a push source', () => {
  it('GIVEN the gateway config WHEN discovery is not set THEN the protocol is http (the polling model stays the default)', () => {
    const base = { name: 'g', region: 's', higress: '2.1', listen: { host: '127.0.31.21', port: 0 }, admin: { host: '127.0.31.21', port: 0 }, health: { host: '127.0.31.21', port: 0 }, manifests: ['m'], eventsFile: 'e' };
    expect(parseGatewayConfig(base).discovery.protocol).toBe('http');
    expect(() => parseGatewayConfig({ ...base, discovery: { protocol: 'udp' } })).toThrow();
  });

  it('GIVEN a subscribed service WHEN instances are pushed THEN the endpoints follow the pushes and instances are never polled', async () => {
    const registry = new PushRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [{ ip: '127.0.0.1', port: 1001 }]);
    const { endpoints } = await gateway(registry);
    expect(endpoints()).toEqual(['127.0.0.1:1001']);
    registry.push('user-service', [{ ip: '127.0.0.1', port: 1001 }, { ip: '127.0.0.1', port: 1002 }]);
    expect(endpoints()).toEqual(['127.0.0.1:1001', '127.0.0.1:1002']);
    // the registry's own list changes, but without a push nothing moves
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [{ ip: '127.0.0.1', port: 1003 }]);
    await new Promise((r) => setTimeout(r, 150));
    expect(endpoints()).toEqual(['127.0.0.1:1001', '127.0.0.1:1002']);
    expect(registry.reads).toBe(0);
  });

  it('GIVEN endpoints WHEN an empty push arrives THEN it is dropped (nacos-sdk-go updateCacheWhenEmpty=false): endpoints stay, one endpoints-stale', async () => {
    const registry = new PushRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [{ ip: '127.0.0.1', port: 1001 }]);
    const { endpoints, events } = await gateway(registry);
    registry.push('user-service', []);
    registry.push('user-service', []);
    expect(endpoints()).toEqual(['127.0.0.1:1001']);
    expect(events.filter((e) => e.kind === 'endpoints-stale')).toHaveLength(1);
  });

  it('GIVEN a subscribed service WHEN it leaves the service list THEN it is unsubscribed and later pushes are ignored', async () => {
    const registry = new PushRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [{ ip: '127.0.0.1', port: 1001 }]);
    const { endpoints } = await gateway(registry);
    registry.delete('local-nacos', 'DEFAULT_GROUP', 'user-service');
    await until(() => registry.unsubscribed.length > 0, 1000);
    expect(registry.unsubscribed).toEqual(['user-service']);
    registry.push('user-service', [{ ip: '127.0.0.1', port: 1009 }]);
    expect(endpoints()).toEqual(['127.0.0.1:1001']);
  });

  it('GIVEN a push source WHEN its connection is lost and back THEN one registry-error, then registry-recovered', async () => {
    const registry = new PushRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [{ ip: '127.0.0.1', port: 1001 }]);
    const { events } = await gateway(registry);
    registry.statusListener?.('local-nacos', 'gRPC connection lost');
    registry.statusListener?.('local-nacos', 'gRPC connection lost');
    registry.statusListener?.('local-nacos');
    expect(events.filter((e) => e.kind.startsWith('registry-')).map((e) => e.kind)).toEqual(['registry-error', 'registry-recovered']);
  });
});
