/** The directory's API as the desk uses it: bearer token, JSON bodies, problem+json errors. */
export class ProblemError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export function createApi(fetchImpl = fetch.bind(globalThis)) {
  let token = null;
  const request = async (method, path, body, extraHeaders = {}) => {
    const headers = { Accept: 'application/json', ...extraHeaders };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetchImpl(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ProblemError(response.status, json || {}, response.headers.get('Retry-After'));
    return json;
  };
  return {
    setToken: (value) => { token = value; },
    token: () => token,
    get: (path) => request('GET', path),
    /** {@code headers}: e.g. an Idempotency-Key, so that a retried request does not act twice. */
    post: (path, body, headers) => request('POST', path, body, headers),
    put: (path, body) => request('PUT', path, body),
    /** The agent's stream; the caller reads the body. */
    stream: (path, signal) => fetchImpl(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal }),
  };
}
