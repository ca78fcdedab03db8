// Full-page screenshots on a phone (390×844) and a desktop (1280×900), saved to
// tests/e2e/screenshots/<name>-<width>.png (gitignored) for people to look at.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const SHOTS_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SIZES = [
	{ width: 390, height: 844 },
	{ width: 1280, height: 900 }
];

export async function shoot(page: Page, name: string): Promise<void> {
	fs.mkdirSync(SHOTS_DIR, { recursive: true });
	for (const size of SIZES) {
		await page.setViewportSize(size);
		// Let the layout settle at the new width before the picture.
		await expect(page.locator('body')).toBeVisible();
		await page.screenshot({ path: `${SHOTS_DIR}${name}-${size.width}.png`, fullPage: true });
		expect(fs.statSync(`${SHOTS_DIR}${name}-${size.width}.png`).size).toBeGreaterThan(5_000);
	}
}
