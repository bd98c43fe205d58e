// Request bodies of the desk, from the model's own zod schemas.
import { checkInputSchema, disputeInputSchema, incidentFieldsSchema, incidentInputSchema, investigationInputSchema, MEMBER_ROLES, sourceInputSchema, STATUSES } from '../../model/desk.js';
import { fromZod, extend, partial } from './zod.js';

export const investigationBody = fromZod(investigationInputSchema);
export const incidentBody = fromZod(incidentInputSchema);

const version = { type: 'integer', minimum: 1, description: 'the version you read: the edit fails with 409 if someone changed the incident since' };
const reason = { type: ['string', 'null'], maxLength: 5000, description: 'why (required to change a verified incident)' };

export const incidentPatchBody = extend(partial(fromZod(incidentFieldsSchema)), { version, reason }, ['version']);
export const statusBody = { type: 'object', properties: { status: { type: 'string', enum: [...STATUSES] }, version, reason }, required: ['status', 'version'], additionalProperties: false };
export const sourceBody = extend(fromZod(sourceInputSchema), {
  incident_id: { type: 'integer', minimum: 1, description: 'link the new source to this incident at once' },
  role: { type: ['string', 'null'], maxLength: 200, description: 'how it bears on the incident: announcement, report, corroboration…' },
});
export const sourcePatchBody = extend(partial(fromZod(sourceInputSchema)), { reason: { type: ['string', 'null'], maxLength: 5000 } });
export const disputeBody = fromZod(disputeInputSchema);
export const checkBody = fromZod(checkInputSchema);
export const memberBody = { type: 'object', properties: { role: { type: 'string', enum: [...MEMBER_ROLES] } }, required: ['role'], additionalProperties: false };
