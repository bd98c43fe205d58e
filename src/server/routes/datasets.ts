// Datasets with their imports, licences and attribution: what `groundtruth datasets --json` prints.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../request.js';
import { hiddenDatasets } from '../scope.js';
import { listOf, shape } from '../schemas/common.js';

export function datasetRoutes(app: FastifyInstance): void {
  const { store } = app.gt;
  app.get(
    '/api/datasets',
    {
      config: {
        doc: {
          summary: 'datasets with their imports',
          description: 'The same JSON as `groundtruth datasets --json`; the datasets of investigations you are not a member of are left out.',
          tags: ['datasets'],
          responses: {
            200: {
              description: 'every dataset you may read',
              schema: listOf(
                shape('a dataset', {
                  name: { type: 'string' },
                  format: { type: 'string' },
                  title: {},
                  licence: {},
                  attribution: {},
                  access_date: {},
                  access_filters: {},
                  events: { type: 'integer' },
                  deleted: { type: 'integer' },
                  imports: listOf(shape('an import: file, size, sha256, layout and counts')),
                }),
              ),
            },
          },
        },
      },
    },
    async (request) => {
      const hidden = await hiddenDatasets(store.db, actorOf(request));
      const datasets = (await store.listDatasets()).filter((d) => !hidden.names.has(d.name));
      const imports = await store.listImports();
      return datasets.map((d) => ({ ...d, imports: imports.filter((i) => i.dataset === d.name) }));
    },
  );
}
