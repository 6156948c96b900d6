// Every check, in report order (by category). One check = one file in ./checks.
import { authAnonymousAlternative } from './checks/auth-anonymous-alternative.js';
import { authApiKeyInQuery } from './checks/auth-apikey-in-query.js';
import { authCredentialsInUrl } from './checks/auth-credentials-in-url.js';
import { authHttpBasic } from './checks/auth-http-basic.js';
import { authInsecureOAuthUrl } from './checks/auth-insecure-oauth-url.js';
import { authMissing } from './checks/auth-missing.js';
import { authOAuthLegacyFlow } from './checks/auth-oauth-legacy-flow.js';
import { authSecurityWeakened } from './checks/auth-security-weakened.js';
import { authUndeclaredScheme } from './checks/auth-undeclared-scheme.js';
import { authUndefinedScheme } from './checks/auth-undefined-scheme.js';
import { authzAdminPathExposed } from './checks/authz-admin-path-exposed.js';
import { authzNo401Or403 } from './checks/authz-no-401-403.js';
import { authzNoScopesOnWrite } from './checks/authz-no-scopes-on-write.js';
import { configInvalid } from './checks/config-invalid.js';
import { configRefOutsideWorkspace } from './checks/config-ref-outside-workspace.js';
import { configRemoteRef } from './checks/config-remote-ref.js';
import { configStructure } from './checks/config-structure.js';
import { configUnparsable } from './checks/config-unparsable.js';
import { configUnresolvedRef } from './checks/config-unresolved-ref.js';
import { corsWildcardOrigin } from './checks/cors-wildcard-origin.js';
import { corsWildcardWithCredentials } from './checks/cors-wildcard-with-credentials.js';
import { headersMissingCacheControl } from './checks/headers-missing-cache-control.js';
import { headersMissingFrameOptions } from './checks/headers-missing-frame-options.js';
import { headersMissingHsts } from './checks/headers-missing-hsts.js';
import { headersMissingNosniff } from './checks/headers-missing-nosniff.js';
import { inputBodyWithoutSchema } from './checks/input-body-without-schema.js';
import { inputConstraintLoosened } from './checks/input-constraint-loosened.js';
import { inputMassAssignment } from './checks/input-mass-assignment.js';
import { inputSsrfUrl } from './checks/input-ssrf-url.js';
import { inputUnbounded } from './checks/input-unbounded.js';
import { inventoryDeprecatedWithoutSunset } from './checks/inventory-deprecated-without-sunset.js';
import { inventoryMissingOwner } from './checks/inventory-missing-owner.js';
import { inventoryNonProductionServer } from './checks/inventory-non-production-server.js';
import { inventoryShadowEndpoint } from './checks/inventory-shadow-endpoint.js';
import { inventoryUndocumentedOperation } from './checks/inventory-undocumented-operation.js';
import { inventoryZombieEndpoint } from './checks/inventory-zombie-endpoint.js';
import { rateLimitMissing } from './checks/rate-limit-missing.js';
import { sensitiveExampleValue } from './checks/sensitive-example-value.js';
import { sensitiveQueryParam } from './checks/sensitive-query-param.js';
import { sensitiveResponseField } from './checks/sensitive-response-field.js';
import { transportHttpCallback } from './checks/transport-http-callback.js';
import { transportHttpServer } from './checks/transport-http-server.js';
import type { Check } from './types.js';

export const CHECKS: readonly Check[] = [
  authAnonymousAlternative,
  authApiKeyInQuery,
  authCredentialsInUrl,
  authHttpBasic,
  authInsecureOAuthUrl,
  authMissing,
  authOAuthLegacyFlow,
  authSecurityWeakened,
  authUndeclaredScheme,
  authUndefinedScheme,
  authzAdminPathExposed,
  authzNo401Or403,
  authzNoScopesOnWrite,
  transportHttpCallback,
  transportHttpServer,
  corsWildcardOrigin,
  corsWildcardWithCredentials,
  headersMissingCacheControl,
  headersMissingFrameOptions,
  headersMissingHsts,
  headersMissingNosniff,
  rateLimitMissing,
  inputBodyWithoutSchema,
  inputConstraintLoosened,
  inputMassAssignment,
  inputSsrfUrl,
  inputUnbounded,
  sensitiveExampleValue,
  sensitiveQueryParam,
  sensitiveResponseField,
  inventoryDeprecatedWithoutSunset,
  inventoryMissingOwner,
  inventoryNonProductionServer,
  inventoryUndocumentedOperation,
  inventoryShadowEndpoint,
  inventoryZombieEndpoint,
  configInvalid,
  configRefOutsideWorkspace,
  configRemoteRef,
  configUnparsable,
  configUnresolvedRef,
  configStructure,
];
