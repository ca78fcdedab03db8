/**
 * A label from a map that covers every value of its type. A value outside it (an old code quoted
 * in an audit row) is shown as stored rather than as some other value's words.
 */
export const lookup = <K extends string>(map: Record<K, () => string>, value: string): string =>
	Object.hasOwn(map, value) ? map[value as K]() : value;
