// Personal data recognised in literal values (examples, defaults, enums): e-mail addresses and phone
// numbers that look like a real person's. Documentation values are not: the reserved example domains and
// top-level names (RFC 2606, RFC 6761), role mailboxes (`support@`, `noreply@`), and the numbers set aside
// for fiction and documentation (North American 555-0100..0199, Ofcom's drama ranges). Tuned against noise:
// a phone number must be the whole value, shaped like one.

export interface PersonalMatch {
  kind: 'email' | 'phone';
  /** What was found, redacted: never the value itself. */
  preview: string;
  /** An e-mail address's domain, lower case (the check skips the API provider's own). */
  domain?: string;
}

const EMAIL =
  /(?<![\w.%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24})(?![\w-])/g;

/** Reserved for documentation and tests (RFC 2606, RFC 6761), and the obvious stand-ins for one. */
const DOCUMENTATION_DOMAIN =
  /(^|\.)(example\.(com|org|net|edu)|[^.]+\.(example|test|invalid|localhost|local)|(your|my)?(domain|company|email|website)\.(com|org|net)|test\.com|acme\.(com|corp)|(contoso|fabrikam|northwindtraders|adventure-works|wingtiptoys|tailspintoys|litwareinc|proseware|woodgrovebank|alpineskihouse|treyresearch)\.(com|net|org))$/i;

/** Mailboxes of a role or a system, not of a person. */
const ROLE_MAILBOX =
  /^(no-?reply|do-?not-?reply|support|help|info|contact|admin|administrator|hello|sales|billing|security|privacy|abuse|postmaster|webmaster|hostmaster|team|office|jobs|careers|press|marketing|notifications?|alerts?|api|dev|developers?|ops|root|service|feedback|legal|compliance|dpo|git|default|mailer-daemon|bounce|bounces)([._+-].*)?$/i;

/** A stand-in written on purpose: a word like `example` anywhere, or a local part made of such words only. */
const PLACEHOLDER = /example|dummy|placeholder|redacted|xxx|yourname|youremail|foobar/i;
const PLACEHOLDER_WORD =
  /^(sample|test|tester|testing|fake|foo|bar|baz|qux|user|username|someone|somebody|anybody|name|firstname|lastname|first|last|me|you|your|email|mail|john|jane|doe|smith|alice|bob|carol)?\d*$/i;

/** Words that make any local part a stand-in (`test_13f1e99741e3e004@…`). */
const STAND_IN_WORD = /^(sample|test|testing|fake|dummy|foo|bar|baz|qux)\d*$/i;

function placeholderLocal(local: string): boolean {
  const parts = local.split(/[._+-]/);
  return (
    PLACEHOLDER.test(local) ||
    parts.some((part) => STAND_IN_WORD.test(part)) ||
    parts.every((part) => PLACEHOLDER_WORD.test(part))
  );
}

/**
 * `api.eu.acme.co.uk` → `acme.co.uk`, `api.github.com` → `github.com`: the domain an organisation owns
 * (a two-letter country code after a short second level counts as one suffix). Undefined for an IP.
 */
export function registrableDomain(host: string): string | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2 || labels.every((l) => /^\d+$/.test(l))) return undefined;
  const countrySuffix = labels.length >= 3 && labels.at(-1)!.length === 2 && labels.at(-2)!.length <= 3;
  return labels.slice(countrySuffix ? -3 : -2).join('.');
}

/** The first e-mail address or phone number in `value` that looks like a real person's, if any. */
export function personalInValue(value: string): PersonalMatch | undefined {
  if (value.length < 6 || value.length > 20_000) return undefined;
  if (value.includes('@')) {
    for (const match of value.matchAll(EMAIL)) {
      const [, local, domain] = match as unknown as [string, string, string];
      if (DOCUMENTATION_DOMAIN.test(domain) || ROLE_MAILBOX.test(local)) continue;
      if (placeholderLocal(local) || PLACEHOLDER.test(domain) || /(^|\.)test/i.test(domain)) continue;
      // `netty@3.9.2.Final` (a version), `a@b.com` (a stand-in).
      if (/^[\d.]+\.[a-z]+$/i.test(domain) || local.length === 1 || /^[^.]\./.test(domain)) continue;
      return {
        kind: 'email',
        preview: `an e-mail address ${local[0]}***@***.${domain.split('.').pop()}`,
        domain: domain.toLowerCase(),
      };
    }
  }
  const phone = phoneDigits(value);
  if (phone) return { kind: 'phone', preview: `a phone number ending in ${phone.slice(-2)}` };
  return undefined;
}

/**
 * The digits of a value that is a phone number and nothing else: international (`+` and 8 to 15 digits,
 * `+44 20 7946 0958`, `tel:` allowed) or North American with separators (`(415) 555-2671`, `415-555-2671`).
 * A bare run of digits is an id or an amount, not judged.
 */
function phoneDigits(raw: string): string | undefined {
  const value = raw.trim().replace(/^tel:/i, '');
  if (value.length > 32 || !/^[+(\d]/.test(value)) return undefined;
  let digits: string;
  if (/^\+\d[\d ().-]{6,22}\d$/.test(value)) {
    digits = value.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) return undefined;
    // Separators between groups only, at most one in a row (`+1 (415) 555-2671`, not a date or a range).
    if (/[ .-]{2,}|[.-]\(|\)[.-]/.test(value.replace(/\) /g, ')'))) return undefined;
  } else if (/^(\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}$/.test(value)) {
    digits = `1${value.replace(/\D/g, '')}`;
  } else return undefined;
  return fictional(digits) ? undefined : digits;
}

/**
 * Numbers set aside for fiction and documentation, business lines, and typed ones (`1234567890`,
 * `+1 970 555 5098`: a run of four equal or counting digits, or a block typed three times).
 */
function fictional(digits: string): boolean {
  if (new Set(digits).size <= 3 || /(\d)\1{3}|(\d{3})\2\2/.test(digits) || countingRun(digits)) return true;
  if (digits.startsWith('1') && digits.length === 11) {
    const [area, exchange] = [digits.slice(1, 4), digits.slice(4, 7)];
    if (/^[01]/.test(area) || /^[01]/.test(exchange)) return true; // no such North American number
    // 555: the exchange of fiction (555-0100..0199 reserved, the rest unassigned or directory services).
    if (area === '555' || exchange === '555') return true;
    if (/^8(00|33|44|55|66|77|88)$/.test(area)) return true; // toll-free: a business line, not a person's
  }
  // Ofcom's drama ranges: 07700 900000..900999, 020 7946 0000..0999 (and the other cities' 0xxx 496 0xxx).
  if (
    /^44(7700900|2079460|1134960|1144960|1154960|1174960|1184960|1214960|1314960|1414960|1514960|1614960|2890180|2920180|1632960)/.test(
      digits,
    )
  )
    return true;
  // Australia's fiction ranges: 0491 570 xxx mobiles, (02) 5550 xxxx / 7010 xxxx fixed lines.
  if (/^61(491570|491571|491572|491573|2555|3555|7555|8555|27010|37010|77010|87010)/.test(digits))
    return true;
  return false;
}

/** Four digits counting up or down (`1234`, `6543`). */
function countingRun(digits: string): boolean {
  for (let i = 0; i + 3 < digits.length; i++) {
    const step = digits.charCodeAt(i + 1) - digits.charCodeAt(i);
    if (
      (step === 1 || step === -1) &&
      digits.charCodeAt(i + 2) - digits.charCodeAt(i + 1) === step &&
      digits.charCodeAt(i + 3) - digits.charCodeAt(i + 2) === step
    )
      return true;
  }
  return false;
}
