// Service host names as Higress's registry watchers build them; these are the
// names an HTTPRoute backendRef or higress.io/destination must use.

/**
 * `<service>.<group>.<namespace>.nacos`, with `_` → `-` in the suffix only (the
 * service name is kept as is): registry/nacos/v2/watcher.go getSubscribeCallback.
 */
export function nacosHost(service: string, group: string, namespace: string): string {
  return `${service}.${`${group}.${namespace}.nacos`.replaceAll('_', '-')}`;
}

/** `<registry name>.static`: registry/direct/watcher.go Run (name + "." + type). */
export function staticHost(registryName: string): string {
  return `${registryName}.static`;
}
