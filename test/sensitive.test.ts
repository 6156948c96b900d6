import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fsReader } from '../src/load/reader.js';
import { loadSpec } from '../src/normalize/spec.js';
import {
  type DataKind,
  dataKindOfName,
  mayHoldSecret,
  type SecretMatch,
  secretInValue,
  secretInValueThoroughly,
  sensitiveFields,
  sensitiveKinds,
  stringsIn,
} from '../src/sensitive.js';
import { directorySample, githubSpecPaths, isCorpusInstalled } from './corpus/index.js';
import { loadInline } from './helpers/inline.js';

describe('dataKindOfName', () => {
  const rows: [string, DataKind | undefined][] = [
    // credentials
    ['password', 'credential'],
    ['newPassword', 'credential'],
    ['client_secret', 'credential'],
    ['api_key', 'credential'],
    ['X-Api-Key', 'credential'],
    ['access_token', 'credential'],
    ['refreshToken', 'credential'],
    ['sessionId', 'credential'],
    ['JSESSIONID', 'credential'],
    ['pin', 'credential'],
    ['pwd', 'credential'],
    ['privateKey', 'credential'],
    ['passphrase', 'credential'],
    // payment cards
    ['card_number', 'payment-card'],
    ['cardNumber', 'payment-card'],
    ['Card-Number', 'payment-card'],
    ['creditCard', 'payment-card'],
    ['cvv', 'payment-card'],
    ['CVC2', 'payment-card'],
    ['pan', 'payment-card'],
    // government ids
    ['ssn', 'government-id'],
    ['social_security_number', 'government-id'],
    ['nationalId', 'government-id'],
    ['passportNumber', 'government-id'],
    ['tax_id', 'government-id'],
    ['drivers_license_number', 'government-id'],
    // bank accounts
    ['iban', 'bank-account'],
    ['bankAccountNumber', 'bank-account'],
    // a bank's routing number or sort code identifies the bank, not the account
    ['routing_number', undefined],
    ['sortCode', undefined],
    // dates of birth
    ['dob', 'date-of-birth'],
    ['dateOfBirth', 'date-of-birth'],
    ['birth_date', 'date-of-birth'],
    ['birthday', 'date-of-birth'],
    // contact data
    ['email', 'email'],
    ['emailAddress', 'email'],
    ['billing_email', 'email'],
    ['phone', 'phone'],
    ['phoneNumber', 'phone'],
    ['mobile', 'phone'],
    ['telephone', 'phone'],
    ['msisdn', 'phone'],
    ['address', 'address'],
    ['streetAddress', 'address'],
    ['address_line1', 'address'],
    ['postalAddress', 'address'],
    // about the data, not the data: URLs, types, counts, hints, flags, policies, expiry
    ['tokenUrl', undefined],
    ['token_type', undefined],
    ['expires_in', undefined],
    ['tokenExpiresAt', undefined],
    ['passwordPolicy', undefined],
    ['password_required', undefined],
    ['passwordHint', undefined],
    ['cardType', undefined],
    ['email_count', undefined],
    ['emailEnabled', undefined],
    ['phone_format', undefined],
    // pagination cursors and idempotency keys (Google, AWS, Azure)
    ['pageToken', undefined],
    ['nextPageToken', undefined],
    ['NextToken', undefined],
    ['continuationToken', undefined],
    ['ClientToken', undefined],
    ['idempotency_token', undefined],
    ['syncToken', undefined],
    ['cursorToken', undefined],
    // optimistic-concurrency tags (Google's `versionToken`)
    ['version_token', undefined],
    ['versionToken', undefined],
    // masked values are what is shown instead of the data
    ['maskedCardNumber', undefined],
    ['redactedEmail', undefined],
    ['truncated_phone', undefined],
    // words that merely end like a sensitive one
    ['microphone', undefined],
    ['headphone', undefined],
    ['ipAddress', undefined],
    ['macAddress', undefined],
    ['spinner', undefined],
    ['secretId', undefined],
    ['username', undefined],
    ['', undefined],
  ];
  it.each(rows)('%s → %s', (name, kind) => {
    expect(dataKindOfName(name)).toBe(kind);
  });
});

/** Appends the Luhn check digit. */
function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: unknown, payload: unknown) =>
  `${b64url(header)}.${b64url(payload)}.3q2-7wXn9K1v0pQ4dJmZ8sYtR6uLcE5hN2bF7aG1xWk`;

const VISA = withCheckDigit('453957876362148'); // 4539578763621486
const MASTERCARD = withCheckDigit('541275000043912');
const MASTERCARD_2 = withCheckDigit('222300412345678');
const AMEX = withCheckDigit('37954321098765');
const DISCOVER = withCheckDigit('601154321098765');
const JCB = withCheckDigit('353954321098765');
/** File content as GitHub's contents API returns it: base64 in lines of 60, joined here by the two characters `\n`. */
const base64Lines = (text: string) =>
  (
    Buffer.from(text)
      .toString('base64')
      .match(/.{1,60}/g) ?? []
  ).join('\\n');
/** A DER ECDSA signature (SEQUENCE of INTEGER r, INTEGER s), from GitHub's attestation example (api.github.com.json). */
const ECDSA_SIGNATURE =
  'MEQCIEGIGAm7gZVLLpsrPcjndEjiuctE2/c9+j9KGvazz3rlAiAd6O16T5hkzRM3IbRPzm+xT40mNQZxefd7laDP6x2XLQ==';

const PEM_BODY =
  'MIIEowIBAAKCAQEAwQHoetcl9+5ikGzV6cMzWtWPJHqXT3wpbEkRU9Yz7lgvddmG\ndtcGbg/1CGZu0jJGkMoppoUo4c3dts3iwqRYmBikUP77wwY2QGmDZw==';

describe('secretInValue: found', () => {
  const rows: [string, string, SecretMatch['kind']][] = [
    // social security numbers
    ['an SSN', '536-90-4412', 'ssn'],
    ['an SSN in a sentence', 'SSN: 536-90-4412.', 'ssn'],
    ['a real SSN after a sample one', '123-45-6789 or 536-90-4412', 'ssn'],
    // payment cards (Luhn-valid, issuer prefix and length of a network, not a published test card)
    ['Visa', VISA, 'payment-card'],
    ['Visa in groups of four', VISA.replace(/(\d{4})(?=\d)/g, '$1 '), 'payment-card'],
    ['Visa with dashes', VISA.replace(/(\d{4})(?=\d)/g, '$1-'), 'payment-card'],
    ['Mastercard', MASTERCARD, 'payment-card'],
    ['Mastercard 2-series', MASTERCARD_2, 'payment-card'],
    ['Amex (15 digits)', AMEX, 'payment-card'],
    ['Amex printed 4-6-5', `${AMEX.slice(0, 4)} ${AMEX.slice(4, 10)} ${AMEX.slice(10)}`, 'payment-card'],
    ['Discover', DISCOVER, 'payment-card'],
    ['JCB', JCB, 'payment-card'],
    ['a card inside a JSON-ish string', `{"pan":"${VISA}","exp":"12/29"}`, 'payment-card'],
    // JWTs whose header decodes to an object with `alg`
    ['a signed JWT', jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'usr_8f3a2c', iat: 1717000000 }), 'jwt'],
    [
      'a bearer header value',
      `Bearer ${jwt({ alg: 'RS256', kid: 'k1' }, { sub: 'u-42', scope: 'orders' })}`,
      'jwt',
    ],
    // cloud and SaaS keys
    ['AWS access key id', 'AKIA2E0A8F3B244C9986', 'cloud-key'],
    ['AWS temporary key id in a query string', 'X-Amz-Credential=ASIA5QX7RZ4NBT2LKW9M/20240115', 'cloud-key'],
    ['Google API key', 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI', 'cloud-key'],
    ['GitHub token', 'ghp_R8sKq2Lm9Xv4Wp7Zt3Nd6Hf1Jb5Gc0YtUeAa', 'cloud-key'],
    ['GitHub fine-grained token', `github_pat_11ABCDEFG0${'a1B2c3D4e5'.repeat(7)}`, 'cloud-key'],
    ['Slack bot token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'cloud-key'],
    ['Stripe live secret key', 'sk_live_51HxQ2cK8vZ3mN7pR4tY6wB9', 'cloud-key'],
    ['Stripe live restricted key', 'rk_live_51HxQ2cK8vZ3mN7pR4tY6wB9', 'cloud-key'],
    // private keys with a body
    [
      'an RSA private key',
      `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\n`,
      'private-key',
    ],
    [
      'a PKCS#8 private key',
      `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`,
      'private-key',
    ],
    [
      'an OpenSSH private key',
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${PEM_BODY}\n-----END OPENSSH PRIVATE KEY-----`,
      'private-key',
    ],
    [
      'a PGP private key block',
      `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${PEM_BODY}\n-----END PGP PRIVATE KEY BLOCK-----`,
      'private-key',
    ],
    // random keys: long, mixed case and digits, high entropy, no words
    ['a random 40-character key', 'Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRiOpAs', 'random-key'],
    ['a random 32-character key after a label', 'api_key=k7Hq2MZp9vXw4RtL8cNy3BsF6dGj1QaE', 'random-key'],
    ['a webhook signing secret', 'whsec_k7Hq2MZp9vXw4RtL8cNy3BsF6dGj1QaE', 'random-key'],
    ['a key in a URL query', 'https://hooks.acme.io/in?key=Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUe', 'random-key'],
    [
      'a capability URL segment',
      'https://files.acme.io/d/Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRi/report.pdf',
      'random-key',
    ],
    ['base64 of random bytes', 'q3Vd8/Zk1mR+f0TbX9wLc2YhN7sJ4uPe6GaK5oQiB8E=', 'random-key'],
    // signed JWTs that have not expired (an `exp` in 2100), or without `exp`
    ['a JWT expiring in 2100', jwt({ alg: 'RS256' }, { sub: 'repo:acme/api', exp: 4102444800 }), 'jwt'],
    // base64 lines of random bytes, or of text holding a key, are judged as such
    [
      'base64 lines of random bytes',
      [
        'q3Vd8/Zk1mR+f0TbX9wLc2YhN7sJ4uPe6GaK5oQiB8E=',
        'Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRiOpAs+Q8w',
        'N7sJ4uPe6GaK5oQiB8Eq3Vd8/Zk1mR+f0TbX9wLc2YhA',
      ].join('\\n'),
      'random-key',
    ],
    [
      'base64 lines of a file holding an AWS key',
      base64Lines(`[default]\naws_access_key_id = AKIA2E0A8F3B244C9986\nregion = eu-west-1\n`),
      'cloud-key',
    ],
    // DER that is not a signature: an Ed25519 private key (PKCS#8), base64
    // a signed URL still valid (Azure SAS expiring in 2100)
    [
      'an Azure SAS URL valid until 2100',
      'https://tmastaging.blob.core.windows.net/attestations/1/2024/11/08/4.json.sn?se=2100-11-09T17%3A13%3A43Z&sig=jPSbbJnIEshUyCjBLU5Ykq0uuGc5UYxTZE1%2FhdBNMXk%3D&sp=r&spr=https%2Chttp&sr=b&st=2024-11-08T17%3A13%3A43Z&sv=2024-08-04',
      'random-key',
    ],
    ['a DER private key', 'MC4CAQAwBQYDK2VwBCIEIOn7xYwqgvVl1x8k6YzP2a2wO0G9Vd0cK3m9mF1eGb4D', 'random-key'],
    // a password hash does not hide a key written after it
    [
      'a key after a bcrypt hash',
      '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRiOpAs',
      'random-key',
    ],
    [
      'a key hidden in base64-encoded text',
      Buffer.from('client:Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUe').toString('base64'),
      'random-key',
    ],
  ];
  it.each(rows)('%s', (_name, value, kind) => {
    const match = secretInValue(value);
    expect(match?.kind).toBe(kind);
    // The preview never prints the secret.
    expect(match?.preview).not.toContain(value.trim());
  });
});

describe('secretInValue: not found', () => {
  const rows: [string, string][] = [
    // SSNs that cannot be issued, and the famous samples
    ['SSN area 000', '000-12-3456'],
    ['SSN area 666', '666-12-3456'],
    ['SSN area 9xx (ITIN range)', '912-34-5678'],
    ['SSN group 00', '536-00-4412'],
    ['SSN serial 0000', '536-90-0000'],
    ['the textbook sample 123-45-6789', '123-45-6789'],
    ['the Woolworth wallet SSN', '078-05-1120'],
    ['an advertised SSN', '219-09-9999'],
    ["Plaid's documented example SSN (plaid.com.json)", '111-22-1234'],
    ['one repeated digit', '111-11-1111'],
    ['part of an order id', 'ORD-536-90-4412'],
    ['followed by more digits', '536-90-4412-7'],
    ['a US phone number', '415-555-0132'],
    // card-like numbers that are not card numbers
    ['Luhn-invalid', withCheckDigit('453957876362148').replace(/6$/, '7')],
    ['the Visa test card', '4111 1111 1111 1111'],
    ['the Stripe test card', '4242424242424242'],
    ['the Mastercard test card', '5555555555554444'],
    ['the Amex test card', '378282246310005'],
    ["Adyen's Mastercard test card (its Balance Platform examples)", '5555 3412 4444 1115'],
    ['the Discover test card', '6011111111111117'],
    ['the Braintree JCB test card', '3530111333300000'],
    ['a Stripe decline test card', '4000000000000077'],
    ['a Stripe 3-D Secure test card', '4000002500003155'],
    ['three digits or fewer', '4444444444444448'],
    ["counting digits: Adyen's example card (adyen.com/PaymentService.json)", '5212345678901234'],
    ['no card network starts with 9', withCheckDigit('953957876362148')],
    ['an EAN-13 barcode', '4006381333931'],
    ['a 15-digit Visa-like tracking number', withCheckDigit('44904430413782')],
    ['an E.164 phone number', '+4915112345678'],
    ['an international phone number with spaces', '+49 151 1234 5678'],
    ['digits grouped like a phone, not a card', '49 151 12345678'],
    ['an epoch in milliseconds', '1705314600000'],
    ['a compact timestamp', '20240115103000123'],
    // JWTs that are not real tokens
    [
      'the jwt.io sample',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    ['claims with example data', jwt({ alg: 'RS256' }, { iss: 'https://auth.example.com', sub: 'u1' })],
    ['a header without `alg`', jwt({ typ: 'JWT' }, { sub: 'u1', iat: 1717000000 })],
    [
      'a header that does not decode',
      `eyJ${Buffer.from('not json at all').toString('base64url')}.${b64url({ sub: 'u1' })}.signature123`,
    ],
    // placeholders
    ['the AWS documentation key', 'AKIAIOSFODNN7EXAMPLE'],
    ['the AWS documentation secret', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['the GitHub documentation token', 'ghu_16C7e42F292c6912E7710c838347Ae178B4a'],
    ["GitHub's documented encrypted secret value", '2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234'],
    ["GitHub's documented encrypted secret value (variant)", '2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJy931234'],
    [
      "Slack's documented bot token (oauth.v2.access, slack.com.json)",
      'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
    ],
    [
      "an expired JWT (GitHub's Pages deployment example: an Actions OIDC token of 2021)",
      jwt(
        { typ: 'JWT', alg: 'RS256', kid: '52F197C481DE70112C441B4A9B37B53C7FCF0DB5' },
        {
          sub: 'repo:paper-spa/minyi:environment:Production',
          iss: 'https://token.actions.githubusercontent.com',
          exp: 1639001756,
        },
      ),
    ],
    ['x-ed out', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
    ['a dummy', 'dummy-token-Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0'],
    ['Stripe test-mode keys', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    ['Stripe publishable keys', 'pk_live_51HxQ2cK8vZ3mN7pR4tY6wB9Lm'],
    [
      'a private key block without a body',
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
    ],
    [
      'a private key block marked EXAMPLE',
      `-----BEGIN PRIVATE KEY-----\nEXAMPLE${PEM_BODY}\n-----END PRIVATE KEY-----`,
    ],
    // public material
    ['a public key', `-----BEGIN PUBLIC KEY-----\n${PEM_BODY}\n-----END PUBLIC KEY-----`],
    ['a certificate', `-----BEGIN CERTIFICATE-----\n${PEM_BODY}\n-----END CERTIFICATE-----`],
    [
      'an SSH public key',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@bastion',
    ],
    // ids, hashes and encodings
    ['a sha256 hex digest', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a git commit sha', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b'],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a subresource-integrity hash', 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
    ['a Digest header', 'sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE='],
    [
      'a base64 PNG data URI',
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    ],
    [
      'bare base64 PNG',
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    ],
    ['a base64 JSON pagination cursor', 'eyJpZCI6MTIzNDU2Nzg5MCwiY3JlYXRlZEF0IjoiMjAyNC0wMS0xNSJ9'],
    ['a GraphQL global id', 'Q2hlY2tvdXRTZXNzaW9uOjEyMzQ1Njc4OTA='],
    // published or one-way by design
    ['a DER ECDSA signature', ECDSA_SIGNATURE],
    [
      "an expired Azure SAS URL (GitHub's attestation example, api.github.com.json)",
      'https://tmastaging.blob.core.windows.net/attestations/1/2024/11/08/4.json.sn?se=2024-11-09T17%3A13%3A43Z&sig=jPSbbJnIEshUyCjBLU5Ykq0uuGc5UYxTZE1%2FhdBNMXk%3D&sp=r&spr=https%2Chttp&sr=b&st=2024-11-08T17%3A13%3A43Z&sv=2024-08-04',
    ],
    [
      'an expired S3 presigned URL',
      'https://acme.s3.amazonaws.com/r.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20210101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0YtUeRiOpAs',
    ],
    [
      "a signed note's signature line (Rekor checkpoint: key hint + DER signature)",
      '— rekor.sigstore.dev wNI9ajBEAiBkLzdjY8A9HReU7rmtjwZ+JpSuYtEr9SmvSwUIW7FBjgIgKo+vhkW3tqc+gc8fw9gza3xLoncA8a+MTaJYCaLGA9c=',
    ],
    [
      'an Argon2 password hash (Directus openapi.json)',
      '$argon2i$v=19$m=4096,t=3,p=1$pOyIa/zmRAjCVLb2f7kOyg$DasoO6LzMM+6iKfzCDq6JbsYsZWLSm33p7i9NxL9mDc',
    ],
    ['a bcrypt password hash', '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    [
      "a file's content in base64 lines (GitHub's contents example, one line mangled by hand)",
      `IyBZb2dhIEJvmsgaW4gcHJvZ3Jlc3MhIEZlZWwgdAoKOndhcm5pbmc6IFdvc\\n${base64Lines('A web app that leads you through a yoga session.\n\n[Workout now!](https://skedwards88.github.io/yoga/)\n\n<img src="src/images/maskable_icon_512.png" alt="bot lifting weights" width="100"/>\n'.repeat(3))}`,
    ],
    [
      'an escaped line break before a hash',
      'rekor.sigstore.dev - 2605736670972794746\\n93750551\\nKgKiXoOl8rM5d4y6Xlbm2QLftvj/FYvTs6z7dJlNO60=\\n'.replace(
        'KgKiXoOl8rM5d4y6Xlbm2QLftvj/FYvTs6z7dJlNO60=',
        '4c2f6b0e7d1a9f3e5b8c2d4a6e0f1b3c',
      ),
    ],
    ['a Stripe object id', 'pi_3MtwBwLkdIwHu7ix28a3tqPa'],
    ['a prefixed object id', 'dpl_2euZBFqxYdDMDG1jTrHFnNZ2eUVa'],
    ['an id in a URL path', 'https://api.spotify.com/v1/audio-analysis/2takcwOaAZWiXQijPHIx7B'],
    ['an order id', 'ORD-2024-000123-A7'],
    // everyday values
    ['an ISO date-time', '2024-01-15T10:30:00.000Z'],
    ['a semantic version', '1.2.3-beta.1+build.20240115'],
    ['a long URL', 'https://storage.googleapis.com/acme-prod-bucket/Folder1/SubFolder/fileName2.png'],
    [
      'a commit URL',
      'https://api.github.com/repos/octocat/Hello-World/git/commits/7638417db6d59f3c431d3e1f261cc637155684cd',
    ],
    [
      'an Azure resource id',
      '/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1',
    ],
    ['a name with a UUID', 'TargetTracking-my-asg-AlarmLow-61a39305-ed0c-47af-bd9e-471a352ee1a2'],
    ['a resource name', 'projects/my-project-123/locations/us-central1/functions/processOrderEvents'],
    ['a path with ids', 'customers/CustomerAccountNumber12345/invoices/InvoiceNumber2024'],
    ['a long camelCase identifier', 'ProductCatalogueItemV2SummaryResponse2024'],
    ['another one', 'getUserAccountSettingsByOrganizationId2'],
    ['a media type', 'application/vnd.github.v3+json'],
    ['an OAuth grant type', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    ['English text', 'The quick brown fox jumps over the lazy dog 1234567890 times'],
    ['too short to judge', 'abc12'],
    ['too long to judge', 'Zq8Xv2Lm9Rt4Wp7Ks3Nd6Hf1Jb5Gc0 '.repeat(700)],
  ];
  it.each(rows)('%s', (_name, value) => {
    expect(secretInValue(value)).toBeUndefined();
  });
});

describe('mayHoldSecret', () => {
  // The regex it stands for: a marker, or 32 characters of a key's alphabet in a row.
  const regex =
    /-----BEGIN|ssh-|ecdsa-|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIza|gh[pousr]_|github_pat_|xox[abposr]-|[rs]k_live_|eyJ|\d(?:[ -]?\d){12}|\d{3}-\d{2}-\d{4}|[A-Za-z0-9+/_-]{32}/;

  it('is the regex on runs of key characters around 32 long, broken by others', () => {
    const pieces = fc.constantFrom(
      'a',
      'Z',
      '9',
      '+',
      '/',
      '_',
      '-',
      ' ',
      '.',
      '`',
      'é',
      '\u{1F600}',
      'ab'.repeat(8),
      'x'.repeat(31),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(mayHoldSecret(text), text).toBe(regex.test(text));
      }),
      { numRuns: 3000 },
    );
    expect(mayHoldSecret('a'.repeat(31))).toBe(false);
    expect(mayHoldSecret(`${'a'.repeat(31)}é${'b'.repeat(31)}`)).toBe(false);
    expect(mayHoldSecret(`see /${'a'.repeat(31)}`)).toBe(true);
  });
});

describe('secretInValue: the quick rejection loses nothing', () => {
  const same = (value: string): void => {
    expect(secretInValue(value), value).toEqual(secretInValueThoroughly(value));
  };

  it('on strings made of the characters secrets are made of', () => {
    const pieces = fc.constantFrom(
      ...'0123456789 -_+/=.:abcdefXYZ'.split(''),
      'eyJ',
      'AKIA',
      'ghp_',
      'sk_live_',
      '-----BEGIN PRIVATE KEY-----\n',
      'ssh-rsa ',
      'Zq8Xv2Lm9Rt4Wp7K',
      '4556737586899855',
      '536-90-4412',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        same(parts.join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it.skipIf(!isCorpusInstalled())(
    'on every string in GitHub’s description and a sample of the directory',
    () => {
      const files = [
        githubSpecPaths().v23,
        ...directorySample()
          .slice(0, 40)
          .map((e) => e.path),
      ];
      let found = 0;
      for (const file of files.filter((f) => f.endsWith('.json'))) {
        for (const value of stringsIn(JSON.parse(readFileSync(file, 'utf8')), 1_000_000)) {
          same(value);
          if (secretInValue(value)) found++;
        }
      }
      expect(found).toBeGreaterThan(0); // the comparison covered strings that do match
    },
  );
});

describe('sensitiveKinds', () => {
  it.skipIf(!isCorpusInstalled())(
    'is the set of kinds of sensitiveFields on every media schema of GitHub’s description and a directory sample',
    () => {
      const files = [
        githubSpecPaths().v23,
        ...directorySample()
          .slice(0, 20)
          .map((e) => e.path),
      ];
      let compared = 0;
      let withKinds = 0;
      for (const file of files) {
        const spec = loadSpec(fsReader(dirname(file)), basename(file));
        for (const endpoint of spec.model?.endpoints ?? []) {
          const media = [
            ...(endpoint.requestBody?.content ?? []),
            ...endpoint.responses.flatMap((r) => r.content),
          ];
          for (const { schema } of media) {
            const fields = sensitiveFields(schema, false);
            const kinds = [...sensitiveKinds(schema)].sort();
            const fromFields = [...new Set(fields.map((f) => f.kind))].sort();
            // sensitiveFields stops at 200 fields; the kinds are all of them.
            if (fields.length < 200) expect(kinds).toEqual(fromFields);
            else expect(kinds).toEqual(expect.arrayContaining(fromFields));
            compared++;
            if (kinds.length > 0) withKinds++;
          }
        }
      }
      expect(compared).toBeGreaterThan(2000);
      expect(withKinds).toBeGreaterThan(100);
    },
  );
});

describe('results over cyclic schemas', () => {
  // Node -> Tree -> Node: whichever endpoint is read first, /tree reaches the password through the cycle.
  const spec = (first: 'node' | 'tree') => {
    const paths = {
      node: `  /node:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Node' }\n`,
      tree: `  /tree:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Tree' }\n`,
    };
    return loadInline(
      `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${first === 'node' ? paths.node + paths.tree : paths.tree + paths.node}components:\n  schemas:\n    Node:\n      type: object\n      properties:\n        password: { type: string }\n        parent: { $ref: '#/components/schemas/Tree' }\n    Tree:\n      type: object\n      properties:\n        node: { $ref: '#/components/schemas/Node' }\n`,
    );
  };
  const treeOf = (first: 'node' | 'tree') => {
    const endpoints = spec(first).model?.endpoints ?? [];
    const tree = endpoints.find((e) => e.path === '/tree');
    const node = endpoints.find((e) => e.path === '/node');
    // Asked in the document's order, as the checks do.
    const schemas = (first === 'node' ? [node, tree] : [tree, node]).map(
      (e) => e?.responses[0]?.content[0]?.schema,
    );
    const fields = schemas.map((s) => sensitiveFields(s, true).map((f) => f.path));
    return { dataTypes: tree?.dataTypes, treeFields: first === 'node' ? fields[1] : fields[0] };
  };

  it('an endpoint’s data types do not depend on which endpoint entered the cycle first', () => {
    const kind = dataKindOfName('password');
    expect(kind).toBeDefined();
    expect(treeOf('tree').dataTypes).toEqual([kind]);
    expect(treeOf('node').dataTypes).toEqual([kind]);
  });

  it('sensitive fields do not either', () => {
    expect(treeOf('tree').treeFields).toContain('node.password');
    expect(treeOf('node').treeFields).toEqual(treeOf('tree').treeFields);
  });
});
