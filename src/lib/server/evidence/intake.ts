// One uploaded evidence file, checked and cleaned before it is stored. The type comes from the
// bytes, never from the name or the browser's Content-Type, and images are re-encoded so what
// the camera wrote about the member (GPS position, device serial numbers) is not kept.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import {
	isImage,
	MAX_EVIDENCE_BYTES,
	nameExtension,
	nameFitsType,
	safeFileName,
	type EvidenceMediaType
} from '$lib/domain/evidence';
import { ok, refuse, type Result } from '$lib/domain/result';

export type IntakeProblem =
	| 'evidence_empty'
	| 'evidence_too_large'
	| 'evidence_type'
	| 'evidence_mismatch'
	| 'evidence_unreadable';

export interface CleanFile {
	/** Safe to show and to offer as a download name; its extension is the real type's. */
	name: string;
	mediaType: EvidenceMediaType;
	bytes: Uint8Array;
	/** Hex SHA-256 of `bytes`, the stored content. */
	sha256: string;
}

// file-type's ids for the content we take. WebP is taken in, but stored as JPEG.
const BY_CONTENT = new Map<string, EvidenceMediaType>([
	['jpg', 'image/jpeg'],
	['png', 'image/png'],
	['webp', 'image/jpeg'],
	['pdf', 'application/pdf'],
	['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
	['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
	['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation']
]);

// The old Office formats are all one container (OLE compound file, file-type's 'cfb') that also
// holds MSI installers and Outlook messages; only the name can tell them apart, so it must.
const LEGACY_OFFICE = new Map<string | undefined, EvidenceMediaType>([
	['doc', 'application/msword'],
	['xls', 'application/vnd.ms-excel'],
	['ppt', 'application/vnd.ms-powerpoint']
]);

// Decoding cost grows with pixels, not bytes: a 300 kB PNG can claim 100 megapixels. 50 MP still
// takes any phone camera's photo.
const MAX_INPUT_PIXELS = 50_000_000;
const MAX_SIDE = 2560;
const JPEG_QUALITY = 82;

const PDF_MAGIC = new TextEncoder().encode('%PDF-');

export async function intake(
	name: string,
	bytes: Uint8Array
): Promise<Result<CleanFile, IntakeProblem>> {
	const detail = { detail: { name } };
	if (bytes.length === 0) return refuse('evidence_empty', detail);
	if (bytes.length > MAX_EVIDENCE_BYTES) return refuse('evidence_too_large', detail);

	const mediaType = await typeOfContent(name, bytes);
	if (!mediaType) return refuse('evidence_type', detail);
	if (!nameFitsType(name, mediaType)) return refuse('evidence_mismatch', detail);

	const stored = isImage(mediaType) ? await reencode(bytes, mediaType) : bytes;
	if (!stored) return refuse('evidence_unreadable', detail);
	return ok({
		name: safeFileName(name, mediaType),
		mediaType,
		bytes: stored,
		sha256: createHash('sha256').update(stored).digest('hex')
	});
}

/** The type the file will be stored as, judged from its content; undefined when not allowed. */
async function typeOfContent(
	name: string,
	bytes: Uint8Array
): Promise<EvidenceMediaType | undefined> {
	const detected = await fileTypeFromBuffer(bytes);
	if (!detected) return undefined;
	if (detected.ext === 'cfb') return LEGACY_OFFICE.get(nameExtension(name));
	const mediaType = BY_CONTENT.get(detected.ext);
	// file-type also says PDF for '%PDF' without the version dash that every real PDF carries.
	if (mediaType === 'application/pdf' && !startsWith(bytes, PDF_MAGIC)) return undefined;
	return mediaType;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
	return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Decodes and encodes again, which writes no EXIF, XMP, IPTC or comments: sharp keeps metadata
 * only when asked (withMetadata, keepExif), and here it never is. Undefined when sharp cannot
 * decode the image or it is larger than MAX_INPUT_PIXELS.
 */
async function reencode(
	bytes: Uint8Array,
	mediaType: EvidenceMediaType
): Promise<Uint8Array | undefined> {
	// failOn 'warning' (sharp's default, stated because it matters): a truncated upload is refused
	// rather than stored with a grey band where its end should be.
	const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
		// Turn the pixels now: the EXIF orientation tag that says how goes with the metadata.
		.rotate()
		.resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
	const encoded =
		mediaType === 'image/png'
			? pipeline.png()
			: // JPEG has no alpha: a transparent WebP would otherwise turn black where it was clear.
				pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY, mozjpeg: true });
	try {
		return await encoded.toBuffer();
	} catch {
		// Any decoding failure means the same to the member: this file cannot be read.
		return undefined;
	}
}
