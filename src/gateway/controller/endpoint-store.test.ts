// The ServiceEntry store's events: every endpoint that comes or goes, once, by host.
import { describe, expect, it } from 'vitest';
import type { GatewayEvent } from '../events.js';
import { EndpointStore } from './endpoint-store.js';

const ep = (address: string) => ({ address, weight: 1, labels: { region: 'south' } });

describe('EndpointStore events', () => {
  it('GIVEN two endpoints WHEN one is replaced and then the host removed THEN added, removed and added again, each once', () => {
    const events: GatewayEvent[] = [];
    const changed: string[] = [];
    const s = new EndpointStore((h) => void changed.push(h), (e) => void events.push(e));
    s.apply('svc.nacos', [ep('10.0.0.1:80'), ep('10.0.0.2:80')]);
    s.apply('svc.nacos', [ep('10.0.0.2:80'), ep('10.0.0.3:80')]);
    s.apply('svc.nacos', [ep('10.0.0.2:80'), ep('10.0.0.3:80')]);
    s.remove('svc.nacos');
    s.remove('svc.nacos');
    expect(events.map((e) => `${e.kind} ${(e as { address: string }).address}`)).toEqual([
      'endpoint-added 10.0.0.1:80',
      'endpoint-added 10.0.0.2:80',
      'endpoint-removed 10.0.0.1:80',
      'endpoint-added 10.0.0.3:80',
      'endpoint-removed 10.0.0.2:80',
      'endpoint-removed 10.0.0.3:80',
    ]);
    expect(events[0]).toEqual({ kind: 'endpoint-added', cluster: 'svc.nacos', address: '10.0.0.1:80', weight: 1, labels: { region: 'south' } });
    expect(changed).toHaveLength(4);
    expect(s.count('svc.nacos')).toBeUndefined();
  });
});
