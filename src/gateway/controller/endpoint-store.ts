// The control plane's service registry (Istio's ServiceEntry store, fed by Higress's
// registry watchers): each service host's endpoints as discovery last reported
// them. Every change is reported to one listener, which turns it into EDS/CDS, and
// each endpoint that came or went is an event: on the Envoy data plane these are the
// report's endpoint lanes (the model's clusters say the same per gateway).
import type { EventSink } from '../events.js';
import type { EndpointSink, EndpointSpec } from '../xds/endpoint-spec.js';

export class EndpointStore implements EndpointSink {
  private readonly hosts = new Map<string, readonly EndpointSpec[]>();
  constructor(
    private readonly changed: (host: string) => void,
    private readonly emit: EventSink = () => {},
  ) {}

  apply(host: string, endpoints: readonly EndpointSpec[]): void {
    this.diff(host, this.hosts.get(host) ?? [], endpoints);
    this.hosts.set(host, [...endpoints]);
    this.changed(host);
  }

  remove(host: string): void {
    const before = this.hosts.get(host);
    if (!before || !this.hosts.delete(host)) return;
    this.diff(host, before, []);
    this.changed(host);
  }

  private diff(host: string, before: readonly EndpointSpec[], after: readonly EndpointSpec[]): void {
    const now = new Set(after.map((e) => e.address));
    const had = new Set(before.map((e) => e.address));
    for (const e of before) if (!now.has(e.address)) this.emit({ kind: 'endpoint-removed', cluster: host, address: e.address });
    for (const e of after) if (!had.has(e.address)) this.emit({ kind: 'endpoint-added', cluster: host, address: e.address, weight: e.weight, labels: { ...e.labels } });
  }

  count(host: string): number | undefined {
    return this.hosts.get(host)?.length;
  }

  get(host: string): readonly EndpointSpec[] | undefined {
    return this.hosts.get(host);
  }

  entries(): IterableIterator<[string, readonly EndpointSpec[]]> {
    return this.hosts.entries();
  }
}
