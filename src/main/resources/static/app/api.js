// The one way the page talks to the service (API.md, base path /api/v1). Every failure
// becomes an ApiError carrying the problem+json document (`detail`, `code`, `errors`) and,
// for 429 and 503, how many seconds to wait.

import { observeServerDate } from './clock.js';
import { clearToken, getToken } from './token-store.js';

const BASE = '/api/v1';

export class ApiError extends Error {

	constructor(status, problem, retryAfterSeconds) {
		super(problem.detail || problem.title || `The service answered ${status}`);
		this.status = status;
		this.problem = problem;
		this.code = problem.code ?? null;
		this.errors = Array.isArray(problem.errors) ? problem.errors : [];
		this.retryAfterSeconds = retryAfterSeconds;
	}

}

/**
 * request('/shows/…/holds', {method: 'POST', body: {...}}) → parsed JSON (null for 204).
 * `auth: false` sends no token: public reads must keep working when a stale token would
 * make the service answer 401. `as: 'blob'` returns the body as a Blob (ticket images).
 */
export async function request(path, { method = 'GET', body, headers = {}, auth = true, as = 'json', signal } = {}) {
	const token = auth ? getToken() : null;
	const sent = {
		Accept: as === 'blob' ? 'image/png, application/problem+json' : 'application/json, application/problem+json',
		...headers,
	};
	if (body !== undefined) {
		sent['Content-Type'] = 'application/json';
	}
	if (token) {
		sent.Authorization = `Bearer ${token}`;
	}
	let response;
	try {
		response = await fetch(BASE + path,
			{ method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body), signal });
	}
	catch (failure) {
		if (failure.name === 'AbortError') {
			throw failure;
		}
		// No answer at all: status 0 tells callers a retry with the same Idempotency-Key is safe.
		throw new ApiError(0, { code: 'NETWORK', detail: 'Could not reach BoxOffice. Check your connection and try again.' });
	}
	observeServerDate(response);
	if (!response.ok) {
		const problem = await readProblem(response);
		if (response.status === 401 && token) {
			// The token expired or was revoked: forget it, and let the page say so once.
			clearToken();
			window.dispatchEvent(new CustomEvent('boxoffice:unauthorized', { detail: problem }));
		}
		throw new ApiError(response.status, problem, retryAfter(response, problem));
	}
	if (response.status === 204) {
		return null;
	}
	return as === 'blob' ? response.blob() : response.json();
}

export const get = (path, options) => request(path, options);
export const post = (path, body, options) => request(path, { ...options, method: 'POST', body });
export const del = (path, options) => request(path, { ...options, method: 'DELETE' });

async function readProblem(response) {
	const type = response.headers.get('Content-Type') ?? '';
	if (type.includes('json')) {
		try {
			return await response.json();
		}
		catch {
			// fall through: a broken body still deserves a readable message
		}
	}
	return { status: response.status, detail: `The service answered ${response.status} ${response.statusText}`.trim() };
}

/** Retry-After is either seconds or an HTTP date; the 503 problem also says retryAfterSeconds. */
function retryAfter(response, problem) {
	const header = response.headers.get('Retry-After');
	if (header) {
		const seconds = Number(header);
		if (Number.isFinite(seconds)) {
			return Math.max(0, Math.ceil(seconds));
		}
		const date = Date.parse(header);
		if (!Number.isNaN(date)) {
			return Math.max(0, Math.ceil((date - Date.now()) / 1000));
		}
	}
	return Number.isFinite(problem.retryAfterSeconds) ? problem.retryAfterSeconds : null;
}

/** A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts (https, localhost). */
export function idempotencyKey() {
	if (crypto.randomUUID) {
		return crypto.randomUUID();
	}
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
