// rate-limit-rpm-over-rps and rate-limit-per-instance: what Higress's local rate limit
// annotations mean in practice (rpm wins, per gateway instance, a full bucket at start).
import type { Hit, Rule } from '../types.js';
import { gatewayReplicas } from './helm-set.js';
import { annotations, isIngress, type Annotation } from './manifest-parts.js';

const limits = (all: Annotation[]) => ({
  rpm: all.find((a) => a.prefix === 'higress' && a.name === 'route-limit-rpm'),
  rps: all.find((a) => a.prefix === 'higress' && a.name === 'route-limit-rps'),
  burst: all.find((a) => a.prefix === 'higress' && a.name === 'route-limit-burst-multiplier'),
});

export const rateLimitRpmOverRps: Rule = {
  id: 'rate-limit-rpm-over-rps',
  severity: 'warning',
  title: 'route-limit-rpm and route-limit-rps together: rpm wins',
  explanation:
    'Higress reads route-limit-rpm first and ignores route-limit-rps when both are set, so the limit is per minute ' +
    '(refilled once a minute), not per second.',
  source: 'higress pkg/ingress/kube/annotations/local_rate_limit.go Parse; facts B6',
  fix: 'Set only the one you mean (route-limit-rps for a per-second limit).',
  checkManifest(m) {
    if (!isIngress(m)) return [];
    const { rpm, rps } = limits(annotations(m));
    if (!rpm || !rps) return [];
    const perSecond = Number(rpm.value) / 60;
    return [{ path: rps.path, message: `${rps.key}: ${rps.value} is ignored because ${rpm.key}: ${rpm.value} wins: the limit is ${rpm.value} per minute (≈${perSecond.toFixed(1)}/s on average), refilled once a minute` }];
  },
};

export const rateLimitPerInstance: Rule = {
  id: 'rate-limit-per-instance',
  severity: 'info',
  title: 'What the local rate limit figures mean across gateway instances',
  explanation:
    'Higress\'s route-limit-* is Envoy\'s local rate limit: a token bucket per route in every gateway instance, so N ' +
    'replicas admit N × the figure. The bucket holds rate × burst-multiplier (default 5) tokens and starts full, so ' +
    'the first burst is five times the rate; over-limit requests get 429 with x-local-rate-limit: true.',
  source: 'higress pkg/ingress/kube/annotations/local_rate_limit.go; higress.cn docs user/annotation.md ("在每个网关实例上"); envoy token_bucket.proto; facts B6',
  fix: 'Divide the intended cluster-wide limit by the gateway replica count, or use the cluster-key-rate-limit plugin (Redis) for a global limit.',
  checkManifest(m, ctx) {
    if (!isIngress(m)) return [];
    const { rpm, rps, burst } = limits(annotations(m));
    const effective = rpm ?? rps;
    if (!effective) return [];
    const unit = rpm ? 'minute' : 'second';
    const rate = Number(effective.value);
    const mult = burst ? Number(burst.value) : 5;
    const { replicas, from } = gatewayReplicas(ctx.shells);
    const hit: Hit = {
      path: effective.path,
      message: `${rate} per ${unit} per gateway instance, bucket ${rate * mult} (×${mult}) full at start; with ${replicas} instances (${from}) the route admits ${rate * replicas} per ${unit}, first burst ${rate * mult * replicas}`,
    };
    return [hit];
  },
};
