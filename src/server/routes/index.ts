// Every route module, in the order the OpenAPI document lists their tags.
import type { FastifyInstance } from 'fastify';
import { assetRoutes } from './assets.js';
import { auditRoutes } from './audit.js';
import { breakdownRoutes } from './breakdown.js';
import { clusterRoutes } from './clusters.js';
import { compareRoutes } from './compare.js';
import { datasetRoutes } from './datasets.js';
import { embedRoutes } from './embeds.js';
import { eventRoutes } from './events.js';
import { evidenceRoutes } from './evidence.js';
import { figureRoutes } from './figure.js';
import { graphicRoutes } from './graphics.js';
import { healthRoutes } from './health.js';
import { importRoutes } from './imports.js';
import { incidentRoutes } from './incidents.js';
import { investigationRoutes } from './investigations.js';
import { sessionRoutes } from './session.js';
import { sourceRoutes } from './sources.js';
import { spreadRoutes } from './spread.js';
import { userRoutes } from './users.js';

export const routes: ((app: FastifyInstance) => void)[] = [
  healthRoutes,
  sessionRoutes,
  userRoutes,
  datasetRoutes,
  eventRoutes,
  figureRoutes,
  breakdownRoutes,
  compareRoutes,
  spreadRoutes,
  clusterRoutes,
  graphicRoutes,
  embedRoutes,
  investigationRoutes,
  incidentRoutes,
  sourceRoutes,
  evidenceRoutes,
  auditRoutes,
  assetRoutes,
  importRoutes,
];
