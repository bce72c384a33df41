// Browse: the shows by date, theater and movie (GET /shows?date=&theaterId=&movieId=).
// Filters live in the URL (#/?date=…) so a search can be bookmarked or shared.

import * as catalog from '../catalog.js';
import { field, h, replace } from '../dom.js';
import { day, money, plural, time } from '../format.js';
import { problemView } from '../notices.js';
import { replaceQuery } from '../router.js';

export default function showsView(container, _params, query) {
	let current = 0;
	const filters = {
		date: query.get('date') ?? '',
		theaterId: query.get('theaterId') ?? '',
		movieId: query.get('movieId') ?? '',
	};
	const dateInput = h('input', { type: 'date', name: 'date', value: filters.date, 'data-testid': 'filter-date' });
	const theaterSelect = h('select', { name: 'theaterId', 'data-testid': 'filter-theater' },
		h('option', { value: '' }, 'All theaters'));
	const movieSelect = h('select', { name: 'movieId', 'data-testid': 'filter-movie' },
		h('option', { value: '' }, 'All movies'));
	const results = h('div', { class: 'show-results', 'aria-live': 'polite', 'aria-busy': 'true' });
	const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find shows', onsubmit: (e) => e.preventDefault() },
		field('Date (UTC)', dateInput),
		field('Theater', theaterSelect),
		field('Movie', movieSelect),
		h('button', {
			type: 'button',
			class: 'link',
			onclick: () => {
				dateInput.value = '';
				theaterSelect.value = '';
				movieSelect.value = '';
				changed();
			},
		}, 'Clear filters'));
	form.addEventListener('change', changed);
	container.append(h('h1', { tabindex: '-1' }, 'Shows'), form, results);

	function changed() {
		filters.date = dateInput.value;
		filters.theaterId = theaterSelect.value;
		filters.movieId = movieSelect.value;
		replaceQuery(filters);
		search();
	}

	async function loadFilters() {
		try {
			const [theaters, movies] = await Promise.all([catalog.theaters(), catalog.movies()]);
			theaters.forEach((theater) => theaterSelect.append(
				h('option', { value: theater.theaterId }, `${theater.name}, ${theater.city}`)));
			[...movies].sort((a, b) => a.title.localeCompare(b.title))
				.forEach((movie) => movieSelect.append(h('option', { value: movie.movieId }, movie.title)));
			theaterSelect.value = filters.theaterId;
			movieSelect.value = filters.movieId;
		}
		catch (error) {
			results.before(problemView(error, { prefix: 'The filters could not be loaded' }));
		}
	}

	async function search() {
		const ticket = ++current;
		results.setAttribute('aria-busy', 'true');
		try {
			const shows = await catalog.shows(filters);
			const [theaters, movies] = await Promise.all([catalog.theaters().catch(() => []), catalog.movies().catch(() => [])]);
			if (ticket !== current) {
				return;
			}
			replace(results, list(shows, new Map(theaters.map((t) => [t.theaterId, t])),
				new Map(movies.map((m) => [m.movieId, m]))));
		}
		catch (error) {
			if (ticket === current) {
				replace(results, problemView(error, { prefix: 'The shows could not be loaded' }));
			}
		}
		finally {
			if (ticket === current) {
				results.setAttribute('aria-busy', 'false');
			}
		}
	}

	loadFilters();
	search();
	return () => {
		current = -1;
	};
}

function list(shows, theaters, movies) {
	if (shows.length === 0) {
		return h('p', { class: 'empty' }, 'No shows match. Try another date, theater or movie.');
	}
	const byDay = new Map();
	for (const show of shows) {
		const label = day(show.startsAt);
		if (!byDay.has(label)) {
			byDay.set(label, []);
		}
		byDay.get(label).push(show);
	}
	return [h('p', { class: 'muted' }, plural(shows.length, 'show')),
		...[...byDay].map(([label, dayShows]) => h('section', { class: 'show-day' },
			h('h2', {}, label),
			h('ul', { class: 'show-list' }, dayShows.map((show) => item(show, theaters.get(show.theaterId),
				movies.get(show.movieId))))))];
}

function item(show, theater, movie) {
	const cheapest = Math.min(...Object.values(show.prices ?? {}));
	const title = movie?.title ?? 'A movie';
	return h('li', { class: 'show-item' },
		h('a', {
			href: `#/shows/${show.showId}`,
			class: 'show-link',
			'data-testid': 'show-link',
			'data-show-id': show.showId,
		},
		h('span', { class: 'show-time' }, time(show.startsAt)),
		h('span', { class: 'show-title' }, title),
		h('span', { class: 'show-meta' },
			[theater ? `${theater.name}, ${theater.city}` : null,
				movie ? `${movie.durationMinutes} min` : null,
				movie?.genres?.length ? movie.genres.join(', ') : null].filter(Boolean).join(' · ')),
		Number.isFinite(cheapest) ? h('span', { class: 'show-price' }, `from ${money(cheapest, show.currency)}`) : null));
}
