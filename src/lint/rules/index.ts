// Every lint rule, in the order docs/lint.md lists them.
import type { Rule } from '../types.js';
import { annotationIgnored, annotationUnknown, annotationUnsupported } from './annotations.js';
import { annotationValue } from './annotation-values.js';
import { backendPort } from './backend-port.js';
import { canaryConflict, canaryNoBase } from './canary.js';
import { duplicateBackend } from './duplicate-backend.js';
import { fqdnBackend } from './fqdn-backend.js';
import { healthCheckField } from './health-check-field.js';
import { helmValueUnknown } from './helm-values.js';
import { mcpBridgeIgnored } from './mcpbridge-ignored.js';
import { mcpBridgeSharedHosts } from './mcpbridge-shared-hosts.js';
import { nacosBackendUnsupported } from './nacos-backend-version.js';
import { httpRouteUnsupported } from './httproute-unsupported.js';
import { nacosGroupMissing, nacosHostInvalid } from './nacos-host.js';
import { parentRefUnattached } from './parent-ref.js';
import { proxySslWithoutTls } from './proxy-ssl-plain.js';
import { rateLimitPerInstance, rateLimitRpmOverRps } from './rate-limit.js';
import { rewriteTargetGroup } from './rewrite-target.js';
import { schemaRules } from './schema.js';
import { weightZeroBackend } from './weight-zero-backend.js';
import { weightsVsComments } from './weights-vs-comments.js';

export const RULES: readonly Rule[] = [
  weightZeroBackend,
  duplicateBackend,
  weightsVsComments,
  nacosHostInvalid,
  nacosGroupMissing,
  nacosBackendUnsupported,
  httpRouteUnsupported,
  fqdnBackend,
  parentRefUnattached,
  backendPort,
  mcpBridgeIgnored,
  mcpBridgeSharedHosts,
  healthCheckField,
  annotationIgnored,
  annotationUnsupported,
  annotationValue,
  proxySslWithoutTls,
  annotationUnknown,
  canaryConflict,
  canaryNoBase,
  rateLimitRpmOverRps,
  rateLimitPerInstance,
  rewriteTargetGroup,
  helmValueUnknown,
  ...schemaRules,
];
