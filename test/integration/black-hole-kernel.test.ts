// Scenario: a black-hole partition behaves like one. With the run's nftables table a
// client's connect() to a black-holed link hangs (no SYN-ACK ever comes back) and an
// open connection goes silent, where Toxiproxy's approximation accepts first; the heal
// restores the link; and no region-lab-* table is left after a run, nor after
// `region-lab down` following a run killed with SIGKILL mid-fault.
// Real Toxiproxy and nft; addresses of the faults range (127.0.70.0/24).
import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadYamlFile } from '../../src/core/input.js';
import { applyLocalFault, healLocalFault, type LocalFaultEnv } from '../../src/targets/local/faults.js';
import { KERNEL_DROP, openKernelDrop, TOXIPROXY_APPROXIMATION } from '../../src/targets/local/kernel-drop.js';
import { planLinks } from '../../src/topology/links.js';
import { startToxiproxy, type StartedToxiproxy } from '../../src/targets/local/toxiproxy.js';
import { topologySchema } from '../../src/topology/schema.js';
import { latestRun, runCli } from '../support/cli.js';
import { harness, type Harness } from '../support/harness.js';
import { baseline, leftovers, nftTables } from '../support/leftovers.js';

const topology = loadYamlFile('test/fixtures/one-region-faults.yaml', topologySchema);
const links = planLinks(topology).filter((l) => l.role === 'data');
const cut = { kind: 'partition', links: { from: 'mw-south', to: 'biz-south' }, mode: 'black-hole', direction: 'both' } as const;

/** Connects and sends one HTTP request; what happened within `ms`. */
function probe(listen: string, ms: number, socket?: Socket): Promise<'no-connect' | 'connected-silent' | 'answered'> {
  const [host, port] = listen.split(':') as [string, string];
  return new Promise((resolve) => {
    const s = socket ?? new Socket();
    let connected = socket !== undefined;
    const done = (r: 'no-connect' | 'connected-silent' | 'answered') => {
      clearTimeout(timer);
      s.removeAllListeners('data');
      if (!socket) s.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done(connected ? 'connected-silent' : 'no-connect'), ms);
    s.on('data', () => done('answered'));
    s.on('error', () => undefined);
    const send = () => s.write(`GET / HTTP/1.1\r\nhost: x\r\n\r\n`);
    if (socket) send();
    else s.connect(Number(port), host, () => ((connected = true), send()));
  });
}

describe('a black hole that behaves like one', () => {
  let h: Harness;
  let toxi: StartedToxiproxy;
  let upstreams: Server[];

  beforeAll(async () => {
    h = harness('black-hole');
    // the business instances: anything that answers a request
    upstreams = await Promise.all(
      topology.regions[0]!.business.services[0]!.instances.map(
        (a) => new Promise<Server>((resolve) => {
          const [host, port] = a.split(':') as [string, string];
          const srv = createServer((c) => c.on('data', () => c.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')));
          srv.listen(Number(port), host, () => resolve(srv));
        }),
      ),
    );
    toxi = await startToxiproxy(h, topology.toxiproxy, links);
  });
  afterAll(async () => {
    await h.teardown();
    await Promise.all(upstreams.map((s) => new Promise((r) => s.close(r))));
  });

  const env = (kernel: LocalFaultEnv['kernel']): LocalFaultEnv => ({ topology, links, toxi, processes: new Map(), manifests: [], regionManifests: {}, kernel, controllers: {}, expectExit: () => undefined, restart: async () => undefined });

  it('GIVEN the run may add nftables rules WHEN the link is black-holed THEN connect() hangs and an open connection goes silent; WHEN healed THEN both work again and the table goes at teardown', async () => {
    const opened = await openKernelDrop({ runId: 'it-black-hole', cleanup: h.cleanup });
    expect(opened.ok, opened.ok ? '' : opened.reason).toBe(true);
    if (!opened.ok) return;
    const listen = toxi.listenOf(links[0]!.name);
    const open = new Socket();
    const [listenHost, listenPort] = listen.split(':') as [string, string];
    await new Promise<void>((r, reject) => {
      open.once('error', reject);
      open.connect(Number(listenPort), listenHost, () => r());
    });
    expect(await probe(listen, 2000, open)).toBe('answered');

    const said = await applyLocalFault(env(opened.drop), 'cut', cut);
    expect(said).toContain(KERNEL_DROP);
    expect(await nftTables()).toContain('region-lab-it-black-hole');
    expect(await probe(listen, 3000)).toBe('no-connect');
    expect(await probe(listen, 2000, open)).toBe('connected-silent');

    await healLocalFault(env(opened.drop), 'cut', cut);
    expect(await probe(listen, 2000)).toBe('answered');
    // the silent request's retransmission gets through once the rules are gone
    expect(await probe(listen, 5000, open)).toBe('answered');
    open.destroy();

    await opened.drop.close();
    expect(await nftTables()).not.toContain('region-lab-it-black-hole');
  });

  it('GIVEN no privilege for nftables WHEN the link is black-holed THEN Toxiproxy accepts the connect and then goes silent, and says it approximates', async () => {
    const refused = await openKernelDrop({ runId: 'it-no-privilege', cleanup: h.cleanup, nftPath: '/bin/false' });
    expect(refused.ok).toBe(false);
    const listen = toxi.listenOf(links[0]!.name);
    const said = await applyLocalFault(env(undefined), 'cut2', cut);
    expect(said).toContain(TOXIPROXY_APPROXIMATION);
    expect(await probe(listen, 2000)).toBe('connected-silent');
    await healLocalFault(env(undefined), 'cut2', cut);
    expect(await probe(listen, 2000)).toBe('answered');
  });
});

describe('no drop rule outlives its run', () => {
  it('GIVEN a run with a black-hole partition WHEN it ends THEN the connects hung during the cut, it healed, and no table remains', async () => {
    const before = await baseline();
    const { code, stdout, stderr } = await runCli(['run', 'test/fixtures/black-hole-partition.yaml']);
    expect(code, `${stdout}\n${stderr.slice(-3000)}`).toBe(0);
    expect(stderr).toMatch(/black holes: kernel drop \(nftables\), table inet region-lab-/);
    const { summary } = latestRun('black-hole-partition');
    const faults = (summary as unknown as { faults: { description: string }[] }).faults;
    expect(faults[0]!.description).toContain(KERNEL_DROP);
    const left = await leftovers(before);
    expect(left).toEqual({ processes: [], stateDirs: [], nftTables: [] });
  }, 300_000);

  it('GIVEN a run killed with SIGKILL while its black hole is on WHEN `region-lab down` runs THEN it deletes the table and every process', async () => {
    const before = await baseline();
    let tableDuringFault: string[] = [];
    const killed = await runCli(['run', 'test/fixtures/black-hole-partition.yaml'], (all, child) => {
      if (/fault applied/.test(all) && !child.killed) {
        child.kill('SIGKILL');
      }
    });
    expect(killed.code).toBeNull();
    tableDuringFault = (await leftovers(before)).nftTables;
    expect(tableDuringFault, 'the killed run left its table').toHaveLength(1);

    const down = await runCli(['down']);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain(`deleted nftables table inet ${tableDuringFault[0]}`);
    const left = await leftovers(before);
    expect(left).toEqual({ processes: [], stateDirs: [], nftTables: [] });
  }, 300_000);
});
