// Pins how Envoy's files map to region-lab's gateway events, on lines as Envoy 1.36.4
// wrote them here: EJECT/UNEJECT, health-check eject/add, and access-log records
// (retries per extra attempt, RL counted per second, fallback by host metadata).
import { describe, expect, it } from 'vitest';
import { parseAccessLog } from './access-log.js';
import { accessLogEvents, healthCheckEvents, outlierEvents } from './events.js';

const OUTLIER = [
  '{"type":"CONSECUTIVE_5XX","timestamp":"2026-12-03T08:13:40.702Z","cluster_name":"c","upstream_url":"127.0.60.12:8080","action":"EJECT","num_ejections":1,"enforced":true,"eject_consecutive_event":{}}',
  '{"type":"CONSECUTIVE_5XX","timestamp":"2026-12-03T08:13:42.127Z","secs_since_last_action":"1","cluster_name":"c","upstream_url":"127.0.60.12:8080","action":"UNEJECT","num_ejections":1,"enforced":false}',
  '{"type":"CONSECUTIVE_GATEWAY_FAILURE","timestamp":"2026-12-03T08:13:43.000Z","cluster_name":"c","upstream_url":"127.0.60.13:8080","action":"EJECT","num_ejections":1,"enforced":false}',
  '{"type":"CONSECUTIVE_GATEWAY_FAILURE","timestamp":"2026-12-03T08:13:44.000Z","cluster_name":"c","upstream_url":"127.0.60.13:8080","action":"EJECT","num_ejections":2,"enforced":true}',
  '{"type":"CONSECUTIVE_5XX","timesta',
].join('\n');

const host = (ip: string) => `"host":{"socket_address":{"protocol":"TCP","address":"${ip}","port_value":8080,"resolver_name":"","ipv4_compat":false}}`;
const HC = [
  `{"health_checker_type":"HTTP",${host('127.0.60.11')},"cluster_name":"h","add_healthy_event":{"first_check":true},"timestamp":"2026-12-03T08:13:18.916Z"}`,
  `{"health_checker_type":"HTTP",${host('127.0.60.11')},"cluster_name":"h","timestamp":"2026-12-03T08:13:19.416Z","health_check_failure_event":{"failure_type":"ACTIVE","first_check":false}}`,
  `{"health_checker_type":"HTTP",${host('127.0.60.11')},"cluster_name":"h","timestamp":"2026-12-03T08:13:19.417Z","eject_unhealthy_event":{"failure_type":"ACTIVE"}}`,
].join('\n');

const rec = (o: Record<string, unknown>) =>
  JSON.stringify({ start_time: '1796285599.211', method: 'GET', path: '/', authority: 'a', status: 200, response_flags: '-', response_code_details: 'via_upstream', upstream_host: '127.0.60.11:8080', upstream_cluster: 'c', attempts: 1, duration_ms: 1, route_name: 'r', request_id: 'x', served_by: '127.0.60.11:8080', ...o });

describe('outlierEvents', () => {
  it('GIVEN EJECT and UNEJECT lines WHEN mapped THEN enforced ejections are host-ejected, UNEJECT host-returned, a torn line skipped', () => {
    expect(outlierEvents(OUTLIER)).toEqual([
      { t: Date.parse('2026-12-03T08:13:40.702Z'), kind: 'host-ejected', cluster: 'c', host: '127.0.60.12:8080', by: 'outlier-detection', reason: 'consecutive 5xx', ejections: 1 },
      { t: Date.parse('2026-12-03T08:13:42.127Z'), kind: 'host-returned', cluster: 'c', host: '127.0.60.12:8080', by: 'outlier-detection' },
      { t: Date.parse('2026-12-03T08:13:44.000Z'), kind: 'host-ejected', cluster: 'c', host: '127.0.60.13:8080', by: 'outlier-detection', reason: 'consecutive gateway errors', ejections: 2 },
    ]);
  });
});

describe('healthCheckEvents', () => {
  it('GIVEN add_healthy, a failure and eject_unhealthy WHEN mapped THEN host-returned then host-ejected (a failure alone is no event)', () => {
    expect(healthCheckEvents(HC).map((e) => [e.kind, 'reason' in e ? e.reason : ''])).toEqual([
      ['host-returned', ''],
      ['host-ejected', 'health check failed (active)'],
    ]);
  });
});

describe('accessLogEvents', () => {
  const log = [
    rec({ attempts: 3, response_flags: 'URX,UF', status: 503, upstream_host: '127.0.60.13:8080' }),
    rec({ status: 429, response_flags: 'RL', upstream_host: '-', upstream_cluster: '-' }),
    rec({ start_time: '1796285599.900', status: 429, response_flags: 'RL' }),
    rec({ start_time: '1796285600.100', status: 429, response_flags: 'RL' }),
    rec({ upstream_cluster: 'agg', fallback_for: 'c', fallback_cluster: 'fallback-c' }),
    rec({ upstream_cluster: 'agg', fallback_for: null, fallback_cluster: null }),
    'not json',
  ].join('\n');

  it('GIVEN access log records WHEN parsed THEN "-" becomes empty and start_time epoch ms', () => {
    const r = parseAccessLog(log);
    expect(r).toHaveLength(6);
    expect(r[0]!.start_time).toBe(1796285599211);
    expect(r[1]!.upstream_host).toBe('');
  });

  it('GIVEN 3 attempts, three RL answers over two seconds and a fallback WHEN mapped THEN 2 retries, RL per second, a fallback-served', () => {
    const es = accessLogEvents(parseAccessLog(log));
    expect(es.filter((e) => e.kind === 'retry').map((e) => (e.kind === 'retry' ? e.retry : 0))).toEqual([1, 2]);
    expect(es.filter((e) => e.kind === 'rate-limited').map((e) => ('count' in e ? e.count : 0))).toEqual([2, 1]);
    expect(es.filter((e) => e.kind === 'response-flag').map((e) => (e.kind === 'response-flag' ? `${e.flag}×${e.count}` : ''))).toEqual(['URX×1', 'UF×1', 'RL×2', 'RL×1']);
    expect(es.filter((e) => e.kind === 'fallback-served')).toHaveLength(1);
    expect(es.find((e) => e.kind === 'fallback-served')).toMatchObject({ route: 'r', cluster: 'c', fallback: 'fallback-c', reason: 'no-healthy-host', count: 1 });
  });
});
