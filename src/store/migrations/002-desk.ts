// The desk: users, investigations with members, incidents (side table of events), sources, disputes,
// verification steps, evidence with its custody log, and the hash-chained audit log.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

export function deskMigration(engine: Engine) {
  const { id, idCol, real, big } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', id, idCol)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('investigations')
        .addColumn('id', id, idCol)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('dataset_id', big, (c) => c.notNull().unique().references('datasets.id'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('investigation_members')
        .addColumn('investigation_id', big, (c) => c.notNull().references('investigations.id'))
        .addColumn('user_id', big, (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('investigation_members_pk', ['investigation_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('incidents')
        .addColumn('event_id', big, (c) => c.primaryKey().references('events.id'))
        .addColumn('investigation_id', big, (c) => c.notNull().references('investigations.id'))
        .addColumn('location_text', 'text')
        .addColumn('unit_descriptions', 'text', (c) => c.notNull())
        .addColumn('survivors_low', 'integer')
        .addColumn('survivors_high', 'integer')
        .addColumn('missing_low', 'integer')
        .addColumn('missing_high', 'integer')
        .addColumn('grade', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_investigation').on('incidents').columns(['investigation_id']).execute();
      await db.schema
        .createTable('sources')
        .addColumn('id', id, idCol)
        .addColumn('investigation_id', big, (c) => c.notNull().references('investigations.id'))
        .addColumn('who', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('published_at', 'text')
        .addColumn('url', 'text')
        .addColumn('archive_url', 'text')
        .addColumn('claim', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sources_investigation').on('sources').columns(['investigation_id', 'url']).execute();
      await db.schema
        .createTable('incident_sources')
        .addColumn('incident_id', big, (c) => c.notNull().references('incidents.event_id'))
        .addColumn('source_id', big, (c) => c.notNull().references('sources.id'))
        .addColumn('role', 'text')
        .addColumn('linked_by', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_sources_pk', ['incident_id', 'source_id'])
        .execute();
      await db.schema.createIndex('incident_sources_source').on('incident_sources').columns(['source_id']).execute();
      await db.schema
        .createTable('disputes')
        .addColumn('id', id, idCol)
        .addColumn('incident_id', big, (c) => c.notNull().references('incidents.event_id'))
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('disputes_incident').on('disputes').columns(['incident_id']).execute();
      await db.schema
        .createTable('dispute_claims')
        .addColumn('id', id, idCol)
        .addColumn('dispute_id', big, (c) => c.notNull().references('disputes.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('claim', 'text', (c) => c.notNull())
        .addColumn('source_id', big, (c) => c.references('sources.id'))
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('dispute_claims_dispute').on('dispute_claims').columns(['dispute_id']).execute();
      await db.schema
        .createTable('evidence')
        .addColumn('id', id, idCol)
        .addColumn('investigation_id', big, (c) => c.notNull().references('investigations.id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('mime', 'text')
        .addColumn('ext', 'text')
        .addColumn('original_name', 'text')
        .addColumn('origin_url', 'text')
        .addColumn('captured_at', 'text')
        .addColumn('acquired_at', 'text', (c) => c.notNull())
        .addColumn('acquired_by', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('metadata_status', 'text', (c) => c.notNull())
        .addColumn('metadata_note', 'text')
        .addColumn('gps_lat', real)
        .addColumn('gps_lon', real)
        .addColumn('taken_at', 'text')
        .addColumn('duration_s', real)
        .addUniqueConstraint('evidence_investigation_sha256', ['investigation_id', 'sha256'])
        .execute();
      await db.schema
        .createTable('evidence_incidents')
        .addColumn('evidence_id', big, (c) => c.notNull().references('evidence.id'))
        .addColumn('incident_id', big, (c) => c.notNull().references('incidents.event_id'))
        .addColumn('linked_by', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('evidence_incidents_pk', ['evidence_id', 'incident_id'])
        .execute();
      await db.schema.createIndex('evidence_incidents_incident').on('evidence_incidents').columns(['incident_id']).execute();
      await db.schema
        .createTable('verification_steps')
        .addColumn('id', id, idCol)
        .addColumn('investigation_id', big, (c) => c.notNull().references('investigations.id'))
        .addColumn('incident_id', big, (c) => c.references('incidents.event_id'))
        .addColumn('evidence_id', big, (c) => c.references('evidence.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('finding', 'text')
        .addColumn('lat', real)
        .addColumn('lon', real)
        .addColumn('time', 'text')
        .addColumn('analyst', 'text', (c) => c.notNull())
        .addColumn('performed_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('verification_steps_incident').on('verification_steps').columns(['incident_id']).execute();
      await db.schema.createIndex('verification_steps_evidence').on('verification_steps').columns(['evidence_id']).execute();
      await db.schema
        .createTable('custody_log')
        .addColumn('id', id, idCol)
        .addColumn('evidence_id', big, (c) => c.notNull().references('evidence.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .execute();
      await db.schema.createIndex('custody_log_evidence').on('custody_log').columns(['evidence_id', 'id']).execute();
      // seq and prev_hash are unique so that two writers chaining onto the same entry cannot both commit.
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', big, (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('investigation_id', big)
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('reason', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull().unique())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      // One row naming the newest entry. Each append updates it first, which locks it until commit: on
      // PostgreSQL concurrent writers queue there instead of racing for the chain's next place.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await (db as Kysely<{ audit_head: { id: number; seq: number; hash: string } }>)
        .insertInto('audit_head')
        .values({ id: 1, seq: 0, hash: `SHA-256:${'0'.repeat(64)}` })
        .execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
      await db.schema.createIndex('audit_log_investigation').on('audit_log').columns(['investigation_id', 'seq']).execute();
    },
  };
}
