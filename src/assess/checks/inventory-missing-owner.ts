import type { DocumentCheck } from '../types.js';

const OWNER_EXTENSIONS = ['x-owner', 'x-api-owner', 'x-team', 'x-owners'];

export const inventoryMissingOwner: DocumentCheck = {
  id: 'inventory-missing-owner',
  category: 'inventory',
  severity: 'low',
  owasp: 'API9:2023 Improper Inventory Management',
  cwe: 'CWE-1059',
  title: 'No owner or contact',
  rationale:
    'When an incident or a report arrives, someone has to own the API; unowned APIs are not patched.',
  remediation:
    'Add `info.contact` (name and email or URL of the owning team), or an `x-owner` extension in `info` or at the document root.',
  scope: 'document',
  run(model) {
    const contact = model.contact;
    if (contact && (contact.email || contact.url || contact.name)) return [];
    if (
      OWNER_EXTENSIONS.some((k) => model.extensions[k] !== undefined || model.infoExtensions[k] !== undefined)
    )
      return [];
    if (model.endpoints.length === 0) return [];
    return [
      {
        message: `${model.title ? `"${model.title}"` : 'the document'} names no owner: \`info.contact\` is missing`,
        loc: { file: model.file, pointer: '/info' },
        endpoints: model.endpoints.map((e) => e.id),
      },
    ];
  },
};
