// A tiny element builder. Text always goes in through textContent, never innerHTML, so
// nothing a server or a user typed can ever become markup.

/**
 * h('button', {class: 'x', 'data-testid': 'pay-button', onclick: fn}, 'Pay') → element.
 * Attributes that are null, undefined or false are left out; true gives an empty one.
 */
export function h(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes ?? {})) {
		if (value == null || value === false) {
			continue;
		}
		if (name.startsWith('on') && typeof value === 'function') {
			element.addEventListener(name.slice(2), value);
		}
		else if (name === 'class') {
			element.className = value;
		}
		else if (name === 'value' || name === 'checked') {
			// Properties, not attributes: these must show the current state.
			element[name] = value;
		}
		else {
			element.setAttribute(name, value === true ? '' : String(value));
		}
	}
	append(element, children);
	return element;
}

/** Appends children, skipping null/false, flattening arrays, turning strings into text. */
export function append(parent, children) {
	for (const child of children.flat(Infinity)) {
		if (child == null || child === false) {
			continue;
		}
		parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
	return parent;
}

/** Replaces every child of parent. */
export function replace(parent, ...children) {
	parent.replaceChildren();
	return append(parent, children);
}

/** A label wrapping its control, so the control's accessible name is the label text. */
export function field(labelText, control, hint) {
	return h('label', { class: 'field' }, h('span', { class: 'field-label' }, labelText), control,
		hint ? h('span', { class: 'field-hint' }, hint) : null);
}
