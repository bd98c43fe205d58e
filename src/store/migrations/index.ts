// Migrations in order, the same for every engine (each may vary a column type by engine).
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Engine } from '../store.js';
import { eventsMigration } from './001-events.js';
import { deskMigration } from './002-desk.js';
import { assetsMigration } from './003-assets.js';
import { analysisMigration } from './004-analysis.js';
import { seriesMigration } from './005-series.js';
import { accountsMigration } from './006-accounts.js';
import { savedFiguresMigration } from './007-saved-figures.js';
import { textIndexMigration } from './008-text-index.js';
import { analysisGrainMigration } from './009-analysis-grain.js';
import { analysisCellsMigration } from './010-analysis-cells.js';
import { analysisSpansMigration } from './011-analysis-spans.js';
import { textBodyMigration } from './012-text-body.js';
import { textYearsMigration } from './013-text-years.js';
import { analysisCountryDaysMigration } from './014-analysis-country-days.js';

function migrations(engine: Engine): Record<string, Migration> {
  return {
    '001-events': eventsMigration(engine),
    '002-desk': deskMigration(engine),
    '003-assets': assetsMigration(engine),
    '004-analysis': analysisMigration(engine),
    '005-series': seriesMigration(engine),
    '006-accounts': accountsMigration(engine),
    '007-saved-figures': savedFiguresMigration(engine),
    '008-text-index': textIndexMigration(engine),
    '009-analysis-grain': analysisGrainMigration(engine),
    '010-analysis-cells': analysisCellsMigration(engine),
    '011-analysis-spans': analysisSpansMigration(),
    '012-text-body': textBodyMigration(engine),
    '013-text-years': textYearsMigration(engine),
    '014-analysis-country-days': analysisCountryDaysMigration(engine),
  };
}

export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(engine) };
  const migrator = new Migrator({ db, provider, migrationTableName: 'groundtruth_migrations', migrationLockTableName: 'groundtruth_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
