// What the periodic report tests know about the demo: which year a member can report in now (the
// running year, seeded beside the coming one from October), found through the member's own pages,
// and the files a member attaches as evidence, made in the test.
import type { APIRequestContext } from '@playwright/test';
import sharp from 'sharp';
import { decodeEntities, getHtml, getRaw } from './helpers';

/** Period states as the badges of "Các kỳ báo cáo" show them. */
export const PERIOD_STATE = {
	not_started: 'Chưa đến kỳ',
	open: 'Đang trong kỳ',
	reported: 'Đã báo cáo',
	reported_late: 'Đã báo cáo (muộn)',
	overdue: 'Quá hạn, chưa báo cáo'
} as const;

export interface OpenPeriod {
	year: number;
	period: number;
	/** The button's words: "Báo cáo Quý IV/2026". */
	label: string;
}

/**
 * The first of the member's years (from /registrations) whose reports page offers the period to
 * report now ("Báo cáo Quý …"); undefined when none does (before October the demo member has not
 * registered in the demo year, so there is nothing to report on).
 */
export async function findOpenPeriod(member: APIRequestContext): Promise<OpenPeriod | undefined> {
	const list = await getHtml(member, '/registrations');
	const years = [
		...new Set([...list.matchAll(/href="\/registrations\/(\d{4})"/g)].map((m) => m[1]))
	];
	for (const year of years) {
		const res = await getRaw(member, `/registrations/${year}/reports`);
		if (res.status() !== 200) continue;
		const html = await res.text();
		const re = new RegExp(
			`<a[^>]*href="/registrations/${year}/reports/(\\d+)"[^>]*>([^<]*)</a>`,
			'g'
		);
		for (const m of html.matchAll(re)) {
			const label = decodeEntities(m[2]).trim();
			if (label.startsWith('Báo cáo ')) return { year: Number(year), period: Number(m[1]), label };
		}
	}
	return undefined;
}

/** GPSLatitude 4567/100 seconds, as the little-endian rational the EXIF block stores. */
export const LATITUDE_SECONDS = Buffer.from([0xd7, 0x11, 0, 0, 0x64, 0, 0, 0]);
/** A string of the GPS block that no re-encoded picture would carry by chance. */
export const GPS_DATUM = 'WGS-84-CAMKET';

/** A phone's photo of a cell meeting: a JPEG with a camera's EXIF, GPS position included. */
export async function photoWithGps(): Promise<Buffer> {
	const width = 480;
	const height = 360;
	// A gradient with some grain, so the picture is not a few hundred bytes of one colour.
	const raw = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 3;
			const grain = (x * 7 + y * 13) % 23;
			raw[i] = (x * 255) / width;
			raw[i + 1] = 90 + grain;
			raw[i + 2] = (y * 255) / height;
		}
	return sharp(raw, { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 90 })
		.withExif({
			IFD0: { Make: 'CamketPhone', Model: 'X1' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '21/1 1/1 4567/100',
				GPSLongitudeRef: 'E',
				GPSLongitude: '105/1 51/1 0/1',
				GPSMapDatum: GPS_DATUM
			}
		})
		.toBuffer();
}

/** A small PNG, as a phone's screenshot. */
export function screenshotPng(): Promise<Buffer> {
	return sharp({
		create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } }
	})
		.png()
		.toBuffer();
}

/** A web page saved under a photo's name: what the server must refuse, whatever the name says. */
export const HTML_AS_JPG = Buffer.from(
	'<!doctype html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>'
);
