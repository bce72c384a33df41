// How values read on screen. Money arrives as integer minor units plus an ISO-4217 code
// (API.md, Conventions): 1200 EUR reads "12.00 EUR", computed in integers so no float
// rounding ever shows a wrong cent.

const fractionDigitsByCurrency = new Map();

function fractionDigits(currency) {
	if (!fractionDigitsByCurrency.has(currency)) {
		let digits = 2;
		try {
			digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits;
		}
		catch {
			// An unknown code: two digits is what most currencies use.
		}
		fractionDigitsByCurrency.set(currency, digits);
	}
	return fractionDigitsByCurrency.get(currency);
}

/** money(1200, 'EUR') → "12.00 EUR"; money(500, 'JPY') → "500 JPY". */
export function money(minor, currency) {
	const digits = fractionDigits(currency);
	const unit = 10 ** digits;
	const sign = minor < 0 ? '-' : '';
	const amount = Math.abs(minor);
	const whole = Math.floor(amount / unit);
	const fraction = digits > 0 ? '.' + String(amount % unit).padStart(digits, '0') : '';
	return `${sign}${whole}${fraction} ${currency}`;
}

/** STANDARD → "standard", FRONT_ROW → "front row": category names as words. */
export function categoryWord(category) {
	return String(category ?? '').toLowerCase().replaceAll('_', ' ');
}

/** "standard" → "Standard": a category word at the start of a label. */
export function capitalized(text) {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** AVAILABLE → "available", and so on; SELECTED is the user's own selection. */
export function statusWord(status) {
	return String(status).toLowerCase();
}

/** "Row C, seat 12, standard, 12.00 EUR, available": the accessible name of a seat. */
export function seatName(seat, currency, status) {
	return `Row ${seat.row}, seat ${seat.number}, ${categoryWord(seat.category)}, ${money(seat.price, currency)}, ${statusWord(status)}`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined,
	{ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export const day = (iso) => dayFormat.format(new Date(iso));
export const time = (iso) => timeFormat.format(new Date(iso));
export const dateTime = (iso) => dateTimeFormat.format(new Date(iso));

/** 125 → "2:05"; 3725 → "1:02:05". */
export function clockTime(totalSeconds) {
	const seconds = Math.max(0, Math.ceil(totalSeconds));
	const h = Math.floor(seconds / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const s = String(seconds % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seat ids in reading order: "C-12, C-13". */
export function seatList(seatIds) {
	return [...seatIds].sort(compareSeatIds).join(', ');
}

export function compareSeatIds(a, b) {
	const [rowA, numberA] = splitSeatId(a);
	const [rowB, numberB] = splitSeatId(b);
	return rowA === rowB ? numberA - numberB : rowA.localeCompare(rowB, undefined, { numeric: true });
}

function splitSeatId(id) {
	const dash = id.lastIndexOf('-');
	return [id.slice(0, dash), Number(id.slice(dash + 1))];
}

export function plural(count, one, many = one + 's') {
	return `${count} ${count === 1 ? one : many}`;
}
