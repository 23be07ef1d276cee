// Names and pins of the kind target: cluster and node-container names (all with the
// region-lab- prefix `down --target kind` sweeps by), kube contexts, the chart
// version per Higress profile, images, and where the checked-in kind files live.
import type { HigressVersion } from '../../topology/schema.js';

/** Every kind cluster region-lab creates starts with this; nothing else is touched. */
export const CLUSTER_PREFIX = 'region-lab-';
/** The node label that names the run that brought a cluster up. */
export const RUN_ID_LABEL = 'region-lab/run-id';
/** Namespace of the demo business services in the business clusters. */
export const BUSINESS_NAMESPACE = 'region-lab';
/** Higress, Nacos, Toxiproxy and the sync agent share Higress's namespace: Services select pods only in their own. */
export const MIDDLEWARE_NAMESPACE = 'higress-system';

export const kindName = (cluster: string) => `${CLUSTER_PREFIX}${cluster}`;
export const kubeContext = (cluster: string) => `kind-${kindName(cluster)}`;
/** Single-node clusters: kind names the node container <cluster>-control-plane. */
export const nodeContainer = (cluster: string) => `${kindName(cluster)}-control-plane`;
/** Placeholder for a node's IP on the kind network, known only once the cluster exists. */
export const nodeIpVar = (cluster: string) => `node-ip ${cluster}`;
export const nodeIp = (cluster: string) => `$(${nodeIpVar(cluster)})`;

/** The umbrella chart's version per profile (facts/tools.md §4: 2.1.9 read; 2.2.1 latest chart). */
export const HIGRESS_CHART: Record<HigressVersion, string> = { '2.1': '2.1.9', '2.2': '2.2.1' };
export const HIGRESS_REPO = { name: 'higress.io', url: 'https://higress.io/helm-charts' } as const;
/** Higress 2.2.1 builds against this Gateway API; the chart does not ship its CRDs. */
export const GATEWAY_API_CRDS = 'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.4.0/standard-install.yaml';
export const TOXIPROXY_IMAGE = 'ghcr.io/shopify/toxiproxy:2.12.0';
export const businessImage = (version: string) => `region-lab/business:${version}`;
export const BUSINESS_DOCKERFILE = 'docker/business.Dockerfile';

export const kindConfigFile = (cluster: string) => `clusters/kind/${cluster}.yaml`;
export const valuesFile = (v: HigressVersion) => `clusters/kind/values/higress-${v}.yaml`;
export const NACOS_MANIFEST = 'clusters/kind/manifests/nacos.yaml';
export const GATEWAY_MANIFEST = 'clusters/kind/manifests/gateway.yaml';

/** Toxiproxy listens on its node (hostNetwork): the entry link on this port, the others from LINK_PORT_BASE up. */
export const ENTRY_LISTEN_PORT = 18080;
export const LINK_PORT_BASE = 20000;
export const TOXIPROXY_API_PORT = 8474;
/** Fixed NodePorts of nacos-server, how the other region reaches this Nacos. */
export const NACOS_NODE_PORTS = { http: 30848, grpc: 31848 } as const;
/** Business instances listen on their node (hostNetwork) from this port up, one port per instance. */
export const BUSINESS_PORT_BASE = 19001;
