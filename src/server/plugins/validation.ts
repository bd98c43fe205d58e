// Request validation: query strings and path parameters arrive as text and are coerced to the schema's
// types ("20" → 20); JSON bodies are taken as sent, so a null stays null and "5" is not a number.
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyInstance } from 'fastify';

const common = { useDefaults: true, removeAdditional: false as const, allErrors: false, allowUnionTypes: true };

export function installValidation(app: FastifyInstance): void {
  const factory = AjvCompiler();
  const text = factory({}, { customOptions: { ...common, coerceTypes: 'array' } });
  const json = factory({}, { customOptions: { ...common, coerceTypes: false } });
  app.setValidatorCompiler((route) => (route.httpPart === 'body' ? json(route) : text(route)));
}
