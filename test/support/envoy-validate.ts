// Test support: asks the real Envoy whether it accepts a snapshot, with `envoy
// --mode validate` on a bootstrap that carries the snapshot statically (route
// configurations inline in their listeners, load assignments inline in their
// clusters) — every field checked, nothing started.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { XdsSnapshot } from '../../src/gateway/xds/snapshot.js';

type Obj = Record<string, unknown>;

export function staticBootstrap(s: XdsSnapshot): Obj {
  const rcs = new Map(s.routeConfigs.map((r) => [String(r.name), r]));
  const clas = new Map(s.loadAssignments.map((c) => [String(c.cluster_name), c]));
  const inline = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(inline);
    if (!v || typeof v !== 'object') return v;
    const o = v as Obj;
    const out: Obj = {};
    for (const [k, x] of Object.entries(o)) {
      if (k === 'rds') out.route_config = rcs.get(String((x as Obj).route_config_name));
      else out[k] = inline(x);
    }
    return out;
  };
  const clusters = s.clusters.map((c) => {
    if (c.type !== 'EDS') return c;
    const { eds_cluster_config: _e, ...rest } = c as Obj;
    return { ...rest, type: 'STATIC', load_assignment: clas.get(String(c.name)) ?? { cluster_name: c.name, endpoints: [] } };
  });
  return { admin: { address: { socket_address: { address: '127.0.0.1', port_value: 0 } } }, node: { id: 'validate', cluster: 'validate' }, static_resources: { listeners: s.listeners.map(inline), clusters } };
}

/** Envoy's verdict: ok, or its own message. Files a path source names must exist: `files` creates them. */
export function envoyValidate(envoy: string, s: XdsSnapshot, files: readonly string[] = []): { ok: boolean; message: string } {
  const dir = mkdtempSync(join(tmpdir(), 'region-lab-validate-'));
  try {
    for (const f of files) writeFileSync(f, '{ "version_info": "0", "resources": [] }\n');
    const boot = join(dir, 'bootstrap.json');
    writeFileSync(boot, JSON.stringify(staticBootstrap(s)));
    const r = spawnSync(envoy, ['--mode', 'validate', '-c', boot, '-l', 'error', '--reject-unknown-dynamic-fields'], { encoding: 'utf8', timeout: 30_000 });
    const out = `${r.stdout}${r.stderr}`.trim();
    return { ok: r.status === 0 && /OK$/.test(out), message: out.split('\n').slice(-2).join('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
