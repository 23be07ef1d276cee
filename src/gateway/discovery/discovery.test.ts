// Push → endpoints: instance weight per profile, labels, and what reports show.
import { describe, expect, it } from 'vitest';
import { endpointsFromInstances } from './discovery.js';
import { describeProfile, profileFor } from '../profiles.js';
import type { GatewayEvent } from '../events.js';
import type { EndpointSink, EndpointSpec } from '../xds/endpoint-spec.js';

const inst = (weight: number) => ({ ip: '127.0.0.1', port: 1, weight, healthy: false, enabled: true, metadata: { region: 'south' } });

describe('endpoints from a Nacos push', () => {
  it('GIVEN weights 2.6, 0, -1, 0.4 WHEN on 2.2 THEN round, ≤0 → 1, and 0 after rounding → 1', () => {
    expect(endpointsFromInstances([inst(2.6), inst(0), inst(-1), inst(0.4)], profileFor('2.2')).map((e) => e.weight)).toEqual([3, 1, 1, 1]);
  });
  it('GIVEN any weights WHEN on 2.1 THEN every endpoint weighs 1 (before #3342)', () => {
    expect(endpointsFromInstances([inst(5), inst(0.5)], profileFor('2.1')).map((e) => e.weight)).toEqual([1, 1]);
  });
  it('GIVEN an unhealthy instance WHEN pushed THEN it is still an endpoint, metadata as labels', () => {
    expect(endpointsFromInstances([inst(1)], profileFor('2.1'))).toEqual([{ address: '127.0.0.1:1', weight: 1, labels: { region: 'south' } }]);
  });
});

describe('profile description', () => {
  it('GIVEN the 2.2 profile WHEN described THEN it names the Nacos HTTPRoute 500 and the retry without 503', () => {
    const d = describeProfile(profileFor('2.2'));
    expect(d.behaviours['HTTPRoute → Nacos backend']).toContain('500');
    expect(d.behaviours['default retry']).not.toContain('503');
    expect(describeProfile(profileFor('2.1')).behaviours['default retry']).toContain('503');
  });
});

describe('several registries serving one service name (RUNBOOK §3.2 方式一 with shared names)', () => {
  it('GIVEN south and north registries both listing user-service WHEN each pushes THEN one host holds only the last push, and host-shared is said once', async () => {
    const { Discovery } = await import('./discovery.js');
    const { toRegistrySpec } = await import('../translation/mcpbridge.js');
    const events: GatewayEvent[] = [];
    const registry = (name: string) => toRegistrySpec({ name, type: 'nacos2', domain: `${name}.example.com`, port: 8848, nacosNamespaceId: 'public', nacosGroups: ['DEFAULT_GROUP'] });
    const ip = { 'nacos-south': '127.0.1.101', 'nacos-north': '127.0.2.101' } as Record<string, string>;
    const pushes: Record<string, (i: ReturnType<typeof inst>[]) => void> = {};
    // the ServiceEntry store: one endpoint list per host, replaced by each apply
    const store = new Map<string, readonly EndpointSpec[]>();
    const clusters: EndpointSink = { apply: (h, e) => void store.set(h, e), remove: (h) => void store.delete(h), count: (h) => store.get(h)?.length };
    const d = new Discovery({
      registries: [registry('nacos-south'), registry('nacos-north')],
      clusters,
      profile: profileFor('2.1'),
      emit: (e) => void events.push(e),
      pushPollMs: 1000,
      refreshIntervalMs: 60_000,
      source: {
        listServices: async () => ['user-service'],
        listInstances: async () => [],
        subscribe: async (r, _s, _g, onPush) => {
          pushes[r.name] = onPush;
          onPush([{ ...inst(1), ip: ip[r.name]!, port: 19001 }]);
          return () => undefined;
        },
      },
    });
    await d.start();
    const host = 'user-service.DEFAULT-GROUP.public.nacos';
    const shared = events.filter((e) => e.kind === 'host-shared');
    expect(shared).toEqual([expect.objectContaining({ cluster: host, registries: ['nacos-south', 'nacos-north'] })]);
    // whichever subscribed last pushed last: its instances only, no merge
    expect(store.get(host)!.map((e) => e.address)).toEqual(['127.0.2.101:19001']);
    pushes['nacos-south']!([{ ...inst(1), ip: '127.0.1.102', port: 19001 }]);
    expect(store.get(host)!.map((e) => e.address)).toEqual(['127.0.1.102:19001']);
    expect(events.filter((e) => e.kind === 'host-shared')).toHaveLength(1);
    d.stop();
  });
});
