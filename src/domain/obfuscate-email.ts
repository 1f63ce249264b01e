/**
 * GitLab's "deform" masking of external addresses for viewers below reporter (SD-87):
 * `user@example.com` → `us*****@e*****.c**`. Lengths are not kept, so nothing can be counted back.
 */
export function obfuscateEmail(email: string): string {
  if (email === '') return email;
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskAll(email);
  let local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length === 1) local = local + local;
  const dot = domain.lastIndexOf('.');
  if (dot <= 0) return `${local.slice(0, 2)}*****@${domain.slice(0, 1)}*****`;
  return `${local.slice(0, 2)}*****@${domain.slice(0, 1)}*****.${domain.slice(dot + 1, dot + 2)}**`;
}

const maskAll = (text: string) => `${text.slice(0, 1)}*****`;

/** The domain part of the same mask: `example.com` → `e*****.c**`. */
export const obfuscateDomain = (domain: string) => obfuscateEmail(`x@${domain}`).split('@')[1]!;

/** Masks every address inside free text, such as system notes that name a participant (SD-87). */
export const obfuscateEmailsInText = (text: string) => text.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[A-Za-z]{2,}/g, obfuscateEmail);
