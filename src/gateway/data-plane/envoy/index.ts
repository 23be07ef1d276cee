// Public face of the real Envoy data plane: start an instance, write and confirm its
// xDS, read its admin API, and turn its own files into region-lab's gateway events.
export { accessLogConfig, fallbackEndpointMetadata, parseAccessLog, ACCESS_LOG_FIELDS, type AccessLogRecord } from './access-log.js';
export {
  clusterCounters, isLive, parseClusters, parseStats, rateLimited, readClusters, readServerInfo, readStats, setHealthCheckFailing, stat, statName,
  type ClusterCounters, type ServerInfo, type ClusterStatus, type EnvoyAdmin, type EnvoyStats, type HostStatus,
} from './admin.js';
export { parseConfigVersions, readConfigVersions, type ConfigVersions } from './config-versions.js';
export { envoyBootstrap, envoyBootstrapPropsSchema, healthCheckEventLogger, type EnvoyBootstrapProps } from './bootstrap.js';
export { confirmXdsApplied, pendingFiles, type ConfirmOptions, type XdsCheckTarget } from './confirm-xds.js';
export { configRejections, ENVOY_LOG_FORMAT, parseEnvoyLog, type ConfigRejection, type EnvoyLogEntry } from './envoy-log.js';
export { accessLogEvents, envoyGatewayEvents, healthCheckEvents, outlierEvents, writeEnvoyGatewayEvents, type EnvoyEventFiles, type EnvoyGatewayEvent, type ResponseFlagEvent } from './events.js';
export { envoyInstanceFiles, type EnvoyInstanceFiles } from './instance-files.js';
export { envoyArgs, startEnvoy, type EnvoyInstanceProps, type EnvoyRunContext, type StartedEnvoy } from './start-envoy.js';
