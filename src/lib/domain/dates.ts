// Calendar dates as 'YYYY-MM-DD' strings. "Today" is Vietnam's today (UTC+7): a date typed before
// 07:00 in Hà Nội is already tomorrow in UTC terms, and must not be refused as "in the future".

const VN_DATE = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Ho_Chi_Minh',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

export function todayInVietnam(now: Date = new Date()): string {
	return VN_DATE.format(now);
}

/**
 * The same calendar day `years` later (or earlier). 29 February falls on 1 March in a common
 * year: a person born on 29 February has their full years on 1 March.
 */
export function addYears(iso: string, years: number): string {
	const year = Number(iso.slice(0, 4)) + years;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const day = iso.slice(5, 10) === '02-29' && !leap ? '03-01' : iso.slice(5, 10);
	return `${String(year).padStart(4, '0')}-${day}`;
}
