import { type MovableProperty, maxSeverity, type Severity } from '../../findings.js';
import type { Endpoint, Loc } from '../../model.js';
import { type DataKind, type NamedField, sensitiveFields } from '../../sensitive.js';
import { joinPointer } from '../../util/pointer.js';
import { byExposure, label, pathWords } from '../context.js';
import { DISTINCTIVE_SHAPE, describedWords, shapeOf } from '../field-identity.js';
import { successResponses } from '../headers.js';
import { componentPath, endpointsByLocation } from '../locations.js';
import type { DocumentCheck } from '../types.js';

const SEVERITY: Record<DataKind, Severity> = {
  credential: 'high',
  'payment-card': 'high',
  'government-id': 'high',
  'bank-account': 'medium',
  'date-of-birth': 'medium',
  email: 'low',
  phone: 'low',
  address: 'low',
};

const ISSUING_WORDS = new Set([
  'token',
  'tokens',
  'oauth',
  'oauth2',
  'login',
  'logon',
  'signin',
  'session',
  'sessions',
  'authenticate',
  'key',
  'keys',
  'apikey',
  'apikeys',
  'credential',
  'credentials',
]);

/**
 * `POST /oauth/token`, `POST /login`, `POST /api-keys`: returning the new token, key or secret is what
 * the operation is for. Passwords are never issued this way, so they are still reported, and neither is a
 * secret the caller sent in the request (a private key uploaded to `POST /keys` and echoed back): the
 * operation returns it, it does not issue it. (`auth` alone is not enough: `POST /PaymentAuth` authorises
 * a payment.)
 */
function issuedCredential(endpoint: Endpoint, field: NamedField, sent: ReadonlySet<string>): boolean {
  if (field.kind !== 'credential' || endpoint.method !== 'post') return false;
  const name = leafName(field.path);
  if (/(password|passwd|passphrase|pwd|pin)$/.test(name) || sent.has(name)) return false;
  const words = pathWords(endpoint.path);
  return words.some((w, i) => ISSUING_WORDS.has(w) || `${w} ${words[i + 1]}` === 'sign in');
}

/** `key.private_key` → `privatekey`: a field's own name, compared across request and response. */
function leafName(path: string): string {
  return (
    path
      .split(/[.[\]*]/)
      .filter((part) => part !== '')
      .pop() ?? path
  )
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The credential fields the caller sends in the request body, by name. */
function sentCredentials(endpoint: Endpoint): Set<string> {
  const names = new Set<string>();
  for (const media of endpoint.requestBody?.content ?? []) {
    for (const field of sensitiveFields(media.schema, false)) {
      if (field.kind === 'credential') names.add(leafName(field.path));
    }
  }
  return names;
}

/**
 * Bank details reached through payment or funding instructions (Stripe's
 * `next_action.display_bank_transfer_instructions.financial_addresses[].iban.iban`): the account the customer
 * pays into, shown to every payer, not the customer's own account.
 */
function paymentInstructions(field: NamedField): boolean {
  if (field.kind !== 'bank-account') return false;
  return field.path
    .split(/[.[\]*]/)
    .some((part) => /(^|_|-)instructions$|^financial_?addresses$|^funding_?instructions/i.test(part));
}

/** Where one endpoint returns a property: its paths from the response root, and whether the caller sent it. */
interface Returned {
  endpoint: Endpoint;
  paths: Set<string>;
  echoed: boolean;
}

/** One sensitive property and every endpoint that returns it. */
interface Exposure {
  field: NamedField;
  loc: Loc;
  severity: Severity;
  returnedBy: Map<string, Returned>;
}

/**
 * The property's own place: where its owner declares it (`#/components/schemas/repository/properties/temp_clone_token`),
 * not where a `$ref` it is declared with points (two properties `$ref`-ing one `Password` schema are two
 * properties).
 */
function propertyLoc(field: NamedField): Loc {
  return {
    file: field.owner.loc.file,
    pointer: joinPointer(field.owner.loc.pointer, 'properties', field.name),
  };
}

/**
 * Where the property is without naming its file (inside an operation, or inside a named component), so
 * splitting a description into files or merging it back keeps the finding's fingerprint (input-ssrf-url's
 * too).
 */
export function layoutFreeKey(
  loc: Loc,
  rootFile: string,
  inEndpoint: ReturnType<typeof endpointsByLocation>,
): string | undefined {
  const at = inEndpoint(loc);
  if (at) return `${at.ids[0]}@${at.inside}`;
  // Elsewhere in a root document (Swagger 2.0 `definitions`): its file and pointer. A base sharing the
  // head's objects sees them in the head's root file, which it cannot tell from a file of its own.
  const first = loc.pointer.split('/')[1] ?? '';
  if (first !== 'components' && (ROOT_SECTIONS.has(first) || first.startsWith('x-'))) return undefined;
  return componentPath(loc, rootFile);
}

/**
 * The same property wherever a description moves it: its kind, name and own description. GitHub copies
 * `repository` into `nullable-repository`, Azure wraps fields in an ARM `properties` envelope, DigitalOcean
 * inlines `#/components/responses/*` into its paths: the property the base returned, with the same words,
 * is no new exposure (compareFindings: a shared `basis` is existing). Only a described property has a basis:
 * a bare `password: {type: string}` the PR adds stays new wherever the base had another one.
 */
function describedProperty(field: NamedField): { basis?: string } {
  const words = describedWords(field.schema);
  return words !== undefined ? { basis: `${field.kind}\n${field.name.toLowerCase()}\n${words}` } : {};
}

/**
 * The property by its owner's shape, for a move or copy without a description to match on: GitHub's
 * `nullable-integration`, a verbatim copy of `integration`; Dialogporten's `GetDialogDto` renamed
 * `V1EndUserDialogsQueriesGet_Dialog`; Directus's inline `{ data: { token } }` under a renamed route.
 * Compared with the base in src/assess/index.ts (`movedProperties`), which also requires the owner's place
 * to be new to the PR.
 */
function movableProperty(field: NamedField, returnedBy: Map<string, Returned>): MovableProperty {
  const names = shapeOf(field.owner);
  const what = `${field.kind} ${field.name.toLowerCase()}`;
  return {
    shape: `${field.kind}\n${field.name.toLowerCase()}\n${names.join('\n')}`,
    owner: field.owner.loc,
    distinctive: names.length >= DISTINCTIVE_SHAPE,
    returned: [...returnedBy].flatMap(([id, r]) => [...r.paths].map((path) => `${what}\n${id}\n${path}`)),
  };
}

/** Path segments of `data[].link.persistent_token` (3): the headline is the shallowest place it is returned. */
function depth(path: string): number {
  return path.split(/[.[\]]+/).filter((part) => part !== '').length;
}

const ROOT_SECTIONS = new Set(['paths', 'definitions', 'parameters', 'responses', 'webhooks']);

export const sensitiveResponseField: DocumentCheck = {
  id: 'sensitive-response-field',
  category: 'sensitive-data',
  severity: 'medium',
  owasp: 'API3:2023 Broken Object Property Level Authorization',
  cwe: 'CWE-200',
  title: 'Sensitive data in responses',
  rationale:
    'Secrets and personal data returned by an API are exposed to every client and every log that records the response.',
  remediation:
    'Return only what the client needs: drop or mask the field, mark secrets `writeOnly: true`, and protect the endpoint with authentication and scopes.',
  scope: 'document',
  run(model) {
    // One finding per sensitive property, at the property, naming every endpoint that returns it: a field
    // of a shared object (Stripe's `payment_method`, GitHub's `repository`) is one fact wherever the object
    // is embedded, and its fingerprint is the property's place, so the base's finding for the same
    // property makes it existing however many endpoints the PR adds that embed it.
    const byProperty = new Map<string, Exposure>();
    for (const endpoint of model.endpoints) {
      const sent = endpoint.method === 'post' ? sentCredentials(endpoint) : NOTHING_SENT;
      for (const response of successResponses(endpoint)) {
        for (const media of response.content) {
          for (const field of sensitiveFields(media.schema, true)) {
            if (issuedCredential(endpoint, field, sent) || paymentInstructions(field)) continue;
            const loc = propertyLoc(field);
            const key = `${loc.file}#${loc.pointer}`;
            const severity = byExposure(endpoint, SEVERITY[field.kind]);
            let exposure = byProperty.get(key);
            if (!exposure) {
              exposure = { field, loc, severity, returnedBy: new Map() };
              byProperty.set(key, exposure);
            } else exposure.severity = maxSeverity(exposure.severity, severity);
            let returned = exposure.returnedBy.get(endpoint.id);
            if (!returned) {
              returned = { endpoint, paths: new Set(), echoed: false };
              exposure.returnedBy.set(endpoint.id, returned);
            }
            returned.paths.add(field.path);
            returned.echoed ||= sent.has(leafName(field.path));
          }
        }
      }
    }
    const exposures = sameDescribedProperty([...byProperty.values()]);
    const inEndpoint = exposures.length > 0 ? endpointsByLocation(model.endpoints) : undefined;
    const keys = exposures.map(({ loc }) => layoutFreeKey(loc, model.file, inEndpoint!));
    const seen = new Map<string, number>();
    for (const key of keys) if (key !== undefined) seen.set(key, (seen.get(key) ?? 0) + 1);
    return exposures.map(({ field, loc, severity, returnedBy }, i) => {
      const key = keys[i];
      // Headlined where it is most plainly returned: the shallowest path (`link.persistent_token` of a
      // payment method, not `last_finalization_error.setup_intent.…` of an invoice), the first on a tie.
      const shallowest = (r: Returned) => Math.min(...[...r.paths].map(depth));
      const first = [...returnedBy.values()].reduce((a, b) => (shallowest(b) < shallowest(a) ? b : a));
      const others = [...returnedBy.values()].filter((r) => r !== first);
      const { endpoint, paths } = first;
      const path = [...paths].reduce((a, b) => (depth(b) < depth(a) ? b : a));
      const morePaths =
        paths.size > 1
          ? ` (and ${paths.size - 1} other path${paths.size > 2 ? 's' : ''} to the same property)`
          : '';
      const echoedBy = [...returnedBy.values()].filter((r) => r.echoed).map((r) => label(r.endpoint));
      const echoed =
        echoedBy.length > 0 ? ` (${echoedBy.join(', ')}: the secret the caller sent, echoed back)` : '';
      const moreEndpoints =
        others.length > 0
          ? `; ${others.length} other endpoint${others.length > 1 ? 's return' : ' returns'} it too`
          : '';
      return {
        message: `${label(endpoint)} returns ${field.kind} data in \`${path}\`${morePaths}${moreEndpoints}${echoed}`,
        loc,
        severity,
        endpoints: [...returnedBy.keys()],
        // Unique keys only: two components of one name in two files keep their file and pointer.
        ...(key !== undefined && seen.get(key) === 1 ? { key } : {}),
        ...describedProperty(field),
        movable: movableProperty(field, returnedBy),
      };
    });
  },
};

/**
 * Properties of one kind, name and description in several objects (Stripe's Link `persistent_token`, "Token
 * used for persistent Link logins.", in `payment_method_link` and in the PaymentIntent's and SetupIntent's
 * `payment_method_options.link`) are one property, copied: one finding, naming every endpoint, at the place
 * of the copy returned the shallowest. Undescribed properties are never merged.
 */
function sameDescribedProperty(exposures: Exposure[]): Exposure[] {
  const byBasis = new Map<string, Exposure[]>();
  const out: Exposure[] = [];
  for (const exposure of exposures) {
    const { basis } = describedProperty(exposure.field);
    if (basis === undefined) out.push(exposure);
    else {
      const group = byBasis.get(basis);
      if (group) group.push(exposure);
      else {
        byBasis.set(basis, [exposure]);
        out.push(exposure);
      }
    }
  }
  return out.map((exposure) => {
    const { basis } = describedProperty(exposure.field);
    const group = basis === undefined ? undefined : byBasis.get(basis);
    if (!group || group.length === 1) return exposure;
    const reach = (e: Exposure) =>
      Math.min(...[...e.returnedBy.values()].flatMap((r) => [...r.paths].map(depth)));
    const headline = group.reduce((a, b) => (reach(b) < reach(a) ? b : a));
    const returnedBy = new Map<string, Returned>();
    let severity = headline.severity;
    for (const member of [headline, ...group.filter((e) => e !== headline)]) {
      severity = maxSeverity(severity, member.severity);
      for (const [id, r] of member.returnedBy) {
        const known = returnedBy.get(id);
        if (!known) returnedBy.set(id, { ...r, paths: new Set(r.paths) });
        else {
          for (const p of r.paths) known.paths.add(p);
          known.echoed ||= r.echoed;
        }
      }
    }
    return { ...headline, severity, returnedBy };
  });
}

const NOTHING_SENT: ReadonlySet<string> = new Set();
