// What Postdesk answers a mail it could not take (SD-24, SD-25): a `[Rejected]` mail to its From, threaded to
// it, with the reason and none of the original text. Only for mail a person plausibly wrote: screening has
// already dropped auto-replies, bounces, bulk and spam, and the flood limits hold back the rest.

export type RejectionReason = 'unknown_reply_key' | 'service_desk_disabled' | 'project_not_found' | 'empty_reply' | 'too_large';

const EXPLANATIONS: Record<RejectionReason, { text: string; retryable: boolean }> = {
  unknown_reply_key: {
    text: 'We could not tell which request your reply belongs to: the address it was sent to is not, or no longer, one of ours. Please write to the support address again.',
    retryable: false,
  },
  service_desk_disabled: {
    text: 'This support address is not taking mail at the moment, so your message was not added to any request.',
    retryable: false,
  },
  project_not_found: {
    text: 'We could not find where this address leads; please check it for a typo.',
    retryable: false,
  },
  too_large: {
    text: 'Your message is larger than this support address accepts, so it was not added to any request. Please send it again without large attachments, or share them as links.',
    retryable: false,
  },
  empty_reply: {
    text: 'Your reply looks empty: only quoted text was found. Please write your answer above the quoted part, then send it again.',
    retryable: true,
  },
};

export const isRejectionReason = (reason: string): reason is RejectionReason => reason in EXPLANATIONS;

export interface Rejection {
  subject: string;
  text: string;
  /** SD-24: a retryable rejection lets the sender answer it to try again (its Reply-To is the address they wrote to). */
  retryable: boolean;
}

export function rejectionFor(reason: RejectionReason, originalSubject: string | null): Rejection {
  const { text, retryable } = EXPLANATIONS[reason];
  return {
    subject: `[Rejected] ${originalSubject ?? ''}`.trimEnd(),
    text: `${text}\n\nThis message was sent automatically; the message you sent is not quoted here.\n`,
    retryable,
  };
}
