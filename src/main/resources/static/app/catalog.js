// Catalog reads, cached for the life of the page: shows and halls never change once
// created (ARCHITECTURE.md), and asking again would only spend the public read limit.
// A failed read is forgotten so the next attempt asks again.

import { get } from './api.js';

const cache = new Map();

function cached(key, load) {
	if (!cache.has(key)) {
		const promise = load();
		promise.catch(() => cache.delete(key));
		cache.set(key, promise);
	}
	return cache.get(key);
}

export const show = (showId) => cached(`show:${showId}`, () => get(`/shows/${showId}`, { auth: false }));

export const hall = (hallId) => cached(`hall:${hallId}`, () => get(`/halls/${hallId}`, { auth: false }));

/** All theaters (a short list). API.md offers no single-theater read, so this is the index. */
export const theaters = () => cached('theaters', () => get('/theaters', { auth: false }));

export async function theater(theaterId) {
	const known = (await theaters()).find((candidate) => candidate.theaterId === theaterId);
	if (known) {
		return known;
	}
	// A theater added since the list was read: read it again, once.
	cache.delete('theaters');
	return (await theaters()).find((candidate) => candidate.theaterId === theaterId) ?? null;
}

/** The movies, all pages of 100; also fills the per-movie cache so titles cost nothing more. */
export const movies = () => cached('movies', async () => {
	const all = [];
	for (let page = 0; page < 20; page++) {
		const answer = await get(`/movies?page=${page}&size=100`, { auth: false });
		all.push(...answer.items);
		if (all.length >= answer.total || answer.items.length === 0) {
			break;
		}
	}
	all.forEach((item) => cache.set(`movie:${item.movieId}`, Promise.resolve(item)));
	return all;
});

export const movie = (movieId) => cached(`movie:${movieId}`, () => get(`/movies/${movieId}`, { auth: false }));

/** The shows matching a search; not cached, seats and times are what people come back for. */
export function shows({ date, theaterId, movieId } = {}) {
	const query = new URLSearchParams();
	if (date) {
		query.set('date', date);
	}
	if (theaterId) {
		query.set('theaterId', theaterId);
	}
	if (movieId) {
		query.set('movieId', movieId);
	}
	const search = query.toString();
	return get(`/shows${search ? `?${search}` : ''}`, { auth: false });
}

/** A show with its movie and theater, for headings; the extras may fail without hiding the show. */
export async function showDetails(showId) {
	const found = await show(showId);
	const [foundMovie, foundTheater] = await Promise.all([
		movie(found.movieId).catch(() => null),
		theater(found.theaterId).catch(() => null),
	]);
	return { show: found, movie: foundMovie, theater: foundTheater };
}
