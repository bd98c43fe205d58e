// Every command of the CLI, in the order `groundtruth --help` lists them.
import { register as actors } from './actors.js';
import type { RegisterCommand } from './context.js';
import { register as datasets } from './datasets.js';
import { register as demo } from './demo.js';
import { register as events } from './events.js';
import { register as history } from './history.js';
import { register as importCommand } from './import.js';

export const commands: RegisterCommand[] = [importCommand, datasets, events, history, actors, demo];
