import { label } from '../context.js';
import type { EndpointCheck } from '../types.js';
import { isLoopback, isPlainHttp } from '../urls.js';

export const transportHttpCallback: EndpointCheck = {
  id: 'transport-http-callback',
  category: 'transport',
  severity: 'medium',
  owasp: 'API10:2023 Unsafe Consumption of APIs',
  cwe: 'CWE-319',
  title: 'Callback or webhook over plain HTTP',
  rationale:
    'Callbacks carry event data (often personal data or tokens) to a URL over the network; http:// exposes it.',
  remediation: 'Declare callback URLs with https:// and reject http:// callback registrations.',
  scope: 'endpoint',
  run(endpoint) {
    return endpoint.callbacks
      .filter((c) => isPlainHttp(c.url) && !isLoopback(c.url))
      .map((c) => ({
        message: `${label(endpoint)} calls back ${c.url} (\`${c.name}\`) over plain HTTP`,
        loc: c.loc,
        key: `${c.name}:${c.url}`,
      }));
  },
};
