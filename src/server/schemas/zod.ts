// JSON schemas of the model's zod schemas, so a request body is checked (and documented) by the same rules
// the library applies; the library parses again, and catches what JSON Schema cannot say (low ≤ high).
import { z } from 'zod';
import type { JsonSchema } from '../openapi/doc.js';

export function fromZod(schema: z.ZodType, opts: { closed?: boolean } = {}): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  if (opts.closed !== false && json.type === 'object') json.additionalProperties = false;
  return json;
}

/** Every field optional, one level down too (casualties, units): a patch names only what changes. */
export function partial(schema: JsonSchema): JsonSchema {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, JsonSchema> = {};
  for (const [k, v] of Object.entries(props)) {
    const { default: _d, ...rest } = v;
    out[k] = rest.type === 'object' && rest.properties ? partial(rest) : rest;
  }
  const { required: _r, ...restSchema } = schema;
  return { ...restSchema, properties: out };
}

/** Adds fields to an object schema (e.g. the version an edit read). */
export function extend(schema: JsonSchema, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return {
    ...schema,
    properties: { ...(schema.properties as Record<string, JsonSchema>), ...properties },
    required: [...((schema.required as string[] | undefined) ?? []), ...required],
  };
}
