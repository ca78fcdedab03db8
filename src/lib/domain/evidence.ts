// The evidence files members may attach to a report. Pure, so the upload form can share the limits.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** The media types a stored evidence file has: WebP uploads are stored re-encoded as JPEG. */
export const EVIDENCE_MEDIA_TYPES = [
	'image/jpeg',
	'image/png',
	'application/pdf',
	DOCX,
	XLSX,
	PPTX,
	'application/msword',
	'application/vnd.ms-excel',
	'application/vnd.ms-powerpoint'
] as const;

export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

type Family = 'image' | 'pdf' | 'word' | 'excel' | 'powerpoint';

const KINDS: Record<EvidenceMediaType, { extension: string; family: Family }> = {
	'image/jpeg': { extension: 'jpg', family: 'image' },
	'image/png': { extension: 'png', family: 'image' },
	'application/pdf': { extension: 'pdf', family: 'pdf' },
	[DOCX]: { extension: 'docx', family: 'word' },
	[XLSX]: { extension: 'xlsx', family: 'excel' },
	[PPTX]: { extension: 'pptx', family: 'powerpoint' },
	'application/msword': { extension: 'doc', family: 'word' },
	'application/vnd.ms-excel': { extension: 'xls', family: 'excel' },
	'application/vnd.ms-powerpoint': { extension: 'ppt', family: 'powerpoint' }
};

// A file's name may say any member of its family: a PNG called .jpg or a DOCX called .doc is the
// everyday result of renaming or re-saving, not a wrong file.
const FAMILY_EXTENSIONS: Record<Family, readonly string[]> = {
	image: ['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp'],
	pdf: ['pdf'],
	word: ['docx', 'doc'],
	excel: ['xlsx', 'xls'],
	powerpoint: ['pptx', 'ppt']
};

export const EVIDENCE_ACCEPT = [
	...Object.values(FAMILY_EXTENSIONS).flatMap((extensions) => extensions.map((e) => `.${e}`)),
	'image/webp',
	...EVIDENCE_MEDIA_TYPES
].join(',');

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_REPORT = 10;
export const MAX_REPORT_UPLOAD_BYTES = 40 * 1024 * 1024;

const MAX_NAME_LENGTH = 120;
const FALLBACK_BASE = 'tep';

export function isImage(mediaType: string): boolean {
	return mediaType === 'image/jpeg' || mediaType === 'image/png';
}

export function evidenceExtension(mediaType: EvidenceMediaType): string {
	return KINDS[mediaType].extension;
}

// Only a short ASCII suffix with a letter counts as an extension, so "Báo cáo v1.2" or
// "BC 2025. Chi bộ 3" keep their whole name.
const EXTENSION = /\.([a-z0-9]{1,5})$/i;

/** The lower-case extension the name ends with, if it has one. */
export function nameExtension(name: string): string | undefined {
	const found = EXTENSION.exec(lastSegment(name))?.[1];
	return found && /[a-z]/i.test(found) ? found.toLowerCase() : undefined;
}

/** A name without an extension fits any type; one with an extension must name the same family. */
export function nameFitsType(name: string, mediaType: EvidenceMediaType): boolean {
	const extension = nameExtension(name);
	return extension === undefined || FAMILY_EXTENSIONS[KINDS[mediaType].family].includes(extension);
}

/**
 * The name a stored file is offered under: the user's base name, made safe to put in a
 * Content-Disposition header or a ZIP opened on Windows, with the extension of its real type.
 */
export function safeFileName(name: string, mediaType: EvidenceMediaType): string {
	const extension = `.${evidenceExtension(mediaType)}`;
	const segment = lastSegment(name.normalize('NFC'));
	const base = cleanBase(nameExtension(segment) ? segment.replace(EXTENSION, '') : segment);
	return truncate(base, MAX_NAME_LENGTH - extension.length) + extension;
}

// Old browsers sent the whole client path ("C:\Users\…\ảnh.jpg"); the last segment is the name.
function lastSegment(name: string): string {
	return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

// Control and format characters (bidi overrides can disguise "gpj.exe" as "exe.jpg"), quotes that
// break header quoting, and the characters Windows forbids in file names.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"'`<>:|?*]/gu;

function cleanBase(base: string): string {
	const cleaned = base
		.replace(UNSAFE, '')
		.replace(/\s+/g, ' ')
		// Leading dots hide files; trailing dots and spaces are dropped by Windows.
		.replace(/^[\s.]+|[\s.]+$/g, '');
	return cleaned || FALLBACK_BASE;
}

// Cut by code point so an emoji is never split into a lone surrogate.
function truncate(text: string, maxLength: number): string {
	let out = '';
	for (const char of text) {
		if (out.length + char.length > maxLength) break;
		out += char;
	}
	return out.replace(/[\s.]+$/, '');
}
