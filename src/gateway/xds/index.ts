// Public face of the xDS file contract: the snapshot the translation produces, where
// its files live, and the writer that lays them down in Istio's push order.
export { emptySnapshot, TYPE_URLS, xdsSnapshotSchema, type EnvoyResource, type XdsKind, type XdsSnapshot } from './snapshot.js';
export { pathConfigSource, safeFileName, xdsFiles, type XdsFiles } from './files.js';
export { writeXdsSnapshot, type WrittenXdsFile, type XdsWrite } from './write.js';
