// JSON schemas shared by routes: they validate requests (Fastify) and document them (OpenAPI).
import { MEASURES } from '../../analysis/measures.js';
import type { JsonSchema } from '../openapi/doc.js';

export const filterQ = {
  type: 'string',
  maxLength: 4000,
  description: 'a filter, e.g. `actor:ISKP country:AFG date:2021-08-26.. civilian:yes` (empty: every event)',
} as const;

export const measure = { type: 'string', enum: [...MEASURES], description: 'what is counted: events, fatalities, civilian fatalities or units hit' } as const;

/** Query strings reject parameters they do not know, so a mistyped one is an error, not silently ignored. */
export function query(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export function body(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const idParams = query({ id: { type: 'integer', minimum: 1, description: 'the id' } }, ['id']);
export const investigationName = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: "the investigation's name (a slug)" } as const;
export const nameParams = query({ name: investigationName }, ['name']);

export const dateParam = (description: string) => ({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description }) as const;

/** Date windows as date terms take them: "2021-10", "2021-08-15..2021-12-31", "2021". */
export const window = (description: string) => ({ type: 'string', minLength: 1, maxLength: 100, description }) as const;

/** A documented JSON object whose fields are listed for readers but not enforced on the way out. */
export function shape(description: string, properties: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', description, properties };
}

export const anyObject: JsonSchema = { type: 'object' };
export const listOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
