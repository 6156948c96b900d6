import { authenticates } from '../../normalize/security.js';
import { byExposure, isWrite, label } from '../context.js';
import { type EndpointCheck, ONE_PER_ENDPOINT } from '../types.js';

export const authAnonymousAlternative: EndpointCheck = {
  id: 'auth-anonymous-alternative',
  category: 'authentication',
  severity: 'medium',
  owasp: 'API2:2023 Broken Authentication',
  cwe: 'CWE-287',
  title: 'Anonymous access allowed as an alternative',
  rationale:
    'An empty requirement `{}` next to real ones lets any caller skip authentication; it is easy to add by accident.',
  remediation:
    'Remove the empty `{}` entry from `security`, or document the anonymous behaviour explicitly if it is intended.',
  scope: 'endpoint',
  run(endpoint) {
    const { requirements, loc } = endpoint.security;
    // Beside only undefined schemes, `{}` is no alternative: auth-missing reports the endpoint instead.
    if (!requirements.some((r) => r.length === 0) || !requirements.some(authenticates)) return [];
    return [
      {
        message: `${label(endpoint)} lists an empty security requirement \`{}\`, so callers may skip authentication`,
        loc: loc ?? endpoint.loc,
        key: ONE_PER_ENDPOINT, // the root's `security` or the operation's: moving it is no new finding
        severity: byExposure(endpoint, isWrite(endpoint) ? 'high' : 'medium'),
      },
    ];
  },
};
