// Kubernetes core kinds and Gateway API kinds, checked with the ajv validators that
// kubernetes-models 4.5.0 and @kubernetes-models/gateway-api 0.5.1 ship (generated
// from the upstream OpenAPI and CRD schemas). Only the kinds a Higress runbook uses.
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import * as gwV1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import * as gwV1beta1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1';
import type { ErrorObject } from 'ajv';
import { ajvProblems } from './ajv-problems.js';
import type { SchemaProblem } from './problem.js';

/** What every kubernetes-models class has: construct from plain data, then validate() (throws). */
type ModelClass = new (data: never) => { validate(): void };

const MODELS: ReadonlyMap<string, ModelClass> = new Map<string, ModelClass>([
  ['v1/Service', Service],
  ['v1/ConfigMap', ConfigMap],
  ['v1/Secret', Secret],
  ['v1/Namespace', Namespace],
  ['apps/v1/Deployment', Deployment],
  ['networking.k8s.io/v1/Ingress', Ingress],
  ['networking.k8s.io/v1/IngressClass', IngressClass],
  ['networking.k8s.io/v1/NetworkPolicy', NetworkPolicy],
  ['gateway.networking.k8s.io/v1/Gateway', gwV1.Gateway],
  ['gateway.networking.k8s.io/v1/GatewayClass', gwV1.GatewayClass],
  ['gateway.networking.k8s.io/v1/HTTPRoute', gwV1.HTTPRoute],
  ['gateway.networking.k8s.io/v1beta1/Gateway', gwV1beta1.Gateway],
  ['gateway.networking.k8s.io/v1beta1/GatewayClass', gwV1beta1.GatewayClass],
  ['gateway.networking.k8s.io/v1beta1/HTTPRoute', gwV1beta1.HTTPRoute],
  ['gateway.networking.k8s.io/v1beta1/ReferenceGrant', gwV1beta1.ReferenceGrant],
]);

export const KUBERNETES_KINDS: readonly string[] = [...MODELS.keys()];

/** null when the apiVersion/kind is not one of ours (the caller reports that). */
export function validateKubernetes(apiVersion: string, kind: string, doc: object): SchemaProblem[] | null {
  const Model = MODELS.get(`${apiVersion}/${kind}`);
  if (!Model) return null;
  try {
    new Model(doc as never).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: ErrorObject[] }).errors;
    if (!errors) throw e;
    return ajvProblems(errors);
  }
}
