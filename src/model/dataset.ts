// Where rows came from: a Dataset (with its licence) and each Import of a file into it.
import { z } from 'zod';

export const FORMATS = ['acled', 'ucdp', 'csv', 'desk'] as const;
export type DatasetFormat = (typeof FORMATS)[number];

export const datasetNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a dataset name is lower-case letters, digits, "-", "_" or "." (at most 64)');

export interface Dataset {
  id: number;
  name: string;
  format: DatasetFormat;
  title: string | null;
  licence: string | null;
  attribution: string | null;
  /** ACLED asks users to cite the date they accessed the data and the filters they used. */
  access_date: string | null;
  access_filters: string | null;
  created_at: string;
  events: number;
  deleted: number;
}

export interface DatasetMeta {
  name: string;
  format: DatasetFormat;
  title?: string | null;
  licence?: string | null;
  attribution?: string | null;
  access_date?: string | null;
  access_filters?: string | null;
}

export interface ImportCounts {
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
}

export interface ImportRecord extends ImportCounts {
  id: number;
  dataset: string;
  format: string;
  layout: string;
  file_name: string;
  file_size: number;
  sha256: string;
  rejects_file: string | null;
  started_at: string;
  finished_at: string;
}

export interface FileFacts {
  file_name: string;
  file_size: number;
  sha256: string;
}
