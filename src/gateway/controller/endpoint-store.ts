// The control plane's service registry (Istio's ServiceEntry store, fed by Higress's
// registry watchers): each service host's endpoints as discovery last reported
// them. Every change is reported to one listener, which turns it into EDS/CDS.
import type { EndpointSink, EndpointSpec } from '../xds/endpoint-spec.js';

export class EndpointStore implements EndpointSink {
  private readonly hosts = new Map<string, readonly EndpointSpec[]>();
  constructor(private readonly changed: (host: string) => void) {}

  apply(host: string, endpoints: readonly EndpointSpec[]): void {
    this.hosts.set(host, [...endpoints]);
    this.changed(host);
  }

  remove(host: string): void {
    if (this.hosts.delete(host)) this.changed(host);
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
