// Messages between the server and its reading threads.
export interface ReadRequest {
  id: number;
  sql: string;
  parameters: unknown[];
}

export type ReadReply = { id: number; rows: Record<string, unknown>[] } | { id: number; error: { message: string; code: string | null; name: string } };
