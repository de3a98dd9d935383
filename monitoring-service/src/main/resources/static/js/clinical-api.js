// REST calls of the doctors' workspace (docs/api.md "Doctors' workspace"), kept out of api.js.
import { request } from './api.js';

const enc = encodeURIComponent;

export const clinicalApi = {
  worklist: () => request('GET', '/api/v1/worklist'),
  record: (id) => request('GET', `/api/v1/elders/${id}/health-record`),
  saveRecord: (id, body) => request('PUT', `/api/v1/elders/${id}/health-record`, body),
  recordHistory: (id) => request('GET', `/api/v1/elders/${id}/health-record/history`),
  catalogue: (q) => request('GET', `/api/v1/conditions/catalogue${q ? `?q=${enc(q)}` : ''}`),
  carePlan: (id) => request('GET', `/api/v1/elders/${id}/care-plan`),
  saveCarePlan: (id, carePlan) => request('PUT', `/api/v1/elders/${id}/care-plan`, { carePlan }),
  followUps: (id) => request('GET', `/api/v1/elders/${id}/follow-ups`),
  recordFollowUp: (id, body) => request('POST', `/api/v1/elders/${id}/follow-ups`, body),
  alertChannel: () => request('GET', '/api/v1/me/alert-channel'),
  saveAlertChannel: (body) => request('PUT', '/api/v1/me/alert-channel', body),
  reportUrl: (id, month) => `/api/v1/elders/${id}/report.pdf?month=${enc(month)}`,
};

/** The current month as YYYY-MM in the browser's time zone. */
export function thisMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today() {
  const now = new Date();
  return `${thisMonth()}-${String(now.getDate()).padStart(2, '0')}`;
}
