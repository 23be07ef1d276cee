// The catalogue of generated scenario kinds, in the order the suite runs them; the
// helpers that build their timelines and expectations are in scenario-kinds.ts.
import { accounting, errorRate, failback, failover, instanceKillFault, others, outageTimes, proximity, s, type KindInput, type KindScenario, type KindSpec } from './scenario-kinds.js';

const hasLocal = (i: KindInput) => i.localName !== undefined;

function outage(mode: 'hard' | 'black-hole'): KindSpec {
  return {
    id: mode === 'hard' ? 'outage-hard' : 'outage-black-hole',
    perService: true,
    applies: hasLocal,
    build(i): KindScenario {
      const t = outageTimes(i, 25);
      const how = mode === 'hard' ? 'goes down hard (processes killed, connections refused)' : 'goes silent (a black hole: connections hang)';
      return {
        description: `Load into ${i.entry} for ${i.app}; after ${t.at} s the whole ${i.entry} business cluster ${how} for ${t.until - t.at} s, then recovers.`,
        claim: `When the ${i.entry} business cluster is lost, requests entering ${i.entry} fail over to ${others(i).join(', ')} within ${s(i.inf.policy.failoverMs.value)} and come back within ${s(i.inf.policy.failbackMs.value)} of its recovery`,
        durationS: t.end,
        timeline: [{ id: `${i.entry}-down`, at: `${t.at}s`, until: `${t.until}s`, fault: { kind: 'cluster-outage', cluster: `biz-${i.entry}`, mode } }],
        expectations: [proximity(i, 'proximity-before', 5, t.at), failover(i, `${i.entry}-down`), failback(i, `${i.entry}-down`), accounting()],
      };
    },
  };
}

export const KINDS: readonly KindSpec[] = [
  {
    id: 'steady',
    perService: true,
    applies: hasLocal,
    build: (i) => ({
      description: `Steady load into ${i.entry} for ${i.app}, nothing broken.`,
      claim: `Requests entering ${i.entry} are served in ${i.entry} (proximity), without errors`,
      durationS: 45,
      timeline: [],
      expectations: [proximity(i, 'proximity', 5, 45), errorRate(i, 'no-errors', 0, 45), accounting()],
    }),
  },
  outage('hard'),
  outage('black-hole'),
  {
    id: 'instance-kill',
    perService: true,
    applies: hasLocal,
    build(i) {
      const at = 20;
      const until = at + Math.max(30, Math.ceil(i.inf.policy.failoverMs.value / 1000) + 10);
      const fault = instanceKillFault(i, i.localName!);
      return {
        description: `Load into ${i.entry} for ${i.app}; one ${i.localName} instance in ${i.entry} is killed (SIGKILL, no deregistration) from ${at} s and restarted at ${until} s.`,
        claim: `Losing one instance of ${i.app} in ${i.entry} costs at most the error budget once ${s(i.inf.policy.failoverMs.value)} have passed`,
        durationS: until + 20,
        timeline: [{ id: 'instance-down', at: `${at}s`, until: `${until}s`, fault }],
        expectations: [failover(i, 'instance-down'), errorRate(i, 'errors-after', until + 5, until + 20), accounting()],
      };
    },
  },
  {
    id: 'partition',
    perService: true,
    applies: hasLocal,
    build(i) {
      const t = outageTimes(i, 25);
      const cut = (from: string, to: string) => ({ kind: 'partition', links: { from, to }, mode: 'black-hole', direction: 'both' });
      return {
        description: `Load into ${i.entry} for ${i.app}; the ${i.entry} middleware and business clusters cannot reach each other (black hole, both ways: requests and registrations) from ${t.at} s to ${t.until} s.`,
        claim: `When the ${i.entry} middleware loses its business cluster, requests fail over to ${others(i).join(', ')} within ${s(i.inf.policy.failoverMs.value)}`,
        durationS: t.end,
        timeline: [
          { id: 'mw-biz-cut', at: `${t.at}s`, until: `${t.until}s`, fault: cut(`mw-${i.entry}`, `biz-${i.entry}`) },
          { id: 'biz-mw-cut', at: `${t.at}s`, until: `${t.until}s`, fault: cut(`biz-${i.entry}`, `mw-${i.entry}`) },
        ],
        expectations: [failover(i, 'mw-biz-cut'), errorRate(i, 'errors-after', t.until + 15, t.end), accounting()],
      };
    },
  },
  {
    id: 'cross-region-latency',
    perService: false,
    applies: hasLocal,
    build(i) {
      const added = 200;
      const p99 = i.inf.policy.localP99Ms;
      return {
        description: `Load into ${i.entry} for ${i.app}; from 15 s to 50 s every link from the ${i.entry} middleware to another region's business cluster is ${added} ms slower.`,
        claim: `Slow cross-region links do not slow the requests ${i.entry} serves locally, and cost no errors`,
        durationS: 60,
        timeline: others(i).map((o) => ({ id: `slow-to-${o}`, at: '15s', until: '50s', fault: { kind: 'link-latency', links: { from: `mw-${i.entry}`, to: `biz-${o}` }, latencyMs: added, jitterMs: 20 } })),
        expectations: [
          { id: 'local-p99', kind: 'latency', entry: i.entry, served: i.entry, percentile: 'p99', window: { from: '15s', to: '50s' }, expected: { max: p99.value }, source: p99.source },
          errorRate(i, 'no-errors', 0, 60),
          accounting(),
        ],
      };
    },
  },
  {
    id: 'registry-down',
    perService: false,
    applies: hasLocal,
    build: (i) => ({
      description: `Load into ${i.entry} for ${i.app}; the ${i.entry} Nacos dies at 20 s and restarts empty at 60 s (its instances re-register).`,
      claim: `A registry outage in ${i.entry} does not take routing down: gateways keep what they know, and proximity is back once instances re-register`,
      durationS: 100,
      timeline: [{ id: 'nacos-down', at: '20s', until: '60s', fault: { kind: 'nacos-outage', region: i.entry, mode: 'kill' } }],
      expectations: [errorRate(i, 'no-errors', 0, 100), proximity(i, 'proximity-after', 80, 100), accounting()],
    }),
  },
  {
    id: 'sync-cut',
    perService: false,
    applies: (i) => hasLocal(i) && i.inf.discovery.mode === 'synced' && i.inf.regions.length > 1 && i.inf.registries.length > 0,
    build: (i) => ({
      description: `Load into ${i.entry} for ${i.app}; the registry sync between the regions is cut from 20 s to 60 s.`,
      claim: `Cutting the registry sync changes nothing for requests entering ${i.entry}: no errors, proximity kept`,
      durationS: 80,
      timeline: [{ id: 'sync-cut', at: '20s', until: '60s', fault: { kind: 'sync-cut' } }],
      expectations: [errorRate(i, 'no-errors', 0, 80), proximity(i, 'proximity-during', 20, 60), accounting()],
    }),
  },
  {
    id: 'gateway-loss',
    perService: false,
    applies: hasLocal,
    build(i) {
      const after = 20 + Math.ceil(i.inf.policy.gatewayFailoverMs.value / 1000) + 5;
      // the instance stays down to the end: a restart's first seconds are another question, and
      // a request straddling the restart would be counted against the failover
      return {
        description: `Load into ${i.entry} for ${i.app}; gateway instance 1 of ${i.entry} crashes at 20 s and stays down.`,
        claim: `Losing a gateway instance in ${i.entry}: the load balancer takes it out within ${s(i.inf.policy.gatewayFailoverMs.value)} and traffic goes to the others`,
        durationS: Math.max(60, after + 30),
        timeline: [{ id: 'gateway-down', at: '20s', fault: { kind: 'gateway-crash', region: i.entry, instance: 1 } }],
        expectations: [failover(i, 'gateway-down', i.inf.policy.gatewayFailoverMs.value, i.inf.policy.gatewayFailoverMs.source), errorRate(i, 'errors-after', after, Math.max(60, after + 30)), accounting()],
      };
    },
  },
];
