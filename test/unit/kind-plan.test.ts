// The kind plan as the dry-run prints it (every cluster, chart, manifest, image,
// fault and teardown step, without Docker), the link plan, and the fault table.
import { describe, expect, it } from 'vitest';
import { loadRunInputs } from '../../src/scenario/load-inputs.js';
import { kindDryRun } from '../../src/targets/kind/index.js';
import { planFault, type KindFault } from '../../src/targets/kind/faults.js';
import { planKindLinks } from '../../src/targets/kind/links.js';
import { businessManifests } from '../../src/targets/kind/manifests-business.js';
import { renderCommand, renderHttp } from '../../src/targets/kind/render.js';
import { waitText, type ActionStep } from '../../src/targets/kind/plan.js';

const inputs = loadRunInputs('scenarios/region-outage.yaml');
const links = planKindLinks(inputs.topology);
const ctx = { links, regions: inputs.topology.regions, toxiproxyApi: (c: string) => `http://127.0.0.1:${c === 'mw-south' ? 18475 : 18476}` };
const text = (steps: ActionStep[]) => steps.map((s) => (s.kind === 'command' ? renderCommand(s.tool, s.args) : s.kind === 'http' ? renderHttp(s) : `wait ${waitText(s.until)}`)).join('\n');

describe('kind --dry-run', () => {
  const out = kindDryRun('scenarios/region-outage.yaml', '0.1.0');

  it('GIVEN region-outage THEN the plan names every cluster, the chart, the manifests, the image, the faults and the teardown', () => {
    for (const c of ['mw-south', 'mw-north', 'biz-south', 'biz-north']) {
      expect(out).toContain(`kind create cluster --name region-lab-${c} --config clusters/kind/${c}.yaml`);
      expect(out).toContain(`kind delete cluster --name region-lab-${c}`);
    }
    expect(out).toContain('helm upgrade --install higress higress.io/higress --version 2.1.9');
    expect(out).toContain('-f clusters/kind/values/higress-2.1.yaml');
    expect(out).toContain('gateway-api/releases/download/v1.4.0/standard-install.yaml');
    expect(out).toContain('docker build -f docker/business.Dockerfile -t region-lab/business:0.1.0 .');
    expect(out).toContain('kind load docker-image region-lab/business:0.1.0 --name region-lab-biz-south');
    expect(out).toContain('clusters/kind/manifests/nacos.yaml');
    expect(out).toContain('clusters/routes/proximity-route.yaml: HTTPRoute default/proximity-route');
    expect(out).toContain('t=50s apply south-down');
    expect(out).toContain('docker kill --signal KILL region-lab-biz-south-control-plane');
    expect(out).toContain('t=110s heal south-down');
    // the teardown is last, newest cluster first
    expect(out.lastIndexOf('delete cluster --name region-lab-mw-south')).toBeGreaterThan(out.lastIndexOf('delete cluster --name region-lab-biz-north'));
  });

  it('GIVEN region labels and gatewayPodLabels THEN each middleware cluster\'s chart gets its own region\'s pod labels, and each instance registers the region\'s metadata', () => {
    const tiers = kindDryRun('scenarios/tiered-locality-failover.yaml', '0.1.0');
    expect(tiers).toMatch(/\[mw-central\] helm upgrade .* --set-string higress-core\.gateway\.podLabels\.region=central --set-string higress-core\.gateway\.podLabels\.area=south-area/);
    expect(tiers).toMatch(/\[mw-north\] helm upgrade .* --set-string higress-core\.gateway\.podLabels\.area=north-area/);
  });

  it('GIVEN --keep THEN no teardown step is planned and the plan says how to remove the clusters', () => {
    const kept = kindDryRun('scenarios/region-outage.yaml', '0.1.0', true);
    expect(kept).not.toContain('kind delete cluster');
    expect(kept).toContain('region-lab down --target kind');
  });
});

describe('kind links', () => {
  it('GIVEN the topology THEN every local link exists on kind, hosted by a middleware cluster with a unique listener', () => {
    expect(links.every((l) => l.host.startsWith('mw-'))).toBe(true);
    for (const host of ['mw-south', 'mw-north']) {
      const ports = links.filter((l) => l.host === host).flatMap((l) => l.proxies.map((p) => p.listenPort));
      expect(new Set(ports).size).toBe(ports.length);
    }
    const data = links.find((l) => l.name === 'mw-south_to_biz-north_127.0.2.102_19001')!;
    expect(data.steer).toEqual({ kind: 'dnat', destination: '$(node-ip biz-north)', port: 19002 });
    expect(data.latencyMs).toBe(40);
    const discovery = links.find((l) => l.name === 'mw-south_to_nacos-south')!;
    expect(discovery.proxies.map((p) => p.servicePort)).toEqual([8848, 9848]);
  });

  it('GIVEN a registration link THEN its gRPC twin listens 1000 ports higher (a client dials port + 1000) and reaches Nacos\'s gRPC port', () => {
    const http = links.find((l) => l.name === 'biz-north_to_nacos-north')!.proxies[0]!;
    const grpc = links.find((l) => l.name === 'biz-north_to_nacos-north_grpc')!.proxies[0]!;
    expect(grpc.listenPort).toBe(http.listenPort + 1000);
    expect(http.upstream).toMatch(/:8848$/);
    expect(grpc.upstream).toMatch(/:9848$/);
  });

  it('GIVEN the topology\'s registration mode THEN every business instance is configured with it and dials the HTTP link (gRPC = its port + 1000)', () => {
    const north = inputs.topology.regions.find((r) => r.name === 'north')!;
    const http = links.find((l) => l.name === 'biz-north_to_nacos-north')!.proxies[0]!;
    for (const mode of ['grpc', 'http-v1'] as const) {
      const maps = businessManifests(north, links, 'img', mode).filter((d) => d.kind === 'ConfigMap');
      expect(maps.length).toBeGreaterThan(0);
      for (const m of maps) {
        const cfg = JSON.parse((m as unknown as { data: Record<string, string> }).data['config.json']!) as { registration: string; nacos: { address: string } };
        expect(cfg.registration).toBe(mode);
        expect(cfg.nacos.address.endsWith(`:${http.listenPort}`)).toBe(true);
      }
    }
  });
});

describe('kind fault table', () => {
  const cases: [KindFault, string[], string[]][] = [
    [{ kind: 'cluster-outage', cluster: 'biz-south', mode: 'hard' }, ['{"enabled":false}', 'docker kill --signal KILL region-lab-biz-south-control-plane'], ['docker start region-lab-biz-south-control-plane', 'wait every node Ready', 'wait every Deployment in region-lab available', '{"enabled":true}']],
    [{ kind: 'cluster-outage', cluster: 'biz-north', mode: 'black-hole' }, ['"type":"timeout"', 'docker pause region-lab-biz-north-control-plane'], ['docker unpause', 'DELETE http://127.0.0.1:18475/proxies/mw-south_to_biz-north_127.0.2.101_19001/toxics/fault-black-hole-upstream']],
    [{ kind: 'link-latency', links: { from: 'mw-south', to: 'biz-north' }, latencyMs: 100, jitterMs: 10 }, ['POST http://127.0.0.1:18475/proxies/mw-south_to_biz-north_127.0.2.101_19001/toxics {"name":"fault-latency-upstream","type":"latency","stream":"upstream","toxicity":1,"attributes":{"latency":50,"jitter":5}}'], ['DELETE http://127.0.0.1:18475/proxies/mw-south_to_biz-north_127.0.2.101_19001/toxics/fault-latency-downstream']],
    [{ kind: 'partition', links: { role: 'discovery', from: 'mw-north' }, mode: 'hard-down', direction: 'both' }, ['POST http://127.0.0.1:18476/proxies/mw-north_to_nacos-north_grpc {"enabled":false}'], ['{"enabled":true}']],
    [{ kind: 'partition', links: { role: 'registration' }, mode: 'black-hole', direction: 'upstream' }, ['"name":"fault-black-hole-upstream","type":"timeout"'], ['toxics/fault-black-hole-upstream']],
    [{ kind: 'nacos-outage', region: 'north', mode: 'kill' }, ['scale deployment/nacos --replicas=0'], ['scale deployment/nacos --replicas=1', 'wait Deployment nacos in higress-system rolled out']],
    [{ kind: 'gateway-crash', region: 'south', instance: 1 }, ['delete pod -l app=higress-gateway --grace-period=0 --force'], ['wait Deployment higress-gateway in higress-system rolled out']],
    [{ kind: 'scale-to-zero', cluster: 'biz-south', namespace: 'region-lab', deployment: 'user-service-south-1', replicas: 1 }, ['scale deployment/user-service-south-1 --replicas=0'], ['--replicas=1']],
    [{ kind: 'pod-kill', cluster: 'biz-north', namespace: 'region-lab', selector: 'app.kubernetes.io/name=user-service' }, ['delete pod -l app.kubernetes.io/name=user-service'], ['wait pods app.kubernetes.io/name=user-service in region-lab Ready']],
    [{ kind: 'region-outage', region: 'south' }, ['docker stop region-lab-mw-south-control-plane', 'docker stop region-lab-biz-south-control-plane'], ['docker start region-lab-mw-south-control-plane']],
    [
      { kind: 'instance-kill', cluster: 'biz-north', service: 'user-service-north', instance: 2, mode: 'hard' },
      ['POST http://127.0.0.1:18475/proxies/mw-south_to_biz-north_127.0.2.102_19001 {"enabled":false}', "docker exec region-lab-biz-north-control-plane pkill -STOP -f '/tmp/user-service-north-2-config\\.json$'", 'scale deployment/user-service-north-2 --replicas=0'],
      ['scale deployment/user-service-north-2 --replicas=1', 'rollout status deployment/user-service-north-2', 'proxies/mw-north_to_biz-north_127.0.2.102_19001 {"enabled":true}'],
    ],
    [{ kind: 'instance-kill', cluster: 'biz-south', service: 'user-service-south', instance: 1, mode: 'hang' }, ["pkill -STOP -f '/tmp/user-service-south-1-config\\.json$'"], ["pkill -CONT -f '/tmp/user-service-south-1-config\\.json$'"]],
    [{ kind: 'instance-errors', cluster: 'biz-south', service: 'user-service-south', status: 503, rate: 0.5 }, ['exec deployment/user-service-south-1 -- node -e', ':29001/fail', 'POST'], ['DELETE']],
  ];
  it.each(cases)('GIVEN %j THEN apply and heal are the expected commands', (f, apply, heal) => {
    const p = planFault(f, ctx);
    for (const a of apply) expect(text(p.apply)).toContain(a);
    for (const h of heal) expect(text(p.heal)).toContain(h);
  });

  it('GIVEN a link selector that matches nothing THEN it says so', () => {
    expect(() => planFault({ kind: 'link-latency', links: { from: 'mw-east' }, latencyMs: 1, jitterMs: 0 }, ctx)).toThrow(/no kind link matches/);
  });
});
