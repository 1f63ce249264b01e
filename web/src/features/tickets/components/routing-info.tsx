// Why each received mail landed on this ticket (`matched_by`), so a mis-threaded reply can be explained,
// and whether its sender is who the From says (`authentication`), so an agent is warned of a forgery.
import type { Ticket } from '../../../lib/api-types.ts';

type Authentication = NonNullable<Ticket['authentication']>;
export type RoutedMail = { label: string; matchedBy: string | null; authentication?: Authentication | null };

const EXPLAIN: Record<string, string> = {
  reply_key: 'the reply address of one of our mails',
  references: 'the References header (a reply in the thread)',
  in_reply_to: 'the In-Reply-To header (a reply to our mail)',
  project_key: "the project's service desk address",
  alias: 'the service desk alias address',
  custom_email: "the project's custom address",
};

/** The same rule as the server's isForgedSender: DMARC fails and the domain did not say p=none. */
function verdict(auth: Authentication): { text: string; forged: boolean } {
  if (auth.dmarc === 'pass') return { text: `sender verified (DMARC pass for ${auth.domain})`, forged: false };
  if (auth.dmarc === 'fail' && auth.dmarc_policy !== 'none')
    return { text: `sender likely forged: DMARC fail for ${auth.domain}${auth.dmarc_policy ? ` (p=${auth.dmarc_policy})` : ''}`, forged: true };
  return { text: `sender not verified (DMARC ${auth.dmarc})`, forged: false };
}

export function RoutingInfo({ mails }: { mails: RoutedMail[] }) {
  if (mails.length === 0) return <p className="muted small">No mail on this ticket.</p>;
  return (
    <ul className="side-list small">
      {mails.map((mail, i) => {
        const sender = mail.authentication ? verdict(mail.authentication) : null;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is the thread's mails in order and never reorders
          <li key={i}>
            {mail.label}: <span className="muted">{mail.matchedBy ? (EXPLAIN[mail.matchedBy] ?? mail.matchedBy) : 'unknown'}</span>
            {sender ? <span className={sender.forged ? 'sender-forged' : 'muted'}> · {sender.text}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
