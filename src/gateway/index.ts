// Public face of the gateway model (the Higress behaviour model).
export { gatewayProcessConfigSchema, loadGatewayConfig, parseGatewayConfig, type GatewayProcessConfig, type GatewayProcessConfigInput } from './data-plane/model/gateway-config.js';
export { startGateway, type GatewayOptions, type StartedGateway } from './data-plane/model/gateway.js';
export { describeProfile, profileFor, type HigressProfile, type HigressProfileName } from './profiles.js';
export { loadManifestFiles, loadManifests, type LoadedManifests } from './translation/manifests.js';
export { MemoryRegistry, httpRegistrySource, type RegistrySource, type RegistryInstance } from './discovery/registry-source.js';
export { nacosHost, staticHost } from './translation/host-name.js';
export type { GatewayEvent } from './events.js';
