// The server's JSON API: the session cookie goes by itself; changes carry the CSRF token.
let csrfToken = '';
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor(status, message, data = null) {
    super(message);
    this.status = status;
    this.data = data;
  }
}

export function setCsrf(token) { csrfToken = token || ''; }
export function whenUnauthorized(fn) { onUnauthorized = fn; }

async function call(method, path, body, file) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (file) {
    headers['content-type'] = file.type || 'application/octet-stream';
    headers['x-file-name'] = encodeURIComponent(file.name);
  }
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const r = await fetch(path, { method, headers, body: file || (body === undefined ? undefined : JSON.stringify(body)),
    credentials: 'same-origin', cache: 'no-store' });
  let data = null;
  const type = r.headers.get('content-type') || '';
  if (type.includes('application/json')) data = await r.json();
  if (!r.ok) {
    if (r.status === 401 && path !== '/api/session') onUnauthorized();
    throw new ApiError(r.status, (data && data.error) || (r.status === 413 ? 'Payload Too Large' : r.statusText), data);
  }
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body ?? {}),
  put: (path, body) => call('PUT', path, body ?? {}),
  del: (path) => call('DELETE', path),
  /** Sends a file as the request body (its name in X-File-Name). */
  upload: (path, file) => call('POST', path, undefined, file),
};

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
