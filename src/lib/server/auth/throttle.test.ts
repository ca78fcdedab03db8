import { describe, expect, it } from 'vitest';
import { addressGroup, throttleKeys } from './throttle';

describe('addressGroup', () => {
	it('keeps an IPv4 address whole, also written as IPv4-mapped IPv6', () => {
		expect(addressGroup('198.51.100.7')).toBe('198.51.100.7');
		expect(addressGroup('::ffff:198.51.100.7')).toBe('198.51.100.7');
		expect(addressGroup('::FFFF:c633:6407')).toBe('198.51.100.7');
	});

	it('groups IPv6 addresses by their /64, however they are written', () => {
		const one = [
			'2001:db8:85a3:12::1',
			'2001:0db8:85a3:0012:ffff:ffff:ffff:ffff',
			'2001:DB8:85A3:12:abcd::9%eth0',
			'2001:db8:85a3:12:0:0:192.0.2.1'
		].map(addressGroup);
		expect(new Set(one)).toEqual(new Set(['2001:db8:85a3:12::/64']));
		expect(addressGroup('2001:db8:85a3:13::1')).toBe('2001:db8:85a3:13::/64');
		expect(addressGroup('::1')).toBe('0:0:0:0::/64');
		expect(addressGroup('1::2:3:4:5:6:7')).toBe('1:0:2:3::/64');
		expect(addressGroup('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
	});

	it('gives one pair counter per login and address group, the login’s key as its prefix', () => {
		const a = throttleKeys(' Bithu ', '2001:db8::1');
		const b = throttleKeys('bithu', '2001:db8::2');
		const c = throttleKeys('bithu', '2001:db8:0:1::1');
		expect(a.own.key).toBe(b.own.key);
		expect(c.own.key).not.toBe(a.own.key);
		const [address, login] = a.shared;
		expect(a.own.key.startsWith(`${login.key}/`)).toBe(true);
		expect(a.own.key.endsWith(`/${address.key}`)).toBe(true);
		expect(JSON.stringify(a)).not.toMatch(/bithu|2001/);
	});
});
