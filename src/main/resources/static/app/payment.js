// Paying for a hold (a hold of one's own or a waiting-list offer) with the simulated
// provider's tokens. Each attempt carries an Idempotency-Key: a request that got no answer
// (network failure) is resent with the same key, so it can never charge twice; any answer
// ends the attempt, because the service replays the first outcome for a key, and a new
// card after a decline must be a new attempt.

import { idempotencyKey, post } from './api.js';
import { field, h, replace } from './dom.js';
import { money } from './format.js';
import { cooldown, showProblem } from './notices.js';

const TOKENS = [
	['tok_ok', 'Test card, approved (tok_ok)'],
	['tok_declined', 'Test card, declined (tok_declined)'],
];

/**
 * @param hold      {holdId, totalPrice, currency}
 * @param onBooked  (booking) → paid and booked
 * @param onGone    (error) → the hold no longer exists (expired, or not ours)
 * @param testid    prefix of the data-testid hooks ('' for a hold, 'offer-' for an offer)
 */
export function paymentForm(hold, { onBooked, onGone, testid = '' }) {
	let attempt = null;
	const payLabel = hold.totalPrice != null ? `Pay ${money(hold.totalPrice, hold.currency)}` : 'Pay';
	const select = h('select', { name: 'token', 'data-testid': `${testid}payment-token` },
		TOKENS.map(([value, label]) => h('option', { value }, label)));
	const button = h('button', { type: 'submit', class: 'primary', 'data-testid': `${testid}pay-button` }, payLabel);
	const message = h('div', { class: 'payment-message', 'data-testid': `${testid}payment-message` });

	async function pay(event) {
		event.preventDefault();
		const token = select.value;
		if (attempt === null || attempt.token !== token) {
			attempt = { key: idempotencyKey(), token };
		}
		button.disabled = true;
		button.textContent = 'Paying…';
		replace(message);
		let coolingDown = false;
		try {
			const booking = await post('/bookings', { holdId: hold.holdId, payment: { token } },
				{ headers: { 'Idempotency-Key': attempt.key } });
			attempt = null;
			onBooked(booking);
		}
		catch (error) {
			if (error.status !== 0) {
				attempt = null;
			}
			if (error.status === 402 || error.code === 'PAYMENT_DECLINED') {
				// The hold panel (and its countdown) stays: the seats are still held for another try.
				replace(message, h('div', { class: 'problem declined', role: 'alert', 'data-code': 'PAYMENT_DECLINED' },
					h('p', {}, h('strong', {}, 'Payment declined. '), error.message)));
			}
			else if (error.code === 'HOLD_EXPIRED' || error.status === 404) {
				onGone(error);
			}
			else {
				showProblem(message, error, { prefix: 'Payment failed' });
				coolingDown = cooldown(button, error);
			}
		}
		finally {
			button.textContent = payLabel;
			button.disabled = coolingDown;
		}
	}

	return h('form', { class: 'payment', onsubmit: pay, novalidate: true },
		field('Payment method', select), button, message);
}
