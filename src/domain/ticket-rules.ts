// Rules about tickets that need no I/O.
import type { Visibility } from './policy.ts';

/** SD-36: confidential by default; in public projects always, whatever the setting. */
export function isNewTicketConfidential(visibility: Visibility, confidentialByDefault: boolean): boolean {
  return visibility === 'public' || confidentialByDefault;
}

/** SD-27, done better than GitLab: an empty subject still makes a ticket. */
export function ticketTitleFromSubject(subject: string | null | undefined): string {
  const title = (subject ?? '').replace(/\s+/g, ' ').trim();
  return title === '' ? '(no subject)' : title.slice(0, 255);
}

/** SD-46: trailing spaces and tabs go from each line; blank lines stay. */
export const stripTrailingSpace = (text: string) => text.replace(/[ \t]+$/gm, '');
