// JSON Schemas of the policy and config files, generated from the zod schemas that validate them.
import { z } from 'zod';
import { configSchema } from './config/schema.js';
import { policyFileSchema } from './policy/schema.js';

const BASE = 'https://raw.githubusercontent.com/api-posture/api-posture/main/schemas';

export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, id: string, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    $id: `${BASE}/${id}`,
    title,
  });
  return {
    'policy.schema.json': make(policyFileSchema, 'policy.schema.json', 'api-posture policy file'),
    'config.schema.json': make(
      configSchema,
      'config.schema.json',
      'api-posture config file (.github/api-posture.yml)',
    ),
  };
}
