import type { TicketCounts } from '../../lib/api-types.ts';

export type CountedState = 'opened' | 'closed' | 'all';

/** A state's count as the tabs show it: a search counts to 1,000, so "1000+" means at least that many. */
export const countLabel = (counts: TicketCounts, state: CountedState) => `${counts[state]}${counts.at_least.includes(state) ? '+' : ''}`;
