// Log in and register. Errors come back as problem+json: `detail` above the form, and
// each entry of `errors` beside the field it names.

import { field, h, replace } from '../dom.js';
import { cooldown, markFields, showProblem } from '../notices.js';
import { navigate } from '../router.js';
import { currentUser, isLoggedIn, login, logout, register } from '../session.js';

export default function authView(container, _params, query) {
	// Only paths inside this page: a `next` pointing elsewhere is ignored.
	const next = (query.get('next') ?? '/').startsWith('/') ? query.get('next') ?? '/' : '/';

	if (isLoggedIn()) {
		const user = currentUser();
		container.append(h('h1', { tabindex: '-1' }, 'You are logged in'),
			h('p', {}, user ? `Logged in as ${user.displayName} (${user.email}).` : 'You are logged in.'),
			h('p', {}, h('a', { href: `#${next}` }, 'Continue'), ' or ',
				h('button', { type: 'button', class: 'link', onclick: () => { logout(); navigate('/login'); } }, 'log out')));
		return null;
	}

	const loginForm = form('login', 'Log in', [
		['email', 'Email', { type: 'email', autocomplete: 'username', required: true }],
		['password', 'Password', { type: 'password', autocomplete: 'current-password', required: true }],
	], (values) => login(values.email, values.password));

	const registerForm = form('register', 'Create an account', [
		['displayName', 'Your name', { type: 'text', autocomplete: 'name', required: true, maxlength: 100 }],
		['email', 'Email', { type: 'email', autocomplete: 'email', required: true }],
		['password', 'Password (at least 8 characters)', { type: 'password', autocomplete: 'new-password', required: true, minlength: 8, maxlength: 64 }],
	], (values) => register(values.displayName, values.email, values.password));

	container.append(h('h1', { tabindex: '-1' }, 'Log in or register'),
		h('div', { class: 'auth-forms' }, loginForm, registerForm));

	function form(name, title, fields, submit) {
		const message = h('div', { 'data-testid': `${name}-message` });
		const button = h('button', { type: 'submit', class: 'primary', 'data-testid': `${name}-submit` }, title);
		const element = h('form', { class: 'panel auth-form', 'aria-labelledby': `${name}-heading`, novalidate: true },
			h('h2', { id: `${name}-heading` }, title),
			fields.map(([fieldName, label, attributes]) => field(label, h('input', {
				...attributes,
				id: `${name}-${fieldName}`,
				name: fieldName,
				'data-testid': `${name}-${fieldName.toLowerCase() === 'displayname' ? 'name' : fieldName}`,
			}))),
			button, message);
		element.addEventListener('submit', async (event) => {
			event.preventDefault();
			const values = Object.fromEntries(new FormData(element));
			button.disabled = true;
			replace(message);
			markFields(element, null);
			let coolingDown = false;
			try {
				await submit(values);
				navigate(next);
			}
			catch (error) {
				showProblem(message, error);
				markFields(element, error);
				coolingDown = cooldown(button, error);
			}
			finally {
				button.disabled = coolingDown;
			}
		});
		return element;
	}

	return null;
}
