// Showing what went wrong. Every error of the API is a problem+json document; the person
// reads its `detail`, the field messages of `errors`, and for 429/503 how long to wait.

import { h, replace } from './dom.js';
import { plural } from './format.js';

/** A short message in the page's status region, read out by screen readers. */
export function flash(message, kind = 'info') {
	const region = document.getElementById('flash');
	replace(region, h('p', { class: `flash-message ${kind}` }, message,
		h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss message', onclick: () => replace(region) }, '×')));
}

/** The block that explains an ApiError (or any Error) to a person. */
export function problemView(error, { prefix } = {}) {
	const status = error.status ?? null;
	const retry = error.retryAfterSeconds;
	return h('div', {
		class: 'problem',
		role: 'alert',
		'data-testid': 'problem',
		'data-code': error.code ?? null,
		'data-status': status,
	},
	h('p', {}, prefix ? `${prefix}: ` : null, error.message),
	error.errors?.length
		? h('ul', { class: 'problem-fields' },
			error.errors.map((item) => h('li', {}, item.field ? `${item.field}: ${item.message}` : item.message)))
		: null,
	retry != null && (status === 429 || status === 503)
		? h('p', { class: 'problem-retry', 'data-testid': 'retry-after' },
			`Please wait ${plural(retry, 'second')} before trying again.`)
		: null);
}

/** Shows the problem in a container (or empties it with null). */
export function showProblem(container, error, options) {
	if (error == null) {
		replace(container);
	}
	else {
		replace(container, problemView(error, options));
	}
}

/**
 * After a 429, the button that caused it waits out Retry-After: pressing it sooner would
 * only be refused again. Returns true when it disabled the button.
 */
export function cooldown(button, error) {
	const seconds = error?.retryAfterSeconds;
	if (!(error?.status === 429 && seconds > 0)) {
		return false;
	}
	button.disabled = true;
	setTimeout(() => {
		button.disabled = false;
	}, seconds * 1000);
	return true;
}

/** Marks the form controls named in `errors` (field → control name) invalid, with the message beside them. */
export function markFields(form, error) {
	form.querySelectorAll('.field-error').forEach((node) => node.remove());
	form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
	for (const item of error?.errors ?? []) {
		const control = form.elements.namedItem(item.field);
		if (control instanceof HTMLElement) {
			control.setAttribute('aria-invalid', 'true');
			const id = `${control.id || control.name}-error`;
			control.setAttribute('aria-describedby', id);
			control.closest('label')?.append(h('span', { class: 'field-error', id }, item.message));
		}
	}
}
