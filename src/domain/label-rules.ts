// What a label may be, and how many one thing may carry: a ticket (API, quick actions), an extra incoming
// address that pre-labels tickets, a list filter. One place, so that every path refuses the same things
// with a 400 before any of it reaches SQL (a list of thousands once became a 500: too many SQL variables,
// an expression tree too deep). GitLab's label titles are at most 255 characters; the API's string form
// separates labels with commas, so no label may hold one.

export const MAX_LABEL_LENGTH = 255;
/** Labels on one ticket or one extra address, and labels one list filter may require (more never match). */
export const MAX_LABELS = 100;

const LABEL_SHAPE = `at most ${MAX_LABEL_LENGTH} characters, without commas`;

/** A problem sentence for one label, or null. */
export const labelProblem = (label: string): string | null => (label.length > MAX_LABEL_LENGTH || label.includes(',') ? LABEL_SHAPE : null);

/** Trimmed, without blanks or repeats, in their first order. */
export const normaliseLabels = (labels: readonly string[]): string[] => [...new Set(labels.map((l) => l.trim()).filter((l) => l !== ''))];

/** A problem sentence for a whole set (already normalised), or null. */
export function labelsProblem(labels: readonly string[]): string | null {
  if (labels.length > MAX_LABELS) return `at most ${MAX_LABELS} labels`;
  return labels.some((l) => labelProblem(l) !== null) ? `each label is ${LABEL_SHAPE}` : null;
}
