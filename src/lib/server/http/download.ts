// A generated document as a download: an ASCII file name every browser keeps, never cached (it
// holds personal data), never sniffed as another type.
export function downloadResponse(body: Buffer, type: string, name: string): Response {
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': type,
			'content-length': String(body.length),
			'content-disposition': `attachment; filename="${name}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
}
