// The REST API (/api/v1, see docs/console.md). Session cookie + CSRF token from the XSRF-TOKEN cookie;
// errors arrive as RFC 7807 problem+json and are thrown as ApiError with per-field messages.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.fieldErrors = fieldErrorsOf(this.problem);
  }
}

/** Finds per-field messages in a problem document, whatever extension member carries them. */
function fieldErrorsOf(problem) {
  const out = {};
  const take = (field, message) => {
    if (field) out[field] = message || problem.detail || problem.title || '';
  };
  for (const value of Object.values(problem)) {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === 'object' && (item.field || item.name || item.pointer)) {
          take(item.field || item.name || String(item.pointer).replace(/^#?\//, '').replaceAll('/', '.'),
            item.message || item.reason || item.defaultMessage || item.detail);
        }
      }
    }
  }
  for (const key of ['errors', 'fieldErrors', 'invalidParams']) {
    const map = problem[key];
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      for (const [field, message] of Object.entries(map)) take(field, Array.isArray(message) ? message.join('; ') : String(message));
    }
  }
  if (typeof problem.field === 'string') take(problem.field, problem.detail);
  return out;
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

export function redirectToLogin() {
  const back = encodeURIComponent(location.hash || '');
  location.assign(`/login.html${back ? `?next=${back}` : ''}`);
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = csrfToken();
  if (method !== 'GET' && token) headers['X-XSRF-TOKEN'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function request(method, path, body) {
  return (await exchange(method, path, body)).body;
}

/** Every page of a paginated list: follows the Link rel="next" header (docs/api.md "Pagination"). */
export async function getAll(path) {
  const items = [];
  let next = path;
  while (next) {
    const { body, response } = await exchange('GET', next);
    items.push(...(Array.isArray(body) ? body : []));
    const link = response.headers.get('link') || '';
    const match = /<([^>]+)>;\s*rel="next"/.exec(link);
    next = match ? match[1] : null;
  }
  return items;
}

/** One page and the cursor of the next one (null on the last). */
export async function getPage(path) {
  const { body, response } = await exchange('GET', path);
  return { items: Array.isArray(body) ? body : [], next: response.headers.get('x-next-cursor') };
}

async function exchange(method, path, body) {
  let response = await send(method, path, body);
  // Spring writes the CSRF cookie lazily: if it was missing, fetch it once with a GET and retry.
  if (response.status === 403 && method !== 'GET' && !csrfToken()) {
    await fetch('/api/v1/session', { credentials: 'same-origin' });
    if (csrfToken()) response = await send(method, path, body);
  }
  const type = response.headers.get('content-type') || '';
  if (response.status === 401 || (response.redirected && /\/login/.test(response.url) && type.includes('html'))) {
    redirectToLogin();
    throw new ApiError(401, { title: 'Unauthorized' });
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = type.includes('json') ? await response.json() : { detail: (await response.text()).slice(0, 300) };
    } catch {
      problem = {};
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return { body: null, response };
  return { body: type.includes('json') ? await response.json() : await response.text(), response };
}

const get = (path) => request('GET', path);
const post = (path, body = {}) => request('POST', path, body);
const put = (path, body) => request('PUT', path, body);

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  me: () => get('/api/v1/me'),
  session: () => get('/api/v1/session'),
  alerts: (status = 'open', limit = 500) => get(`/api/v1/alerts${query({ status, limit })}`),
  alert: (id) => get(`/api/v1/alerts/${id}`),
  acknowledge: (id, note) => post(`/api/v1/alerts/${id}/acknowledge`, note ? { note } : {}),
  assign: (id, userId) => post(`/api/v1/alerts/${id}/assign`, { userId }),
  addNote: (id, text) => post(`/api/v1/alerts/${id}/notes`, { text }),
  resolve: (id, outcome, note) => post(`/api/v1/alerts/${id}/resolve`, note ? { outcome, note } : { outcome }),
  performance: (range) => get(`/api/v1/performance${query({ range })}`),
  elders: (q, limit = 200) => get(`/api/v1/elders${query({ q, limit })}`),
  elder: (id) => get(`/api/v1/elders/${id}`),
  trends: (id, range, codes) => get(`/api/v1/elders/${id}/trends${query({ codes, range })}`),
  trendsCsvUrl: (id, range, codes) => `/api/v1/elders/${id}/trends.csv${query({ codes, range })}`,
  users: (organizationId) => getAll(`/api/v1/users${query({ organizationId })}`),
  changePassword: (currentPassword, newPassword) => post('/api/v1/me/password', { currentPassword, newPassword }),
  admin: {
    organizations: () => getAll('/api/v1/admin/organizations'),
    createOrganization: (body) => post('/api/v1/admin/organizations', body),
    users: () => getAll('/api/v1/admin/users'),
    createUser: (body) => post('/api/v1/admin/users', body),
    createElder: (body) => post('/api/v1/admin/elders', body),
    updateElder: (id, body) => put(`/api/v1/admin/elders/${id}`, body),
    unreadableCarePlans: () => get('/api/v1/admin/care-plans/unreadable'),
    setTravel: (id, body) => put(`/api/v1/admin/elders/${id}/travel`, body),
    clearTravel: (id) => request('DELETE', `/api/v1/admin/elders/${id}/travel`),
    contracts: () => getAll('/api/v1/admin/doctor-contracts'),
    createDoctorContract: (body) => post('/api/v1/admin/doctor-contracts', body),
    devices: () => getAll('/api/v1/admin/devices'),
    registerDevice: (body) => post('/api/v1/admin/devices', body),
    bindDevice: (id, elderId) => post(`/api/v1/admin/devices/${encodeURIComponent(id)}/bind`, { elderId }),
    rotateSecret: (id) => post(`/api/v1/admin/devices/${encodeURIComponent(id)}/rotate-secret`),
    endpoints: () => getAll('/api/v1/admin/endpoints'),
    rotateEndpointSecret: (id) => post(`/api/v1/admin/endpoints/${id}/rotate-secret`),
    createEndpoint: (body) => post('/api/v1/admin/endpoints', body),
    policies: () => getAll('/api/v1/admin/escalation-policies'),
    savePolicy: (body) => put('/api/v1/admin/escalation-policies', body),
    apiKeys: () => getAll('/api/v1/admin/api-keys'),
    createApiKey: (body) => post('/api/v1/admin/api-keys', body),
    revokeApiKey: (id) => request('DELETE', `/api/v1/admin/api-keys/${id}`),
    disableUser: (id) => post(`/api/v1/admin/users/${id}/disable`),
    enableUser: (id) => post(`/api/v1/admin/users/${id}/enable`),
    resetPassword: (id) => post(`/api/v1/admin/users/${id}/reset-password`),
    clearLoginLock: (id) => request('DELETE', `/api/v1/admin/users/${id}/login-lock`),
    auditPage: (filters) => getPage(`/api/v1/admin/audit${query(filters)}`),
    storage: () => get('/api/v1/admin/storage'),
    parkedEvents: () => get('/api/v1/admin/parked-events'),
  },
  logout: () => request('POST', '/logout'),
};
