// Public face of src/load: run k6 and read what it measured.
export { k6Invocation, k6LoadConfig, defaultScriptPath, type K6Invocation, type K6InvocationProps, type K6LoadConfig, type K6Variation } from './invocation.js';
export { readRequests, firstRequestStart, earliestStart, rawRequestsFile, readK6Counts, requestsFileHeader, readCalibration, K6_SUMMARY_FILE, CALIBRATION_DIR } from './read-requests.js';
export { recordFromPoint, LEGACY_POINTS_FILE } from './legacy-points.js';
export { COMPACT_FILE, COMPACT_COLUMNS, recordFromLine, lineOf } from './compact-format.js';
export { classify, servedApp, parseSent, OUTCOMES, K6_REQUEST_TIMEOUT, type Outcome, type RequestRecord, type RequestLog } from './request-record.js';
