// Table types of saved figures (migration 007).
import type { Generated } from 'kysely';

interface Stage {
  low: number;
  best: number;
  high: number;
  events: number;
  event_ids: string;
  at: string;
}

type Staged<P extends string> = { [K in keyof Stage as `${P}_${K}`]: Stage[K] };

export type SavedFiguresTable = {
  id: Generated<number>;
  name: string;
  filter: string;
  measure: string;
  created_by: string | null;
  created_at: string;
} & Staged<'saved'> &
  Staged<'current'>;

export interface SavedFigureChangesTable {
  id: Generated<number>;
  figure_id: number;
  import_id: number | null;
  at: string;
  before_low: number;
  before_best: number;
  before_high: number;
  before_events: number;
  after_low: number;
  after_best: number;
  after_high: number;
  after_events: number;
  /** JSON arrays of event ids. */
  added_ids: string;
  removed_ids: string;
}

export interface SavedFigureTables {
  saved_figures: SavedFiguresTable;
  saved_figure_changes: SavedFigureChangesTable;
}
