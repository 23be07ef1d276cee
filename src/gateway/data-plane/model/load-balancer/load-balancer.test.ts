// LEAST_REQUEST: P2C over equal weights, weighted EDF when weights differ, the
// panic threshold and the previous_hosts predicate.
import { describe, expect, it } from 'vitest';
import { ClusterManager } from '../upstream/cluster.js';
import { chooseHost, pickP2C } from './load-balancer.js';
import { pickWeightedCluster } from '../router/router.js';

function cluster(weights: number[]) {
  const cm = new ClusterManager((a) => a, () => {});
  cm.apply('c', weights.map((weight, i) => ({ address: `127.0.0.${i + 1}:80`, weight, labels: {} })));
  const c = cm.get('c')!;
  return { c, destroy: () => cm.destroy() };
}

/** A random source that replays values. */
const seq = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('least request', () => {
  it('GIVEN two sampled hosts WHEN one has fewer active requests THEN it is chosen', () => {
    const { c, destroy } = cluster([1, 1]);
    c.endpoints[0]!.activeRequests = 3;
    expect(pickP2C(c.endpoints, seq(0.1, 0.9))).toBe(c.endpoints[1]);
    expect(pickP2C(c.endpoints, seq(0.9, 0.1))).toBe(c.endpoints[1]);
    destroy();
  });

  it('GIVEN equal active requests WHEN sampled THEN the first sample wins the tie', () => {
    const { c, destroy } = cluster([1, 1]);
    expect(pickP2C(c.endpoints, seq(0.9, 0.1))).toBe(c.endpoints[1]);
    destroy();
  });

  it('GIVEN weights 3:1 and no load WHEN 400 picks THEN shares follow the weights exactly (EDF)', () => {
    const { c, destroy } = cluster([3, 1]);
    const counts = [0, 0];
    for (let i = 0; i < 400; i++) counts[c.endpoints.indexOf(chooseHost(c, Math.random)!)]!++;
    expect(counts[0]).toBeGreaterThanOrEqual(298);
    expect(counts[0]).toBeLessThanOrEqual(302);
    destroy();
  });

  it('GIVEN an empty cluster WHEN choosing THEN no host (no healthy upstream)', () => {
    const { c, destroy } = cluster([]);
    expect(chooseHost(c, Math.random)).toBeUndefined();
    destroy();
  });

  it('GIVEN 1 of 3 hosts healthy (below the 50% panic threshold) WHEN choosing THEN unhealthy hosts are used too', () => {
    const { c, destroy } = cluster([1, 1, 1]);
    c.endpoints[1]!.health = 'unhealthy';
    c.endpoints[2]!.health = 'unhealthy';
    const seen = new Set<unknown>();
    for (let i = 0; i < 200; i++) seen.add(chooseHost(c, Math.random));
    expect(seen.size).toBe(3);
    destroy();
  });

  it('GIVEN host A already tried WHEN the retry picks THEN previous_hosts re-picks until B', () => {
    const { c, destroy } = cluster([1, 1]);
    const [a, b] = c.endpoints;
    // first two picks sample A twice; the re-pick samples B
    expect(chooseHost(c, seq(0.1, 0.1, 0.9, 0.9), { attempted: [a!], maxSelectionRetries: 5 })).toBe(b);
    destroy();
  });

  it('GIVEN every re-pick lands on the tried host WHEN 5 selection retries are spent THEN the tried host is used', () => {
    const { c, destroy } = cluster([1, 1]);
    const [a] = c.endpoints;
    expect(chooseHost(c, seq(0.1), { attempted: [a!], maxSelectionRetries: 5 })).toBe(a);
    destroy();
  });
});

describe('weighted cluster choice', () => {
  it('GIVEN 80/20 WHEN the random value falls in each band THEN the band owner is picked', () => {
    const cs = [{ host: 's', weight: 80 }, { host: 'n', weight: 20 }];
    expect(pickWeightedCluster(cs, 100, () => 0.79)?.host).toBe('s');
    expect(pickWeightedCluster(cs, 100, () => 0.8)?.host).toBe('n');
  });
});
