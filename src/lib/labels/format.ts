// Dates and numbers as people in Vietnam write them, the same on the server and in the browser.
import { getLocale } from '$lib/paraglide/runtime';

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way dates are written in Vietnam (and fine in English). */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return '—';
	const [y, mo, d] = iso.slice(0, 10).split('-');
	return `${d}/${mo}/${y}`;
}

// Built once: toLocaleString and a new Intl formatter per call cost more than the rest of a table
// row's rendering (measured with npm run bench:http).
const NUMBER = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };
const PERCENT = {
	vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
	en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
};
const lang = () => (getLocale() === 'en' ? 'en' : 'vi');

/** 2712 → "2.712" in Vietnamese (the dot groups thousands), "2,712" in English. */
export function formatNumber(n: number): string {
	// Most counts on a page have no thousands to group: the same text, without Intl.
	if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
	return NUMBER[lang()].format(n);
}

// Built once: constructing an Intl.DateTimeFormat is costly, and list pages format hundreds of
// times. Vietnam time on server and browser alike, so the server-rendered text hydrates unchanged.
const vietnamTime = new Intl.DateTimeFormat('en-GB', {
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
	const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
	for (const part of vietnamTime.formatToParts(new Date(d))) p[part.type] = part.value;
	return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A moment as its calendar date in Vietnam, dd/mm/yyyy. */
export function dayOf(d: Date | string | null): string {
	return d ? formatDateTime(d).slice(0, 10) : '—';
}

/** Part of whole in percent with at most one decimal ("56,4%"), or "–" when whole is 0. */
export function percentText(part: number, whole: number): string {
	if (whole === 0) return '–';
	const value = Math.round((1000 * part) / whole) / 10;
	return `${PERCENT[lang()].format(value)}%`;
}
