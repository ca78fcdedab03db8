// Party documents are Vietnamese whatever language their reader uses: words taken from the
// message catalog for a document (a criterion's name, a level) are read in Vietnamese here.
import { getServerAsyncLocalStorage } from '$lib/paraglide/runtime';

export function inVietnamese<T>(words: () => T): T {
	const store = getServerAsyncLocalStorage();
	return store ? store.run({ locale: 'vi' }, words) : words();
}
