import type { ApiModel, Endpoint, Loc } from '../model.js';

export type EndpointChange = 'added' | 'removed' | 'modified' | 'unchanged';
export type SpecStatus = 'added' | 'removed' | 'modified' | 'unchanged';

export type ChangeKind =
  | 'path-renamed'
  | 'security-added'
  | 'security-removed'
  | 'security-weakened'
  | 'security-strengthened'
  | 'security-alternative-added'
  | 'security-scheme-changed'
  | 'server-added'
  | 'server-removed'
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-renamed'
  | 'parameter-required-changed'
  | 'parameter-location-changed'
  | 'request-body-added'
  | 'request-body-removed'
  | 'request-body-required-changed'
  | 'media-type-added'
  | 'media-type-removed'
  | 'schema-type-changed'
  | 'schema-constraint-loosened'
  /** Accepts more but stays bounded: enum values added, a bound raised, `required` moved to an alternative. */
  | 'schema-constraint-widened'
  | 'schema-constraint-tightened'
  | 'schema-constraint-changed'
  | 'schema-property-added'
  | 'schema-property-removed'
  | 'response-status-added'
  | 'response-status-removed'
  | 'response-header-added'
  | 'response-header-removed'
  | 'deprecated-changed'
  | 'classification-changed';

export interface Change {
  kind: ChangeKind;
  message: string;
  /** JSON pointer of the changed node in the file that holds it (`location.file`). */
  pointer: string;
  breaking: boolean;
  /** Where to point a reviewer: the changed node in head, or the nearest head node for removals. */
  location: Loc;
  /** For schema changes: whether the schema is something clients send (request) or receive (response). */
  side?: 'request' | 'response';
  /** Set for changes declared once for the whole document (global security, schemes, root servers). */
  documentLevel?: true;
  /** For schema constraint changes: what changed and on which field, for checks to judge (not reported). */
  constraint?: ConstraintDetail;
}

/** A schema constraint change in terms a check can judge: the keyword, and the field it sits on. */
export interface ConstraintDetail {
  /**
   * `maxLength`, `minimum`, `pattern`, `enum`, `required`, `additionalProperties`, `type`, `format`,
   * `items`, `schema` (a whole schema added or removed), or `nullable` (`null` the only type added).
   */
  keyword: string;
  /** Property names from the compared schema to the changed one; a parameter's path starts at its name. */
  path: string[];
  /**
   * The fields the change is about, with their descriptions and titles: those no longer required for
   * `required`; for `nullable`, the field and the properties it requires (null stands in for all of them);
   * otherwise the field at `path`. `removed`: a field no longer required because it left the schema (its
   * property is gone too), for a check to tell a field dropped from the request from one made optional.
   */
  fields: { name: string; description: string; removed?: true }[];
  /** For `nullable`: the types the base declared besides `null` (`['boolean']` for a flag made nullable). */
  baseTypes?: string[];
}

/** A change made once for many endpoints (N servers added at the root), listed once for the spec. */
export interface ListedChange extends Change {
  /** Ids of the endpoints it affects, in document order: one array, shared by the changes of one place. */
  endpoints: string[];
}

export interface EndpointDiff {
  id: string;
  method: string;
  /** As written in head (base when removed). */
  path: string;
  change: EndpointChange;
  base?: Endpoint;
  head?: Endpoint;
  changes: Change[];
}

export interface SpecDiff {
  /** Workspace-relative path of the root document (head's, or base's when removed). */
  path: string;
  status: SpecStatus;
  base?: ApiModel;
  head?: ApiModel;
  endpoints: EndpointDiff[];
  /**
   * Changes listed once rather than on every endpoint they affect: each of those endpoints carries one
   * summary change pointing here instead (SPEC §4, a document-level change is reported once).
   */
  changes?: ListedChange[];
}
