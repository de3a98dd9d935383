// The help center's API calls (phone intake, dispatch, responder links, handset commands, the map,
// family links), kept out of api.js so the shared client stays small.
import { getAll, request } from './api.js';

const enc = encodeURIComponent;

export const helpApi = {
  logCall: (body) => request('POST', '/api/v1/alerts', body),
  responders: () => request('GET', '/api/v1/responders'),
  dispatch: (alertId, body) => request('POST', `/api/v1/alerts/${alertId}/dispatch`, body),
  dispatches: (alertId) => request('GET', `/api/v1/alerts/${alertId}/dispatches`),
  link: (token) => request('GET', `/api/v1/responder/links/${enc(token)}`),
  linkProgress: (token, body) => request('POST', `/api/v1/responder/links/${enc(token)}/progress`, body),
  myDispatches: () => request('GET', '/api/v1/responder/dispatches'),
  myProgress: (id, body) => request('POST', `/api/v1/responder/dispatches/${id}/progress`, body),
  sendMessage: (elderId, text) => request('POST', `/api/v1/elders/${elderId}/messages`, { text }),
  locate: (elderId) => request('POST', `/api/v1/elders/${elderId}/locate`, {}),
  configure: (elderId, body) => request('POST', `/api/v1/elders/${elderId}/config`, body),
  commands: (elderId) => request('GET', `/api/v1/elders/${elderId}/commands`),
  mapSettings: () => request('GET', '/api/v1/map/settings'),
  mapElders: () => request('GET', '/api/v1/map/elders'),
  track: (elderId, hours = 24) => request('GET', `/api/v1/elders/${elderId}/track?hours=${hours}`),
  arrival: (range) => request('GET', `/api/v1/performance/arrival?range=${enc(range)}`),
  familyLinks: () => getAll('/api/v1/admin/family-links'),
  link2family: (body) => request('POST', '/api/v1/admin/family-links', body),
  unlinkFamily: (userId, elderId) => request('DELETE', `/api/v1/admin/family-links/${userId}/${elderId}`),
};
