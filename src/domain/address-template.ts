// Matching an address against an incoming address template such as `support+%{key}@example.com` (SD-07):
// the template is taken literally except for `%{key}`, matched whole and case-insensitively, and one pair
// of angle brackets around the address is allowed. Linear-time: one anchored regex with a single `(.+)`.

export interface AddressTemplateMatcher {
  /** The key the address carries, or null when the address is not of this template. */
  keyOf(address: string): string | null;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function addressTemplateMatcher(template: string): AddressTemplateMatcher {
  const [before, after] = template.split('%{key}') as [string, string];
  const pattern = new RegExp(`^${escapeRegex(before)}(.+)${escapeRegex(after)}$`, 'i');
  return {
    keyOf(address) {
      const trimmed = address.trim();
      const bare = trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed;
      if (bare.length > 998) return null; // RFC 5322 line limit: nothing longer is an address of ours
      return pattern.exec(bare)?.[1] ?? null;
    },
  };
}
