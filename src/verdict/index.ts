// Public face of src/verdict: measurements from the requests, and the verdict.
export { judge, type JudgeProps } from './judge.js';
export { proximityRatio } from './proximity.js';
export { errorRate } from './error-rate.js';
export { shareOf, sentMatches, answeredMatches, type ShareCounts } from './share.js';
export type { MirrorCounts } from './mirror-copies.js';
export { measureFailover, type FailoverProps, type FailoverMeasure } from './failover.js';
export { measureFailback, type FailbackProps, type FailbackMeasure } from './failback.js';
export { failoverMinRequests, failbackMinRequests, lastBadInBadWindow, firstSettledIndex } from './settle.js';
export type { SwitchTime } from './switch-time.js';
export { countRequests, sumOfOutcomes } from './requests.js';
export { latencyByPath, timeSeries, percentile, percentiles, pathOf } from './latency.js';
export { countIn, type Counts } from './windows.js';
export type { ExpectationResult, FaultTimes, Judgement, PathLatency, Percentiles, RequestCounts, SecondPoint } from './types.js';
