// Published embeds: a chart or map frozen as the self-contained HTML it was when an editor published it,
// so a newsroom's page shows what was checked, not whatever the data says later.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { NotFoundError, type Actor } from '../../model/desk.js';
import type { Database } from '../../store/schema.js';
import { accountsDb } from '../accounts/tables.js';

export interface PublishedEmbed {
  id: string;
  kind: string;
  title: string;
  /** The request that made it (filter, split, kind, size…), to redo or update it. */
  query: Record<string, unknown>;
  created_by: string;
  created_at: string;
}

/** Ids readers cannot guess, so an unpublished draft cannot be found by counting. */
const newId = () => randomBytes(12).toString('base64url');

export async function publishEmbed(db: Kysely<Database>, actor: Actor, e: { kind: string; title: string; query: Record<string, unknown>; html: string }): Promise<PublishedEmbed> {
  const row = { id: newId(), kind: e.kind, title: e.title, query: JSON.stringify(e.query), html: e.html, created_by: actor.name, created_at: new Date().toISOString() };
  await accountsDb(db).insertInto('published_embeds').values(row).execute();
  return { ...row, query: e.query };
}

export async function listEmbeds(db: Kysely<Database>): Promise<PublishedEmbed[]> {
  const rows = await accountsDb(db).selectFrom('published_embeds').select(['id', 'kind', 'title', 'query', 'created_by', 'created_at']).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ ...r, query: JSON.parse(r.query) as Record<string, unknown> }));
}

export async function embedHtmlOf(db: Kysely<Database>, id: string): Promise<string | null> {
  const r = await accountsDb(db).selectFrom('published_embeds').select('html').where('id', '=', id).executeTakeFirst();
  return r?.html ?? null;
}

export async function unpublishEmbed(db: Kysely<Database>, id: string): Promise<void> {
  const res = await accountsDb(db).deleteFrom('published_embeds').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new NotFoundError(`embed ${id}`);
}
