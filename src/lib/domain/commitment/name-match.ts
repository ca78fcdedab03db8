// Signing asks the member to type their full name as on their record. Phones and keyboards differ
// in how (and whether) they produce Vietnamese diacritics, so those are ignored; the words are not:
// "Nguyễn Văn" does not sign for "Nguyễn Văn An".

/** Lower case, no diacritics (đ → d), single spaces, trimmed. */
export function foldName(name: string): string {
	return (
		name
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			// đ/Đ is a letter of its own, not d plus a mark: NFD leaves it alone.
			.replace(/[đĐ]/g, 'd')
			.toLowerCase()
			.replace(/\s+/g, ' ')
			.trim()
	);
}

export function namesMatch(typed: string, recorded: string): boolean {
	const folded = foldName(typed);
	return folded !== '' && folded === foldName(recorded);
}
