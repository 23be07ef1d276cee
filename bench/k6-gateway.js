// k6 script for bench/gateway-bench.mjs: one target URL, either a fixed arrival
// rate (MODE=rate, RATE per second) or closed-loop saturation (MODE=max, VUS).
import http from 'k6/http';

const mode = __ENV.MODE || 'rate';
const duration = __ENV.DURATION || '10s';

export const options =
  mode === 'rate'
    ? { scenarios: { s: { executor: 'constant-arrival-rate', rate: Number(__ENV.RATE || 1000), timeUnit: '1s', duration, preAllocatedVUs: 50, maxVUs: 400 } }, summaryTrendStats: ['med', 'p(50)', 'p(99)', 'avg'] }
    : { scenarios: { s: { executor: 'constant-vus', vus: Number(__ENV.VUS || 64), duration } }, summaryTrendStats: ['med', 'p(50)', 'p(99)', 'avg'] };

const params = { headers: { Host: 'bench.example.com' } };

export default function () {
  http.get(__ENV.URL, params);
}
