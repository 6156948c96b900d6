// Compliance tags on endpoints, from the data kinds they handle (src/sensitive.ts): which regime an
// endpoint falls under, so a policy can hold those endpoints to more (docs/compliance.md). A tag says the
// endpoint handles such data, not that it complies or fails to.

export const COMPLIANCE_TAGS = ['PCI-DSS', 'GDPR'] as const;
export type ComplianceTag = (typeof COMPLIANCE_TAGS)[number];

/** Data kind → the regimes that govern it. Credentials are secrets, not personal data: no tag. */
const TAGS_OF_KIND: Readonly<Record<string, readonly ComplianceTag[]>> = {
  // Cardholder data (PAN, CVV): PCI DSS. A card also identifies its holder: personal data too.
  'payment-card': ['PCI-DSS', 'GDPR'],
  // Personal data of a natural person (GDPR Art. 4(1)); a government id and a bank account identify one.
  email: ['GDPR'],
  phone: ['GDPR'],
  address: ['GDPR'],
  'date-of-birth': ['GDPR'],
  'government-id': ['GDPR'],
  'bank-account': ['GDPR'],
};

/** The tags of an endpoint handling `dataTypes`, in `COMPLIANCE_TAGS` order. */
export function complianceTags(dataTypes: readonly string[]): ComplianceTag[] {
  const tags = new Set(dataTypes.flatMap((kind) => TAGS_OF_KIND[kind] ?? []));
  return COMPLIANCE_TAGS.filter((tag) => tags.has(tag));
}
