// E-mail addresses and phone numbers by value in examples (issue 19 item 5): a real-looking person's is a
// low finding of sensitive-example-value; documentation values are not reported.
import { describe, expect, it } from 'vitest';
import { sensitiveExampleValue } from '../src/assess/checks/sensitive-example-value.js';
import { personalInValue, registrableDomain } from '../src/personal-values.js';
import { loadInline, outdent } from './helpers/inline.js';

describe('personalInValue', () => {
  const found: [string, 'email' | 'phone'][] = [
    ['jane.miller@gmail.com', 'email'],
    ['Contact: k.nakamura@fastmail.jp for access', 'email'],
    ['chris@ozmm.org', 'email'],
    ['+14158672671', 'phone'],
    ['+44 20 7183 4987', 'phone'],
    ['+33 6 79 27 84 16', 'phone'],
    ['(415) 867-2671', 'phone'],
    ['415-867-2671', 'phone'],
    ['tel:+4915119283678', 'phone'],
  ];
  it.each(found)('%s is %s', (value, kind) => {
    const match = personalInValue(value);
    expect(match?.kind).toBe(kind);
    // The preview never repeats the value.
    expect(match!.preview).not.toContain(value);
    expect(match!.preview).not.toMatch(/miller|nakamura|ozmm|8672671|4987/);
  });

  const documentation = [
    'user@example.com',
    'jane@example.org',
    'ops@sub.example.net',
    'someone@company.test',
    'a@b.com',
    'john.doe@gmail.com',
    'test_13f1e99741e3e004@d7e1eb0bc0a1ba12.com',
    'support@stripe.com',
    'noreply@github.com',
    'git@github.com:octocat/Hello-World.git',
    'johndoe@contoso.com',
    'io.netty:netty@3.9.2.Final',
    'email1@mail.com',
    '555-0142',
    '+1 202 555 0142',
    '(212) 555-0199',
    '+1-800-867-5309',
    '+44 7700 900123',
    '+44 20 7946 0958',
    '+61 491 570 156',
    '+1 234 567 8901',
    '+12223334444',
    '20240115',
    '2024-01-15',
    '+0100',
    '1234567890123',
    '123-456-7890',
    'order 415-867-2671 shipped',
  ];
  it.each(documentation)('%s is a documentation value or no contact', (value) => {
    expect(personalInValue(value)).toBeUndefined();
  });

  it('names the domain an organisation owns', () => {
    expect(registrableDomain('api.github.com')).toBe('github.com');
    expect(registrableDomain('api.eu.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('10.0.0.1')).toBeUndefined();
  });
});

describe('sensitive-example-value: e-mail and phone values', () => {
  const doc = (email: string, phone: string, servers = 'https://api.shop.io/v1') =>
    outdent(`
      openapi: 3.0.3
      info: { title: Shop, version: '1' }
      servers: [{ url: '${servers}' }]
      paths:
        /customers/{id}:
          get:
            parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        contact: { type: string, example: '${email}' }
                        mobile: { type: string, example: '${phone}' }
    `);

  const run = (text: string) => sensitiveExampleValue.run(loadInline(text).model!, undefined as never);

  it('reports a real-looking address and number at low, never printing them', () => {
    const hits = run(doc('jane.miller@gmail.com', '+44 20 7183 4987'));
    expect(hits.map((h) => [h.variant, h.severity])).toEqual([
      ['email', 'low'],
      ['phone', 'low'],
    ]);
    for (const hit of hits) expect(hit.message).not.toMatch(/miller|gmail|7183/);
    expect(hits.map((h) => h.endpoints)).toEqual([['GET /customers/{}'], ['GET /customers/{}']]);
  });

  it('does not report documentation values', () => {
    expect(run(doc('user@example.com', '+1 202 555 0142'))).toEqual([]);
  });

  it("does not report the provider's own addresses", () => {
    expect(run(doc('octocat@shop.io', '+1 202 555 0142')).map((h) => h.variant)).toEqual([]);
    expect(
      run(doc('octocat@shop.io', '+1 202 555 0142', 'https://api.other.io')).map((h) => h.variant),
    ).toEqual(['email']);
  });
});
