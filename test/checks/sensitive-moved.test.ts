// sensitive-response-field: a property a refactoring moved or copied without a description to match on
// (GitHub's `nullable-*` copies, Dialogporten's renamed DTO, Directus's renamed route) is the base's; a
// property the PR adds to an object the base had stays new however like an old one it looks. Excerpts of
// the real documents' shapes (test/signal/cache/pairs/<id>).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine.js';
import type { Finding } from '../../src/findings.js';
import { loadBuiltinPolicies } from '../../src/policy/load.js';
import { loadInline } from '../helpers/inline.js';

const RULE = 'sensitive-response-field';
const POLICIES = loadBuiltinPolicies('default')!;

type Json = Record<string, unknown>;
const ok = (schema: Json) => ({
  200: { description: 'ok', content: { 'application/json': { schema } } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const doc = (paths: Record<string, Json>, schemas: Record<string, Json> = {}) => ({
  openapi: '3.0.3',
  info: { title: 'Apps', version: '1' },
  paths: Object.fromEntries(
    Object.entries(paths).map(([path, schema]) => [path, { get: { responses: ok(schema) } }]),
  ),
  components: { schemas },
});

function pr(base: Json, head: Json): Finding[] {
  const analysis = analyze(
    'diff',
    [
      {
        path: 'openapi.json',
        base: loadInline(JSON.stringify(base), 'openapi.json'),
        head: loadInline(JSON.stringify(head), 'openapi.json'),
      },
    ],
    { policies: POLICIES },
  );
  return analysis.specs[0]!.findings.filter((f) => f.ruleId === RULE);
}
const fieldOf = (f: Finding) => f.message.match(/data in `([^`]*)`/)?.[1];
const withStatus = (findings: Finding[], status: string) =>
  findings
    .filter((f) => f.status === status)
    .map((f) => `${f.loc.pointer.split('/').slice(-3).join('/')}`)
    .sort();

// GitHub's `integration` (17 properties, two secrets, no descriptions), cut to six.
const object = (props: Record<string, Json>) => ({ type: 'object', properties: props });
const APP = {
  id: { type: 'integer' },
  slug: { type: 'string' },
  name: { type: 'string' },
  owner: { type: 'string' },
  client_secret: { type: 'string' },
  webhook_secret: { type: 'string', nullable: true },
};

describe('sensitive-response-field: moved or copied without a description', () => {
  it('GitHub: `client_secret` of `integration` copied into the new `nullable-integration` (same properties) is existing', () => {
    const base = doc({ '/app': ref('integration') }, { integration: object(APP) });
    const head = doc(
      { '/app': ref('integration'), '/events': { type: 'array', items: ref('nullable-integration') } },
      { integration: object(APP), 'nullable-integration': { ...object(APP), nullable: true } },
    );
    const findings = pr(base, head);
    expect(withStatus(findings, 'new')).toEqual([]);
    expect(findings.filter((f) => f.message.includes('copied'))).toHaveLength(2);
  });

  it('a secret the PR adds to an object the base had is new, even when that object now looks like one that had it', () => {
    const { client_secret, webhook_secret, ...publicApp } = APP;
    const base = doc(
      { '/app': ref('integration'), '/apps/{slug}': ref('public-app') },
      { integration: object(APP), 'public-app': object(publicApp) },
    );
    const head = doc(
      { '/app': ref('integration'), '/apps/{slug}': ref('public-app') },
      { integration: object(APP), 'public-app': object(APP) },
    );
    expect(withStatus(pr(base, head), 'new')).toEqual([
      'public-app/properties/client_secret',
      'public-app/properties/webhook_secret',
    ]);
  });

  it('a new sensitive field in a copy is new (the copy differs from every object that held it)', () => {
    const base = doc({ '/app': ref('integration') }, { integration: object(APP) });
    const head = doc(
      { '/app': ref('integration'), '/events': ref('nullable-integration') },
      {
        integration: object(APP),
        'nullable-integration': object({ ...APP, private_key: { type: 'string' } }),
      },
    );
    expect(withStatus(pr(base, head), 'new')).toEqual([
      'nullable-integration/properties/client_secret',
      'nullable-integration/properties/private_key',
      'nullable-integration/properties/webhook_secret',
    ]);
  });

  it('Dialogporten: `dialogToken` of `GetDialogDto` renamed `V1EndUserDialogsQueriesGet_Dialog` (same properties) is existing, and not fixed', () => {
    const dto = object({
      id: { type: 'string' },
      org: { type: 'string' },
      party: { type: 'string' },
      status: { type: 'string' },
      dialogToken: {
        type: 'string',
        nullable: true,
        description: 'The dialog token. May be used against external URLs.',
      },
    });
    const base = doc({ '/api/v1/enduser/dialogs/{dialogId}': ref('GetDialogDto') }, { GetDialogDto: dto });
    const head = doc(
      { '/api/v1/enduser/dialogs/{dialogId}': ref('V1EndUserDialogsQueriesGet_Dialog') },
      // The real head reworded the description too ("Should also…" → "It should also…").
      {
        V1EndUserDialogsQueriesGet_Dialog: object({
          ...dto.properties,
          dialogToken: {
            type: 'string',
            nullable: true,
            description: 'The dialog token. It may be used against external URLs.',
          },
        }),
      },
    );
    const findings = pr(base, head);
    expect(findings.map((f) => f.status)).toEqual(['existing']);
  });

  it('Directus: the inline `{ data: { token } }` of a route renamed `/auth/sso/{provider}` → `/auth/oauth/{provider}` is existing; the same small shape on a further endpoint is new', () => {
    const response = object({ public: { type: 'boolean' }, data: object({ token: { type: 'string' } }) });
    const base = doc({ '/auth/sso/{provider}': response });
    const renamed = doc({ '/auth/oauth/{provider}': response });
    const moved = pr(base, renamed);
    expect(moved.map((f) => [fieldOf(f), f.status])).toEqual([['data.token', 'existing']]);
    // Kept where it was and returned by one more route: a small shape is no evidence of a copy.
    const copied = pr(base, doc({ '/auth/sso/{provider}': response, '/auth/oauth/{provider}': response }));
    expect(copied.map((f) => f.status).sort()).toEqual(['existing', 'new']);
  });
});

describe('sensitive-response-field: one property copied with its description is one finding', () => {
  const LINK = { type: 'string', maxLength: 5000, description: 'Token used for persistent Link logins.' };
  // Stripe: the same Link token in the payment method and in each intent's `payment_method_options.link`.
  const stripe = doc(
    {
      '/v1/payment_methods/{pm}': ref('payment_method'),
      '/v1/setup_intents': ref('setup_intent'),
      '/v1/invoices': object({ last_finalization_error: object({ setup_intent: ref('setup_intent') }) }),
    },
    {
      payment_method: object({
        id: { type: 'string' },
        link: object({ email: { type: 'string', format: 'uri' }, persistent_token: LINK }),
      }),
      setup_intent: object({
        id: { type: 'string' },
        payment_method_options: object({ link: object({ persistent_token: { ...LINK, nullable: true } }) }),
      }),
    },
  );

  it('Stripe: Link `persistent_token` in three objects is one finding, headlined where it is returned the shallowest', () => {
    const findings = pr(doc({ '/v1/health': object({ ok: { type: 'boolean' } }) }), stripe);
    expect(findings.map((f) => [f.status, f.message.split(' returns ')[0], fieldOf(f)])).toEqual([
      ['new', '`GET /v1/payment_methods/{pm}`', 'link.persistent_token'],
    ]);
    expect(findings[0]!.endpoints).toHaveLength(3);
  });

  it('a differently described token in another object stays its own finding', () => {
    const head = structuredClone(stripe) as { components: { schemas: Record<string, Json> } };
    head.components.schemas.setup_intent = object({
      id: { type: 'string' },
      persistent_token: { type: 'string', description: 'A login token of the new partner flow.' },
    });
    expect(pr(doc({ '/v1/health': object({ ok: { type: 'boolean' } }) }), head as Json)).toHaveLength(2);
  });
});

describe('sensitive-response-field: moved into a `oneOf` branch, returned by the same endpoints at the same path', () => {
  // Adyen Balance Platform: `PaymentInstrument.bankAccount` was `BankAccount { iban }`; the head makes it a
  // `oneOf` of `IbanAccountIdentification { type, iban, formFactor }` and a US local account, with another
  // description of `iban`. Neither the shape nor the words match; the endpoints and the path do.
  const BANK_ACCOUNT = object({
    iban: { type: 'string', description: 'The International Bank Account Number (IBAN).' },
  });
  const IBAN = object({
    type: { type: 'string', enum: ['iban'] },
    iban: { type: 'string', description: 'The international bank account number as defined in ISO-13616.' },
    formFactor: { type: 'string', nullable: true },
  });
  const US_LOCAL = object({
    type: { type: 'string', enum: ['usLocal'] },
    accountNumber: { type: 'string' },
    routingNumber: { type: 'string' },
  });
  const instrument = (bankAccount: Json) => object({ id: { type: 'string' }, bankAccount });
  const list = {
    type: 'object',
    properties: { paymentInstruments: { type: 'array', items: ref('PaymentInstrument') } },
  };
  const paths = (extra: Record<string, Json> = {}) => ({
    '/paymentInstruments/{id}': ref('PaymentInstrument'),
    '/balanceAccounts/{id}/paymentInstruments': list,
    ...extra,
  });
  const base = doc(paths(), {
    PaymentInstrument: instrument(ref('BankAccount')),
    BankAccount: BANK_ACCOUNT,
  });
  const headSchemas = {
    PaymentInstrument: instrument({
      oneOf: [ref('IbanAccountIdentification'), ref('USLocalAccountIdentification')],
    }),
    IbanAccountIdentification: IBAN,
    USLocalAccountIdentification: US_LOCAL,
  };

  it('Adyen: `bankAccount.iban` now in the `IbanAccountIdentification` branch is existing, and the base’s is not fixed', () => {
    const findings = pr(base, doc(paths(), headSchemas));
    expect(withStatus(findings, 'new')).toEqual([]);
    expect(withStatus(findings, 'fixed')).toEqual([]);
    expect(findings.map((f) => [f.status, fieldOf(f)])).toEqual([['existing', 'bankAccount.iban']]);
  });

  it('the same branch returned by a further endpoint, or at another path, is new', () => {
    const further = pr(
      base,
      doc(paths({ '/bankAccounts/{id}': ref('IbanAccountIdentification') }), headSchemas),
    );
    expect(withStatus(further, 'new')).toEqual(['IbanAccountIdentification/properties/iban']);
    const elsewhere = doc(paths(), {
      ...headSchemas,
      PaymentInstrument: object({
        id: { type: 'string' },
        bankAccount: { oneOf: [ref('IbanAccountIdentification'), ref('USLocalAccountIdentification')] },
        counterparty: ref('IbanAccountIdentification'),
      }),
    });
    expect(withStatus(pr(base, elsewhere), 'new')).toEqual(['IbanAccountIdentification/properties/iban']);
  });
});
