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
