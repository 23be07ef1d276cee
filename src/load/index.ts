// Public face of src/load: run k6 and read what it measured.
export { k6Invocation, k6LoadConfig, defaultScriptPath, type K6Invocation, type K6InvocationProps, type K6LoadConfig, type K6Variation } from './invocation.js';
export { readRequests, firstRequestStart, earliestStart, recordFromPoint } from './read-requests.js';
export { classify, servedApp, parseSent, OUTCOMES, K6_REQUEST_TIMEOUT, type Outcome, type RequestRecord, type RequestLog } from './request-record.js';
