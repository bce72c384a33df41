// The seat map of one show: one <button> per seat, built once per layout, then updated
// seat by seat. Halls reach 100 × 100 seats, so a change is a Map lookup by seat id and a
// few attribute writes on that one button, never a re-render of the grid.
//
// Keyboard: one seat is in the tab order at a time (a "roving tabindex": Tab enters and
// leaves the map in one step instead of 10,000); arrow keys move between seats, Home/End
// go to the ends of the row (with Ctrl: of the map), Enter/Space press the button.

import { h } from './dom.js';
import { seatName } from './format.js';

export class SeatMap {

	/**
	 * @param container where the grid goes (a horizontally scrolling box)
	 * @param options.currency   the show's currency, for prices in seat names
	 * @param options.rowOrder   row labels in hall order (from the hall), when known
	 * @param options.aisles     ids of seats followed by an aisle
	 * @param options.onToggle   (seatId) → the user pressed an available seat
	 * @param options.onUnavailable (seatId, status) → the user pressed a seat they cannot take
	 * @param options.onTaken    (seatIds) → selected seats someone else just took
	 * @param options.onCounts   ({available, held, booked}) → after every change
	 * @param options.onFocusSeat (text) → a description of the seat under focus or pointer
	 */
	constructor(container, options) {
		this.options = options;
		this.seats = new Map();
		this.rows = [];
		this.categories = [];
		this.selected = new Set();
		this.counts = { AVAILABLE: 0, HELD: 0, BOOKED: 0 };
		this.current = null;
		this.described = null;
		this.grid = h('div', {
			class: 'seat-grid',
			role: 'group',
			'aria-label': 'Seats. Arrow keys move between seats, Enter or Space selects.',
			'data-testid': 'seat-map',
		});
		this.grid.addEventListener('click', (event) => this.pressed(event));
		this.grid.addEventListener('keydown', (event) => this.keyDown(event));
		this.grid.addEventListener('focusin', (event) => this.describe(event));
		this.grid.addEventListener('mouseover', (event) => this.describe(event));
		container.append(this.grid);
	}

	/**
	 * A snapshot: the full map. The first one builds the grid; a later one (after a
	 * reconnect) with the same seats only updates statuses, keeping focus and scroll.
	 * Returns true when the grid was (re)built.
	 */
	load(snapshot) {
		const seats = snapshot.seats;
		const same = seats.length === this.seats.size && seats.every((seat) => this.seats.has(seat.id));
		if (same) {
			this.apply(seats.map((seat) => ({ seatId: seat.id, status: seat.status })));
			return false;
		}
		this.build(seats);
		return true;
	}

	build(seats) {
		this.seats.clear();
		this.rows = [];
		this.selected.clear();
		this.described = null;
		this.counts = { AVAILABLE: 0, HELD: 0, BOOKED: 0 };
		const byRow = new Map();
		for (const seat of seats) {
			if (!byRow.has(seat.row)) {
				byRow.set(seat.row, []);
			}
			byRow.get(seat.row).push(seat);
			if (!this.categories.includes(seat.category)) {
				this.categories.push(seat.category);
			}
		}
		const known = (this.options.rowOrder ?? []).filter((label) => byRow.has(label));
		const order = [...known, ...[...byRow.keys()].filter((label) => !known.includes(label))];
		const aisles = this.options.aisles ?? new Set();
		const fragment = document.createDocumentFragment();
		order.forEach((label, rowIndex) => {
			const rowSeats = byRow.get(label).sort((a, b) => a.number - b.number);
			const row = document.createElement('div');
			row.className = 'seat-row';
			row.setAttribute('role', 'group');
			row.setAttribute('aria-label', `Row ${label}`);
			row.append(rowLabel(label));
			const entries = [];
			rowSeats.forEach((seat, index) => {
				const button = document.createElement('button');
				button.type = 'button';
				button.className = `seat cat-${this.categories.indexOf(seat.category) % 6}`
					+ (aisles.has(seat.id) ? ' aisle-after' : '');
				button.dataset.seatId = seat.id;
				button.tabIndex = -1;
				button.textContent = seat.number;
				const entry = { seat, button, status: seat.status, selected: false, mine: false, row: rowIndex, index };
				if (this.counts[entry.status] !== undefined) {
					this.counts[entry.status]++;
				}
				this.render(entry);
				this.seats.set(seat.id, entry);
				entries.push(entry);
				row.append(button);
			});
			row.append(rowLabel(label));
			this.rows.push(entries);
			fragment.append(row);
		});
		// Long rows (a 100 × 100 hall) get smaller seats, so more of the hall fits on screen.
		this.grid.dataset.size = Math.max(0, ...this.rows.map((entries) => entries.length)) > 30 ? 'large' : 'normal';
		this.grid.replaceChildren(fragment);
		const first = [...this.seats.values()].find((entry) => entry.status === 'AVAILABLE') ?? this.rows[0]?.[0];
		this.current = null;
		if (first) {
			this.makeCurrent(first);
		}
		this.countsChanged();
	}

	/** `seats` events: [{seatId, status}], in the order they happened. */
	apply(changes) {
		const taken = [];
		for (const { seatId, status } of changes) {
			const entry = this.seats.get(seatId);
			if (!entry || entry.status === status || this.counts[status] === undefined) {
				continue;
			}
			this.counts[entry.status]--;
			this.counts[status]++;
			entry.status = status;
			if (status !== 'AVAILABLE' && entry.selected) {
				entry.selected = false;
				this.selected.delete(seatId);
				taken.push(seatId);
			}
			if (status === 'AVAILABLE') {
				// A seat that is free again is no longer anybody's hold, ours included.
				entry.mine = false;
			}
			this.render(entry);
		}
		this.countsChanged();
		if (taken.length > 0) {
			this.options.onTaken?.(taken);
		}
	}

	/** The status the service last reported for a seat (never SELECTED). */
	status(seatId) {
		return this.seats.get(seatId)?.status ?? null;
	}

	seat(seatId) {
		return this.seats.get(seatId)?.seat ?? null;
	}

	setSelected(seatId, on) {
		const entry = this.seats.get(seatId);
		if (!entry) {
			return;
		}
		entry.selected = on && entry.status === 'AVAILABLE';
		if (entry.selected) {
			this.selected.add(seatId);
		}
		else {
			this.selected.delete(seatId);
		}
		this.render(entry);
	}

	clearSelection() {
		[...this.selected].forEach((seatId) => this.setSelected(seatId, false));
	}

	/** Marks the seats of the user's own hold, drawn apart from other people's holds. */
	setMine(seatIds, on) {
		for (const seatId of seatIds) {
			const entry = this.seats.get(seatId);
			if (entry) {
				entry.mine = on;
				this.render(entry);
			}
		}
	}

	render(entry) {
		const shown = entry.selected ? 'SELECTED' : entry.status;
		const button = entry.button;
		button.dataset.status = shown;
		button.setAttribute('aria-label', seatName(entry.seat, this.options.currency, shown));
		// aria-disabled, not disabled: taken seats stay focusable so arrow keys can cross them.
		if (shown === 'AVAILABLE' || shown === 'SELECTED') {
			button.removeAttribute('aria-disabled');
		}
		else {
			button.setAttribute('aria-disabled', 'true');
		}
		if (entry.mine) {
			button.dataset.mine = 'true';
		}
		else {
			delete button.dataset.mine;
		}
		if (entry === this.described) {
			this.describeEntry(entry);
		}
	}

	countsChanged() {
		this.options.onCounts?.({
			available: this.counts.AVAILABLE,
			held: this.counts.HELD,
			booked: this.counts.BOOKED,
		});
	}

	pressed(event) {
		const entry = this.entryOf(event.target);
		if (!entry) {
			return;
		}
		this.makeCurrent(entry);
		if (entry.status === 'AVAILABLE') {
			this.options.onToggle?.(entry.seat.id);
		}
		else {
			this.options.onUnavailable?.(entry.seat.id, entry.mine ? 'yours' : entry.status);
		}
	}

	keyDown(event) {
		const entry = this.entryOf(event.target);
		if (!entry) {
			return;
		}
		const row = this.rows[entry.row];
		let next;
		switch (event.key) {
			case 'ArrowLeft':
				next = row[entry.index - 1];
				break;
			case 'ArrowRight':
				next = row[entry.index + 1];
				break;
			case 'ArrowUp':
				next = this.nearest(this.rows[entry.row - 1], entry);
				break;
			case 'ArrowDown':
				next = this.nearest(this.rows[entry.row + 1], entry);
				break;
			case 'Home':
				next = event.ctrlKey ? this.rows[0][0] : row[0];
				break;
			case 'End':
				next = event.ctrlKey ? this.rows.at(-1).at(-1) : row.at(-1);
				break;
			default:
				return;
		}
		// Arrow keys would otherwise also scroll the page.
		event.preventDefault();
		if (next) {
			this.makeCurrent(next);
			next.button.focus();
		}
	}

	/**
	 * The seat of another row closest to `from` on screen. Rows differ in length and
	 * aisles, so "same seat number" is not "above"; a binary search over the row's
	 * (ordered) positions finds the seat under or over it.
	 */
	nearest(row, from) {
		if (!row || row.length === 0) {
			return null;
		}
		const center = (entry) => entry.button.offsetLeft + entry.button.offsetWidth / 2;
		const x = center(from);
		let low = 0;
		let high = row.length - 1;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (center(row[middle]) < x) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		const before = row[low - 1];
		return before && Math.abs(center(before) - x) <= Math.abs(center(row[low]) - x) ? before : row[low];
	}

	makeCurrent(entry) {
		if (this.current && this.current !== entry) {
			this.current.button.tabIndex = -1;
		}
		entry.button.tabIndex = 0;
		this.current = entry;
	}

	describe(event) {
		const entry = this.entryOf(event.target);
		if (entry) {
			this.described = entry;
			this.describeEntry(entry);
		}
	}

	/** The line under the map: the seat last pointed at or focused, kept current as it changes. */
	describeEntry(entry) {
		this.options.onFocusSeat?.(entry.button.getAttribute('aria-label') + (entry.mine ? ' (your hold)' : ''));
	}

	entryOf(target) {
		const button = target instanceof Element ? target.closest('button.seat') : null;
		return button ? this.seats.get(button.dataset.seatId) : null;
	}

}

function rowLabel(label) {
	// Hidden from assistive technology: each seat's name already says its row.
	return h('span', { class: 'row-label', 'aria-hidden': 'true' }, label);
}
