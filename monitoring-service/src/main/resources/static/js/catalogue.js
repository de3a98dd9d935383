// The platform's vocabulary, served by the domain (GET /api/v1/catalogue): vital signs, roles, device
// kinds, organization kinds and phone-call kinds. Pages import it instead of keeping their own lists.
import { request } from './api.js';

const data = await request('GET', '/api/v1/catalogue');

export const catalogue = {
  ...data,
  vitalCodes: data.vitals.map((v) => v.code),
  /** Signs a care plan sets thresholds on (everything but steps). */
  planCodes: data.vitals.filter((v) => v.thresholded).map((v) => v.code),
  roleCodes: data.roles.map((r) => r.code),
  staffRoles: data.roles.filter((r) => r.staff).map((r) => r.code),
  assignableRoles: data.roles.filter((r) => r.assignable).map((r) => r.code),
};
