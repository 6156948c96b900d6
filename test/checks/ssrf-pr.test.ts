// input-ssrf-url in a pull request: a URL input the base already takes unrestricted, added the way the base
// takes it, is the base's debt; a restriction the PR removes, or a URL of a new kind, stays new. Open
// redirects are low (the server requests nothing); an image only shown to users is not fetched. Excerpts of
// the real documents' shapes (test/signal/cache/pairs/{twilio-api,plaid,slack,directus-*}).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine.js';
import type { Finding } from '../../src/findings.js';
import { loadBuiltinPolicies } from '../../src/policy/load.js';
import { loadInline } from '../helpers/inline.js';

const RULE = 'input-ssrf-url';
const POLICIES = loadBuiltinPolicies('default')!;
type Json = Record<string, unknown>;

const write = (properties: Json) => ({
  post: {
    requestBody: {
      content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties } } },
    },
    responses: { 201: { description: 'created' } },
  },
});
const doc = (paths: Record<string, Json>) => ({
  openapi: '3.0.3',
  info: { title: 'Calls', version: '1' },
  servers: [{ url: 'https://api.example.com' }],
  paths,
});

function pr(base: Json, head: Json): Finding[] {
  const load = (d: Json) => loadInline(JSON.stringify(d), 'api.json');
  const analysis = analyze('diff', [{ path: 'api.json', base: load(base), head: load(head) }], {
    policies: POLICIES,
  });
  return analysis.specs[0]!.findings.filter((f) => f.ruleId === RULE);
}
/** One finding per field, naming every endpoint that takes it; split by status when the PR extends it. */
const statusOn = (findings: Finding[], endpoint: string) =>
  findings.filter((f) => f.endpoints?.includes(endpoint)).map((f) => [f.severity, f.status]);

// Twilio: `StatusCallback` (a URL, no pattern) on every call resource.
const URL = { type: 'string', format: 'uri' };
const callResources = (callback: Json = URL) =>
  Object.fromEntries(
    [0, 1, 2, 3, 4].map((i) => [
      `/Calls${i}.json`,
      write({ To: { type: 'string' }, StatusCallback: callback }),
    ]),
  );

describe('input-ssrf-url: notification URLs of a document that calls its callers back', () => {
  it('Twilio: a new `Callback` on an added resource and `AmdStatusCallback` added to a modified one are existing', () => {
    const base = doc({ ...callResources(), '/Participants.json': write({ From: { type: 'string' } }) });
    const head = doc({
      ...callResources(),
      '/Participants.json': write({ From: { type: 'string' }, AmdStatusCallback: URL }),
      '/UserDefinedMessageSubscriptions.json': write({ Callback: URL }),
    });
    const findings = pr(base, head);
    expect(statusOn(findings, 'POST /Participants.json')).toEqual([['medium', 'existing']]);
    expect(statusOn(findings, 'POST /UserDefinedMessageSubscriptions.json')).toEqual([
      ['medium', 'existing'],
    ]);
  });

  it('new where the base allow-lists its callbacks, where the PR drops or renames away a restricted one, and for a URL of another kind', () => {
    const pinned = { ...URL, pattern: '^https://hooks\\.example\\.com/' };
    // Five unrestricted, five allow-listed: no habit of taking callbacks unrestricted.
    const mixed = doc({
      ...callResources(),
      ...Object.fromEntries(
        [5, 6, 7, 8, 9].map((i) => [`/Calls${i}.json`, write({ StatusCallback: pinned })]),
      ),
    });
    const addedTo = (base: Json, path: string, properties: Json) =>
      doc({ ...(base.paths as Record<string, Json>), [path]: write(properties) });
    expect(
      statusOn(pr(mixed, addedTo(mixed, '/Streams.json', { Callback: URL })), 'POST /Streams.json'),
    ).toEqual([['medium', 'new']]);

    const base = doc({ ...callResources(), '/Queues.json': write({ QueueCallback: pinned }) });
    for (const properties of [{ QueueCallback: URL }, { QueueCallbackUrl: URL }]) {
      expect(statusOn(pr(base, addedTo(base, '/Queues.json', properties)), 'POST /Queues.json')).toEqual([
        ['medium', 'new'],
      ]);
    }
    const fetchesMedia = addedTo(base, '/Media.json', {
      MediaUrl: { ...URL, description: 'We download it.' },
    });
    expect(statusOn(pr(base, fetchesMedia), 'POST /Media.json')).toEqual([['medium', 'new']]);
  });

  it('Plaid: `options.webhook` on a modified endpoint, where the base takes `webhook` unrestricted on five', () => {
    const webhook = { type: 'string', description: 'The destination URL to which webhooks will be sent.' };
    const base = doc({
      ...Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`/link${i}/create`, write({ webhook })])),
      '/credit/payroll_income/refresh': write({ user_token: { type: 'string' } }),
    });
    const head = doc({
      ...(base.paths as Record<string, Json>),
      '/credit/payroll_income/refresh': write({
        user_token: { type: 'string' },
        options: { type: 'object', properties: { webhook } },
      }),
    });
    expect(statusOn(pr(base, head), 'POST /credit/payroll_income/refresh')).toEqual([['medium', 'existing']]);
  });
});

describe('input-ssrf-url: the same input the base takes unrestricted elsewhere', () => {
  const ICON = {
    type: 'string',
    description:
      'URL to an image to use as the icon for this message. Must be used with `as_user` set to false.',
  };

  it("Slack: `icon_url` added to `chat.postEphemeral`, described as `chat.postMessage`'s: existing; described otherwise: new", () => {
    const base = doc({
      '/chat.postMessage': write({ channel: { type: 'string' }, icon_url: ICON }),
      '/chat.postEphemeral': write({ channel: { type: 'string' }, user: { type: 'string' } }),
    });
    const withIcon = (icon: Json) =>
      doc({
        ...(base.paths as Record<string, Json>),
        '/chat.postEphemeral': write({
          channel: { type: 'string' },
          user: { type: 'string' },
          icon_url: icon,
        }),
      });
    expect(statusOn(pr(base, withIcon(ICON)), 'POST /chat.postEphemeral')).toEqual([['medium', 'existing']]);
    const other = { type: 'string', description: 'An image we import into the message attachments.' };
    expect(statusOn(pr(base, withIcon(other)), 'POST /chat.postEphemeral')).toEqual([['medium', 'new']]);
  });

  it("Kubernetes: the webhook `url` of a new resource (`auditsinks`), described like the admission webhooks': new", () => {
    const url = {
      type: 'string',
      description: '`url` gives the location of the webhook, in standard URL form.',
    };
    const config = (path: string) => [path, write({ clientConfig: { type: 'object', properties: { url } } })];
    const admission = '/apis/admissionregistration.k8s.io/v1beta1/mutatingwebhookconfigurations';
    const base = doc(Object.fromEntries([config(admission)]));
    const head = doc(
      Object.fromEntries([config(admission), config('/apis/auditregistration.k8s.io/v1alpha1/auditsinks')]),
    );
    expect(statusOn(pr(base, head), 'POST /apis/auditregistration.k8s.io/v1alpha1/auditsinks')).toEqual([
      ['medium', 'new'],
    ]);
  });

  it('Directus: the webhook object (same fields) taken by the new batch `PATCH /webhooks`: existing; one more field in it: new', () => {
    const hook = {
      name: { type: 'string' },
      method: { type: 'string' },
      url: { type: 'string', description: 'The url of the webhook.' },
      status: { type: 'string' },
      actions: {},
    };
    const body = (schema: Json) => ({ content: { 'application/json': { schema } } });
    const ok = { 200: { description: 'ok' } };
    const base = doc({
      '/webhooks': { post: { requestBody: body({ type: 'object', properties: hook }), responses: ok } },
    });
    const batch = (fields: Json) => ({
      type: 'object',
      properties: {
        keys: { type: 'array', items: { type: 'string' } },
        data: { type: 'object', properties: fields },
      },
    });
    const head = (fields: Json) =>
      doc({
        '/webhooks': {
          post: { requestBody: body({ type: 'object', properties: hook }), responses: ok },
          patch: { requestBody: body(batch(fields)), responses: ok },
        },
      });
    expect(statusOn(pr(base, head(hook)), 'PATCH /webhooks')).toEqual([['medium', 'existing']]);
    expect(statusOn(pr(base, head({ ...hook, secret: { type: 'string' } })), 'PATCH /webhooks')).toEqual([
      ['medium', 'new'],
    ]);
  });
});

describe('input-ssrf-url: what the server never requests', () => {
  const read = (parameters: Json[]) => ({ get: { parameters, responses: { 200: { description: 'ok' } } } });

  it("Directus: a login's `redirect` target in the query is an open redirect, low (not a request forgery)", () => {
    const redirect = {
      name: 'redirect',
      in: 'query',
      description: 'Where to redirect on successful login.',
      schema: { type: 'string' },
    };
    const findings = pr(doc({}), doc({ '/auth/oauth/{provider}': read([redirect]) }));
    expect(findings.map((f) => [f.severity, f.message.includes('open redirect')])).toEqual([['low', true]]);
  });

  it('Slack: `step_image_url`, an image shown in Workflow Builder, is not fetched; an image the description says is downloaded is', () => {
    const image = (description: string) => ({
      name: 'step_image_url',
      in: 'query',
      description,
      schema: { type: 'string' },
    });
    const shown = image(
      'An optional field that can be used to override app image that is shown in the Workflow Builder.',
    );
    expect(pr(doc({}), doc({ '/workflows.updateStep': read([shown]) }))).toEqual([]);
    const downloaded = image('The image shown in Workflow Builder; the server downloads it from this URL.');
    expect(pr(doc({}), doc({ '/workflows.updateStep': read([downloaded]) })).map((f) => f.severity)).toEqual([
      'medium',
    ]);
  });
});
