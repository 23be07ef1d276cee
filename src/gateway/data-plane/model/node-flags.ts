// V8 flags every gateway process runs with, in a scenario and in the bench alike.
// A proxy allocates a few short-lived objects per request (headers, closures); a larger
// young generation means fewer scavenges between requests. The gateway bench measured
// added p50 1.73× nginx's with it and 1.98× without (mean of three runs each).
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
