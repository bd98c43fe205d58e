// Regions a request may name: shipped ones and boxes. A path to a file on the server is never accepted.
import { bboxRegion, loadRegion, shippedRegionPath, type Region } from '../analysis/regions.js';
import { badRequest } from './errors.js';

export function regionOf(spec: string): Region {
  if (/^bbox:/i.test(spec)) return bboxRegion(spec);
  if (!shippedRegionPath(spec)) throw badRequest(`query parameter "region": ${JSON.stringify(spec)} is not a shipped region; give its name (e.g. caribbean) or bbox:WEST,SOUTH,EAST,NORTH`, 'region');
  return loadRegion(spec);
}
