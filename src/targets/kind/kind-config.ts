// Reads the checked-in kind cluster configs (clusters/kind/<cluster>.yaml) so the
// plan, the preflight port check and the Toxiproxy API address all come from the one
// file kind itself is given, and rejects a config that would break the lab's rules.
import { join } from 'node:path';
import { z } from 'zod';
import { loadYamlFile } from '../../core/input.js';
import { BadInputError } from '../../core/errors.js';
import { kindConfigFile, kindName } from './names.js';

const portMapping = z.object({
  containerPort: z.number().int(),
  hostPort: z.number().int(),
  listenAddress: z.literal('127.0.0.1', { message: 'bind host ports to 127.0.0.1 only: the lab must not be reachable from the network' }),
  protocol: z.string().optional(),
});

const kindConfigSchema = z.object({
  kind: z.literal('Cluster'),
  apiVersion: z.literal('kind.x-k8s.io/v1alpha4'),
  name: z.string(),
  networking: z.object({
    apiServerAddress: z.literal('127.0.0.1', { message: 'keep the API server on 127.0.0.1' }),
    apiServerPort: z.number().int().min(1024),
    podSubnet: z.string(),
    serviceSubnet: z.string(),
    kubeProxyMode: z.literal('iptables', { message: 'the link steering uses iptables DNAT; keep kube-proxy in iptables mode' }).optional(),
  }),
  nodes: z.array(z.object({ role: z.string(), extraPortMappings: z.array(portMapping).default([]) })).length(1, 'one node per cluster: faults stop "the" node container'),
});

export interface KindClusterConfig {
  /** Short name, e.g. mw-south. */
  readonly cluster: string;
  /** Path relative to the project root. */
  readonly file: string;
  readonly apiServerPort: number;
  readonly podSubnet: string;
  /** containerPort → hostPort on 127.0.0.1. */
  readonly hostPorts: ReadonlyMap<number, number>;
}

export function loadKindConfig(cluster: string, root = process.cwd()): KindClusterConfig {
  const file = kindConfigFile(cluster);
  const c = loadYamlFile(join(root, file), kindConfigSchema);
  if (c.name !== kindName(cluster)) throw new BadInputError([{ file, path: 'name', message: `must be ${kindName(cluster)} (the region-lab- prefix is how leftovers are found)` }]);
  const hostPorts = new Map(c.nodes[0]!.extraPortMappings.map((m) => [m.containerPort, m.hostPort] as const));
  return { cluster, file, apiServerPort: c.networking.apiServerPort, podSubnet: c.networking.podSubnet, hostPorts };
}

/** Every host port the configs bind: API servers and port mappings (preflight checks they are free). */
export function hostPortsOf(configs: readonly KindClusterConfig[]): { name: string; ports: number[] }[] {
  return configs.map((c) => ({ name: kindName(c.cluster), ports: [c.apiServerPort, ...c.hostPorts.values()] }));
}
