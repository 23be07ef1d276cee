// Public face of the gateway model (the Higress behaviour model).
export { gatewayProcessConfigSchema, loadGatewayConfig, parseGatewayConfig, type GatewayProcessConfig, type GatewayProcessConfigInput } from './config.js';
export { startGateway, type GatewayOptions, type StartedGateway } from './gateway.js';
export { describeProfile, profileFor, type HigressProfile, type HigressProfileName } from './profiles.js';
export { loadManifestFiles, loadManifests, type LoadedManifests } from './manifests.js';
export { MemoryRegistry, httpRegistrySource, type RegistrySource, type RegistryInstance } from './registry-source.js';
export { nacosHost, staticHost } from './host-name.js';
export type { GatewayEvent } from './events.js';
