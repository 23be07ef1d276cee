// Pins fault validation against the topology and link selection: a fault that names
// something the topology lacks is refused before anything starts, with what is valid.
import { describe, expect, it } from 'vitest';
import { checkFault } from '../../src/chaos/check.js';
import { describeFault, faultSchema, isBlackHole } from '../../src/chaos/fault.js';
import { loadYamlFile } from '../../src/core/input.js';
import { planLinks, selectLinks } from '../../src/topology/links.js';
import { topologySchema } from '../../src/topology/schema.js';

const topo = loadYamlFile('clusters/two-region.yaml', topologySchema);
const fault = (raw: unknown) => faultSchema.parse(raw);

describe('checkFault', () => {
  it.each([
    [{ kind: 'cluster-outage', cluster: 'biz-east' }, 'cluster', /no cluster biz-east; known: biz-south, biz-north/],
    [{ kind: 'gateway-crash', region: 'south', instance: 3 }, 'instance', /south has 2 gateway instances; use 1–2/],
    [{ kind: 'nacos-outage', region: 'west' }, 'region', /no region "west"/],
    [{ kind: 'instance-errors', cluster: 'biz-south', service: 'order-service', rate: 0.5 }, 'service', /no service order-service in biz-south; known: user-service-south/],
    [{ kind: 'partition', links: { from: 'mw-south', to: 'biz-mars' }, mode: 'black-hole' }, 'links', /matches no link/],
    [{ kind: 'instance-kill', cluster: 'biz-south', service: 'user-service' }, 'service', /no service user-service in biz-south; known: user-service-south/],
    [{ kind: 'instance-kill', cluster: 'biz-south', service: 'user-service-south', instance: 3 }, 'instance', /user-service-south has 2 instances in biz-south; use 1–2/],
  ])('GIVEN %j THEN it is refused at %s', (raw, path, message) => {
    const problems = checkFault(fault(raw), topo);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });

  it('GIVEN a sync cut on a multi-registry topology THEN it says there is no sync to cut', () => {
    const multi = { ...topo, discovery: { ...topo.discovery, mode: 'multi-registry' as const } };
    expect(checkFault(fault({ kind: 'sync-cut' }), multi)[0]!.message).toMatch(/no registry sync to cut/);
  });

  it('GIVEN valid faults THEN there is no problem', () => {
    for (const raw of [
      { kind: 'cluster-outage', cluster: 'biz-north', mode: 'black-hole' },
      { kind: 'link-latency', links: { from: 'mw-south', to: 'biz-north' }, latencyMs: 80 },
      { kind: 'sync-cut' },
      { kind: 'overload', cluster: 'biz-south', latencyMs: 200, maxConcurrent: 4 },
      { kind: 'instance-kill', cluster: 'biz-south', service: 'user-service-south', instance: 2, mode: 'hang' },
    ]) expect(checkFault(fault(raw), topo)).toEqual([]);
  });
});

describe('instance-kill', () => {
  it('GIVEN only cluster and service THEN it kills instance 1 hard, and says so', () => {
    const f = fault({ kind: 'instance-kill', cluster: 'biz-south', service: 'user-service-south' });
    expect(f).toMatchObject({ instance: 1, mode: 'hard' });
    expect(describeFault(f)).toBe('user-service-south instance 1 in biz-south killed (SIGKILL, no deregistration)');
    expect(describeFault(fault({ kind: 'instance-kill', cluster: 'biz-south', service: 'user-service-south', mode: 'hang' }))).toMatch(/hung \(frozen/);
  });
  it('GIVEN a mode that is neither hard nor hang THEN the schema refuses it', () => {
    expect(faultSchema.safeParse({ kind: 'instance-kill', cluster: 'biz-south', service: 's', mode: 'soft' }).success).toBe(false);
  });
});

describe('isBlackHole', () => {
  it('GIVEN black-hole partitions and cluster outages THEN they go to the kernel; hard-down, hard outages and instance kills do not', () => {
    expect(isBlackHole(fault({ kind: 'partition', links: { role: 'data' }, mode: 'black-hole' }))).toBe(true);
    expect(isBlackHole(fault({ kind: 'cluster-outage', cluster: 'biz-south', mode: 'black-hole' }))).toBe(true);
    expect(isBlackHole(fault({ kind: 'partition', links: { role: 'data' }, mode: 'hard-down' }))).toBe(false);
    expect(isBlackHole(fault({ kind: 'cluster-outage', cluster: 'biz-south' }))).toBe(false);
    expect(isBlackHole(fault({ kind: 'instance-kill', cluster: 'biz-south', service: 'user-service-south', mode: 'hang' }))).toBe(false);
  });
});

describe('selectLinks', () => {
  const links = planLinks(topo);
  it('GIVEN from mw-south to biz-north THEN it picks the data links to every north instance, fallback included', () => {
    const picked = selectLinks(links, { from: 'mw-south', to: 'biz-north' });
    expect(picked.map((l) => l.upstream).sort()).toEqual(['127.0.2.101:19001', '127.0.2.102:19001', '127.0.2.109:19001']);
    expect(picked.every((l) => l.role === 'data')).toBe(true);
  });
  it('GIVEN role registration THEN it picks one link per region, each with its gRPC twin', () => {
    expect(selectLinks(links, { role: 'registration' }).map((l) => l.name).sort()).toEqual(['biz-north_to_nacos-north', 'biz-north_to_nacos-north_grpc', 'biz-south_to_nacos-south', 'biz-south_to_nacos-south_grpc']);
  });
});

describe('describeFault', () => {
  it('GIVEN each kind THEN it reads as a sentence fragment', () => {
    expect(describeFault(fault({ kind: 'partition', links: { role: 'sync' }, mode: 'hard-down' }))).toBe('hard-down partition (both) on sync links');
    expect(describeFault(fault({ kind: 'instance-errors', cluster: 'biz-south', rate: 0.25, status: 502 }))).toBe('every service in biz-south answers 502 to 25% of requests');
  });
});
