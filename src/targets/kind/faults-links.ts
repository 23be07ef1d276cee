// Link faults on kind: each maps to Toxiproxy API calls on the proxies of the matching
// links, in the middleware cluster that hosts them (its API is on a 127.0.0.1 port).
// Toxics are named fault-<kind>-<stream> so the heal removes exactly what was added.
import type { KindLink } from './links.js';
import type { HttpStep } from './plan.js';

export type Stream = 'upstream' | 'downstream';
export const streams = (direction: 'both' | Stream): Stream[] => (direction === 'both' ? ['upstream', 'downstream'] : [direction]);

export class ToxiproxyCalls {
  constructor(private readonly api: (cluster: string) => string) {}

  private call(l: KindLink, method: HttpStep['method'], path: (proxy: string) => string, body: unknown, title: string, okStatus?: number[]): HttpStep[] {
    return l.proxies.map((p) => ({
      kind: 'http',
      phase: 'timeline',
      cluster: l.host,
      title: `${title} ${p.name}`,
      method,
      url: `${this.api(l.host)}${path(p.name)}`,
      ...(body === undefined ? {} : { body }),
      ...(okStatus ? { okStatus } : {}),
    }));
  }

  /** Disabled: the listener closes, new connections are refused, open ones are closed. */
  setEnabled(links: readonly KindLink[], enabled: boolean): HttpStep[] {
    return links.flatMap((l) => this.call(l, 'POST', (p) => `/proxies/${p}`, { enabled }, enabled ? 'enable' : 'disable'));
  }

  addToxic(links: readonly KindLink[], name: string, type: string, stream: Stream, attributes: Record<string, number>): HttpStep[] {
    // 409: already there from an earlier attempt; the same toxic, so done
    return links.flatMap((l) => this.call(l, 'POST', (p) => `/proxies/${p}/toxics`, { name: `${name}-${stream}`, type, stream, toxicity: 1, attributes }, `add ${type} (${stream}) to`, [409]));
  }

  removeToxic(links: readonly KindLink[], name: string, stream: Stream): HttpStep[] {
    // 404: already gone (the proxy was re-created, or the apply never ran)
    return links.flatMap((l) => this.call(l, 'DELETE', (p) => `/proxies/${p}/toxics/${name}-${stream}`, undefined, 'remove toxic from', [404]));
  }

  /** The same toxic on each stream; returns the apply and the heal. */
  toxic(links: readonly KindLink[], name: string, type: string, dirs: Stream[], attributes: (s: Stream) => Record<string, number>): { apply: HttpStep[]; heal: HttpStep[] } {
    return { apply: dirs.flatMap((s) => this.addToxic(links, name, type, s, attributes(s))), heal: dirs.flatMap((s) => this.removeToxic(links, name, s)) };
  }
}
