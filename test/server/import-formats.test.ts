// One description per import format: the web desk's uploads describe and cite a dataset exactly as the
// import command does.
import { describe, expect, it } from 'vitest';
import { importedDataset } from '../../src/model/import-formats.js';
import { ApiError } from '../../src/server/errors.js';
import { prepareImport } from '../../src/server/imports/formats.js';

describe('import formats', () => {
  it('gives an upload the dataset the import command gives the same file', async () => {
    const acled = await prepareImport('upload.csv', 'export.csv', { format: 'acled', access_date: '2025-01-31', filters: 'country: Yemen' });
    expect(acled.dataset).toEqual(importedDataset('acled', { accessDate: '2025-01-31', filters: 'country: Yemen' }));
    expect(acled.dataset).toMatchObject({ name: 'acled', title: 'ACLED', attribution: expect.stringContaining('www.acleddata.com') });
    const ucdp = await prepareImport('upload.csv', 'ged.csv', { format: 'ucdp', dataset: 'ged-2025' });
    expect(ucdp.dataset).toEqual(importedDataset('ucdp', { name: 'ged-2025' }));
    expect(ucdp.dataset.licence).toBe('CC BY 4.0');
    const csv = await prepareImport('upload.csv', 'list.csv', { format: 'csv', mapping_name: 'ucdp-ged-subset' });
    expect(csv.dataset.format).toBe('csv');
    expect(csv.dataset.name).toBeTruthy();
  });

  it('refuses a bad dataset name as a 400 naming the field', async () => {
    const err = await prepareImport('upload.csv', 'x.csv', { format: 'ucdp', dataset: 'Not A Name!' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ statusCode: 400, field: 'dataset' });
  });
});
