// The documentation each route carries, from which the OpenAPI document is built.
export type JsonSchema = Record<string, unknown>;

export interface ResponseDoc {
  description: string;
  /** JSON body (the default content type). */
  schema?: JsonSchema;
  /** Other content types, e.g. { 'image/svg+xml': {} }. */
  content?: Record<string, { schema?: JsonSchema }>;
  headers?: Record<string, { description: string; schema?: JsonSchema }>;
}

export interface RouteDoc {
  summary: string;
  description?: string;
  tags: string[];
  /** Status code → what comes back. 400/401/403/404 are added where they apply. */
  responses: Record<number, ResponseDoc>;
  /** A multipart/form-data body (uploads), described as an object of fields. */
  multipart?: JsonSchema;
}
