// Hash routes, so the service only ever serves one page and links such as
// /#/shows/{showId} work from anywhere (bookmarks, tests, other tools).
// A view is a function (container, params, query) → cleanup; the cleanup closes streams
// and timers of the view being left.

const routes = [];
let cleanup = null;

export function route(pattern, view) {
	routes.push({ pattern, view });
}

export function navigate(path) {
	if (location.hash === `#${path}`) {
		render();
	}
	else {
		location.hash = path;
	}
}

/** Replaces the query of the current route without re-rendering (filters, paging). */
export function replaceQuery(query) {
	const [path] = currentPath();
	const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value)).toString();
	history.replaceState(null, '', `#${path}${search ? `?${search}` : ''}`);
}

function currentPath() {
	const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
	const [path, search = ''] = hash.split('?');
	return [path, new URLSearchParams(search)];
}

export function render() {
	// Other fragments (the skip link's #view) are not routes.
	if (location.hash && !location.hash.startsWith('#/')) {
		return;
	}
	const [path, query] = currentPath();
	const container = document.getElementById('view');
	cleanup?.();
	cleanup = null;
	container.replaceChildren();
	for (const { pattern, view } of routes) {
		const match = pattern.exec(path);
		if (match) {
			cleanup = view(container, match.groups ?? {}, query) ?? null;
			document.querySelectorAll('[data-nav]').forEach((link) => {
				const here = link.getAttribute('href') === `#${path}`;
				if (here) {
					link.setAttribute('aria-current', 'page');
				}
				else {
					link.removeAttribute('aria-current');
				}
			});
			return;
		}
	}
	const missing = document.createElement('p');
	missing.textContent = 'There is no such page. ';
	const home = document.createElement('a');
	home.href = '#/';
	home.textContent = 'See the shows';
	missing.append(home);
	container.append(missing);
}

export function currentRoute() {
	return currentPath()[0];
}

window.addEventListener('hashchange', render);
