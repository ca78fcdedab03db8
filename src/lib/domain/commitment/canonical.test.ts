import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	CanonicalJsonError,
	canonicalJson,
	formatCode,
	parseCode,
	sha256Hex,
	snapshotHash,
	verificationCode
} from './canonical';
import { buildSnapshot, type CommitmentSnapshot } from './snapshot';
import {
	mapStrings,
	sampleInput,
	stringPaths,
	updateAt
} from '../../../../tests/fixtures/commitment';

// Changes the last character: a digit to another digit (dates stay well-formed), anything else
// to a letter.
const flip = (s: string): string => {
	const last = s.at(-1) ?? '';
	if (/\d/.test(last)) return s.slice(0, -1) + (last === '1' ? '2' : '1');
	return s.slice(0, -1) + (last === 'x' ? 'y' : 'x');
};

describe('canonicalJson', () => {
	it('sorts keys, drops whitespace, keeps array order', () => {
		expect(canonicalJson({ b: [3, 1, 2], a: { d: true, c: null } })).toBe(
			'{"a":{"c":null,"d":true},"b":[3,1,2]}'
		);
	});

	it('is the same whatever the key order', () => {
		const a = { year: 2026, member: { card_no: '1', full_name: 'A' }, areas: [] };
		const b = { areas: [], member: { full_name: 'A', card_no: '1' }, year: 2026 };
		expect(canonicalJson(a)).toBe(canonicalJson(b));
	});

	it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
		const value = { '\u20ac': 1, '\r': 2, '1': 3, '\ud83d\ude00': 4, '\u0080': 5, '\u00f6': 6 };
		// Read the text, not a parsed object: JS objects list integer-like keys ('1') first.
		expect(canonicalJson(value)).toBe('{"\\r":2,"1":3,"\u0080":5,"ö":6,"€":1,"😀":4}');
		// A code point sort would put U+FF21 before U+1F600; UTF-16 puts the surrogate (D83D) first.
		expect(canonicalJson({ '\uff21': 1, '\ud83d\ude00': 2 })).toBe('{"😀":2,"Ａ":1}');
	});

	it('escapes strings as JSON.stringify does and keeps non-ASCII as is', () => {
		expect(canonicalJson(['a"b\\c\n\t\u0001', 'Đảng'])).toBe('["a\\"b\\\\c\\n\\t\\u0001","Đảng"]');
	});

	it('NFC-normalizes strings and keys', () => {
		const nfd = 'Nguyễn Văn Đức'.normalize('NFD');
		expect(nfd).not.toBe(nfd.normalize('NFC'));
		expect(canonicalJson({ [nfd]: nfd })).toBe(
			canonicalJson({ [nfd.normalize('NFC')]: nfd.normalize('NFC') })
		);
		expect(canonicalJson(nfd)).toBe(JSON.stringify('Nguyễn Văn Đức'.normalize('NFC')));
	});

	it('refuses keys that are equal once normalized', () => {
		const nfc = 'ễ'.normalize('NFC');
		expect(() => canonicalJson({ [nfc]: 1, [nfc.normalize('NFD')]: 2 })).toThrow(
			CanonicalJsonError
		);
	});

	it('omits undefined properties and keeps null', () => {
		expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
	});

	it('writes integers plainly, -0 as 0', () => {
		expect(canonicalJson([0, -0, 1, -42, Number.MAX_SAFE_INTEGER])).toBe(
			'[0,0,1,-42,9007199254740991]'
		);
	});

	it.each([1.5, NaN, Infinity, -Infinity, 2 ** 53])('refuses the number %s', (n) => {
		expect(() => canonicalJson({ n })).toThrow(CanonicalJsonError);
	});

	it.each([
		['undefined at the top', undefined],
		['undefined in an array', [1, undefined]],
		['a function', { f: () => 1 }],
		['a bigint', { n: 1n }],
		['a symbol', { s: Symbol('x') }],
		['a Date', { d: new Date(0) }],
		['a Map', new Map()],
		['a lone high surrogate', '\ud83d'],
		['a lone low surrogate', 'a\ude00b'],
		['a lone surrogate in a key', { '\ud83d': 1 }]
	])('refuses %s', (_, value) => {
		expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
	});

	it('refuses cycles but accepts shared (non-cyclic) references', () => {
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(() => canonicalJson(cyclic)).toThrow(CanonicalJsonError);
		const shared = { x: 1 };
		expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
	});

	it('accepts objects without a prototype', () => {
		const o = Object.create(null) as Record<string, unknown>;
		o.b = 1;
		o.a = 2;
		expect(canonicalJson(o)).toBe('{"a":2,"b":1}');
	});

	it('round-trips a snapshot through JSON (as jsonb does) to the same text', () => {
		const s = buildSnapshot(sampleInput());
		const text = canonicalJson(s);
		expect(canonicalJson(JSON.parse(text))).toBe(text);
		expect(canonicalJson(JSON.parse(JSON.stringify(s)))).toBe(text);
	});
});

describe('sha256Hex', () => {
	it('matches the standard test vectors', () => {
		expect(sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});

	it('hashes the UTF-8 bytes, as node:crypto does', () => {
		for (const t of ['Nguyễn', 'Đảng 😀', canonicalJson(buildSnapshot(sampleInput()))]) {
			expect(sha256Hex(t)).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
		}
	});
});

describe('snapshotHash', () => {
	const base = buildSnapshot(sampleInput());
	const baseHash = snapshotHash(base);

	it('is a lower-case hex SHA-256 of the canonical form', () => {
		expect(baseHash).toMatch(/^[0-9a-f]{64}$/);
		expect(baseHash).toBe(sha256Hex(canonicalJson(base)));
	});

	it('is stable across key order', () => {
		const reversed = JSON.parse(
			JSON.stringify(base, (_k, v: unknown) => {
				if (v && typeof v === 'object' && !Array.isArray(v)) {
					return Object.fromEntries(Object.entries(v).reverse());
				}
				return v;
			})
		) as CommitmentSnapshot;
		expect(Object.keys(reversed)[0]).toBe('typed_name');
		expect(snapshotHash(reversed)).toBe(baseHash);
	});

	it('is the same when built from NFD (decomposed) Vietnamese', () => {
		const nfdInput = mapStrings(sampleInput(), (s) => s.normalize('NFD'));
		expect(JSON.stringify(nfdInput)).not.toBe(JSON.stringify(sampleInput()));
		expect(snapshotHash(buildSnapshot(nfdInput))).toBe(baseHash);
	});

	it('is the same for an NFD snapshot hashed directly', () => {
		expect(snapshotHash(mapStrings(base, (s) => s.normalize('NFD')))).toBe(baseHash);
	});

	it('changes when any string of the snapshot changes by one character', () => {
		const paths = stringPaths(base);
		expect(paths.length).toBeGreaterThan(40);
		const hashes = new Set([baseHash]);
		for (const path of paths) {
			const changed = snapshotHash(updateAt(base, path, flip));
			expect(changed, path.join('.')).not.toBe(baseHash);
			hashes.add(changed);
		}
		expect(hashes.size).toBe(paths.length + 1);
	});

	it('changes when the year or a catalog version changes', () => {
		expect(snapshotHash({ ...base, year: 2027 })).not.toBe(baseHash);
		const catalogs = base.catalogs.map((c, i) => (i === 2 ? { ...c, version: 2 } : c));
		expect(snapshotHash({ ...base, catalogs })).not.toBe(baseHash);
	});

	it('differs between versions of the same words, so re-signing an earlier text is a new hash', () => {
		const signed = (version: number) => snapshotHash(buildSnapshot({ ...sampleInput(), version }));
		expect(new Set([signed(1), signed(2), signed(3), baseHash]).size).toBe(4);
	});

	it('changes when a shown text changes in the input', () => {
		const cases: [string, (i: ReturnType<typeof sampleInput>) => void][] = [
			['item text', (i) => (i.catalogs[1].items[0].text = flip(i.catalogs[1].items[0].text ?? ''))],
			['item wording', (i) => (i.catalogs[1].items[0].wording = 'official')],
			['group heading', (i) => (i.catalogs[1].items[0].group_title = 'Nhóm khác')],
			['catalog title', (i) => (i.catalogs[0].title = flip(i.catalogs[0].title))],
			['personal item', (i) => (i.personal.ethics = ['Tiết kiệm điện, văn phòng phẩm!'])],
			[
				'personal item moved',
				(i) =>
					(i.personal = {
						political: ['Tiết kiệm điện, văn phòng phẩm.'],
						duties: i.personal.duties
					})
			],
			[
				'personal item order',
				(i) => (i.personal.duties = [...(i.personal.duties ?? [])].reverse())
			],
			['header', (i) => (i.header.cell = 'Chi bộ Phòng Ngân sách 2')],
			['signing date', (i) => (i.header.date = '2026-01-16')],
			['identity', (i) => (i.member.card_no = '01.234568')],
			['gender', (i) => (i.member.gender = null)],
			['diacritic only', (i) => (i.member.full_name = 'Nguyễn Thị Hương')],
			['typed name', (i) => (i.typed_name = 'Nguyen Thi Huong')],
			['item area', (i) => (i.catalogs[2].items[0].area = 'duties')],
			['item position', (i) => (i.catalogs[1].items[2].position = 3)]
		];
		for (const [name, mutate] of cases) {
			const input = sampleInput();
			mutate(input);
			expect(snapshotHash(buildSnapshot(input)), name).not.toBe(baseHash);
		}
	});

	it('does not change for whitespace the builder normalizes away', () => {
		const input = sampleInput();
		input.typed_name = ` ${input.typed_name}  `;
		input.personal.ethics = ['\tTiết kiệm điện, văn phòng phẩm.\n', ''];
		expect(snapshotHash(buildSnapshot(input))).toBe(baseHash);
	});
});

describe('verificationCode', () => {
	it('is the first 60 bits of the hash in upper-case base32', () => {
		expect(verificationCode(sha256Hex('abc'))).toBe('XJ4BNP4PAHH6');
		expect(verificationCode(sha256Hex(''))).toBe('4OYMIQUY7QOB');
	});

	it('agrees with an independent 5-bit slicing of the first 15 hex digits', () => {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
		for (const t of ['a', 'b', 'Nguyễn', canonicalJson(buildSnapshot(sampleInput()))]) {
			const hash = sha256Hex(t);
			const bits = BigInt(`0x${hash.slice(0, 15)}`);
			const expected = Array.from(
				{ length: 12 },
				(_, i) => alphabet[Number((bits >> BigInt(55 - 5 * i)) & 31n)]
			).join('');
			expect(verificationCode(hash)).toBe(expected);
		}
	});

	it('is deterministic and matches the database check', () => {
		const hash = snapshotHash(buildSnapshot(sampleInput()));
		expect(verificationCode(hash)).toBe(verificationCode(hash));
		expect(verificationCode(hash)).toMatch(/^[A-Z2-7]{12}$/);
	});

	it.each(['', 'abc', sha256Hex('abc').toUpperCase(), `${sha256Hex('abc')}0`, 'g'.repeat(64)])(
		'refuses %j as a hash',
		(h) => {
			expect(() => verificationCode(h)).toThrow(CanonicalJsonError);
		}
	);
});

describe('formatCode and parseCode', () => {
	it('formats in groups of four', () => {
		expect(formatCode('ABCDEFGHIJKL')).toBe('ABCD-EFGH-IJKL');
	});

	it('round-trips', () => {
		const code = verificationCode(sha256Hex('abc'));
		expect(parseCode(formatCode(code))).toBe(code);
	});

	it.each([
		['ABCDEFGHIJKL', 'ABCDEFGHIJKL'],
		['ABCD-EFGH-IJKL', 'ABCDEFGHIJKL'],
		['abcd-efgh-ijkl', 'ABCDEFGHIJKL'],
		['  abcd efgh  ijkl ', 'ABCDEFGHIJKL'],
		['ABCD–EFGH—IJKL', 'ABCDEFGHIJKL'],
		['ABCD.EFGH.IJKL', 'ABCDEFGHIJKL'],
		['0OAB-1I8B-2345', 'OOAB-IIBB-2345'.replaceAll('-', '')],
		['ＡＢＣＤＥＦＧＨＩＪＫＬ', 'ABCDEFGHIJKL'],
		['XJ4B NP4P AHH6', 'XJ4BNP4PAHH6']
	])('accepts %j', (input, expected) => {
		expect(parseCode(input)).toBe(expected);
	});

	it.each([
		['too short', 'ABCD-EFGH-IJK'],
		['too long', 'ABCD-EFGH-IJKLM'],
		['empty', ''],
		['digit 9', 'ABCD-EFGH-IJK9'],
		['Vietnamese letter', 'ABCD-EFGH-IJKĐ'],
		['symbol', 'ABCD_EFGH_IJKL']
	])('refuses %s', (_, input) => {
		expect(parseCode(input)).toBeUndefined();
	});
});
