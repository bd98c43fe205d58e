// Every command of the CLI, in the order `groundtruth --help` lists them.
import { register as actors } from './actors.js';
import { register as asset } from './asset.js';
import { register as audit } from './audit.js';
import { register as buildup } from './buildup.js';
import { register as check } from './check.js';
import type { RegisterCommand } from './context.js';
import { register as datasets } from './datasets.js';
import { register as demo } from './demo.js';
import { register as events } from './events.js';
import { register as evidence } from './evidence.js';
import { register as breakdown } from './breakdown.js';
import { register as clusters } from './clusters.js';
import { register as compare } from './compare.js';
import { register as figure } from './figure.js';
import { register as figures } from './figures.js';
import { register as graphics } from './graphics.js';
import { register as spread } from './spread.js';
import { register as history } from './history.js';
import { register as importCommand } from './import.js';
import { register as incident } from './incident.js';
import { register as investigation } from './investigation.js';
import { register as series } from './series.js';
import { register as serve } from './serve.js';
import { register as sighting } from './sighting.js';
import { register as source } from './source.js';
import { register as token } from './token.js';
import { register as track } from './track.js';
import { register as user } from './user.js';

export const commands: RegisterCommand[] = [
  // Gather
  importCommand, datasets, events, history, actors, series,
  // The desk's own investigations
  investigation, incident, source, evidence, audit, asset, sighting,
  // Analyse
  figure, figures, breakdown, compare, spread, clusters, check, buildup, track, graphics,
  // The web desk, its accounts and API tokens
  serve, user, token,
  demo,
];
