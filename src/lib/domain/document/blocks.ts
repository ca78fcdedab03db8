// What a Party document's body is made of, for the DOCX and the PDF alike (the minutes of a
// meeting, a member's self-review): plain blocks of Vietnamese text, and the rule that turns what
// a user typed into the lines a document prints.

/**
 * One block of a document's body, in the order its files print them: a field with its
 * run-in label ("Thời gian: ngày …"), a numbered section heading, a paragraph of the cell's own
 * text, a dashed item (an absent member, a comment: the label, if any, is the bold run-in part;
 * the lines after the first stay in the item), and the closing sentence.
 */
export type DocBlock =
	| { kind: 'field'; label: string; text: string }
	| { kind: 'heading'; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'item'; label: string | null; lines: string[] }
	| { kind: 'closing'; text: string };

const BLANK = '……………';

/**
 * A user's text as the lines it prints: line endings of any system, tabs as spaces, the control
 * characters a document cannot hold (XML 1.0 rejects them) dropped, blank lines dropped (each line
 * is its own paragraph).
 */
export function textLines(text: string): string[] {
	return (
		text
			.normalize('NFC')
			.replace(/\r\n?/g, '\n')
			.replace(/\t/g, ' ')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line !== '')
	);
}

/** A one-line value (a name, the venue, a unit): its lines joined, a dotted blank when empty. */
export function oneLine(text: string): string {
	return textLines(text).join(' ') || BLANK;
}
