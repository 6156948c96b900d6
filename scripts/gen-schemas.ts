// Writes schemas/*.schema.json from the zod schemas, so editors can complete and check policy and config files.
// Run with `npm run schemas`; test/schemas.test.ts fails when the committed files are stale.
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from '../src/json-schemas.js';

for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(`schemas/${file}`, `${JSON.stringify(schema, null, 2)}\n`);
}
