// Public face of src/verdict: measurements from the requests, and the verdict.
export { judge, type JudgeProps } from './judge.js';
export { proximityRatio } from './proximity.js';
export { errorRate } from './error-rate.js';
export { shareOf, sentMatches, answeredMatches, type ShareCounts } from './share.js';
export type { MirrorCounts } from './mirror-copies.js';
export { measureFailover, type FailoverProps } from './failover.js';
export { measureFailback, type FailbackProps } from './failback.js';
export { countRequests, sumOfOutcomes } from './requests.js';
export { latencyByPath, timeSeries, percentile, percentiles, pathOf } from './latency.js';
export { countIn, windowsBetween, settleTime, type Counts, type Window, type Settled } from './windows.js';
export type { ExpectationResult, FaultTimes, Judgement, PathLatency, Percentiles, RequestCounts, SecondPoint } from './types.js';
