// Labels and date formatting shared by the account pages.
import { m } from '$lib/paraglide/messages';
import type { AccountStatus } from '$lib/schemas/accounts';

export const statusLabel = (s: AccountStatus): string =>
	s === 'active'
		? m.admin_status_active()
		: s === 'disabled'
			? m.admin_status_disabled()
			: m.admin_status_pending();

export const statusClass = (s: AccountStatus): string =>
	s === 'active'
		? 'bg-green-100 text-green-900'
		: s === 'disabled'
			? 'bg-stone-200 text-stone-800'
			: 'bg-amber-100 text-amber-900';

// Vietnam time on server and browser alike, so the server-rendered text hydrates unchanged.
const parts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Asia/Ho_Chi_Minh',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** dd/mm/yyyy HH:mm in Vietnam time, or an em dash. */
export function formatDateTime(d: Date | string | null | undefined): string {
	if (!d) return '—';
	const p = Object.fromEntries(parts.formatToParts(new Date(d)).map((x) => [x.type, x.value]));
	return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
