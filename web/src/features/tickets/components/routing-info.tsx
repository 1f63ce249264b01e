// Why each received mail landed on this ticket (`matched_by`), so a mis-threaded reply can be explained.
export type RoutedMail = { label: string; matchedBy: string | null };

const EXPLAIN: Record<string, string> = {
  reply_key: 'the reply address of one of our mails',
  references: 'the References header (a reply in the thread)',
  in_reply_to: 'the In-Reply-To header (a reply to our mail)',
  project_key: "the project's service desk address",
  alias: 'the service desk alias address',
  custom_email: "the project's custom address",
};

export function RoutingInfo({ mails }: { mails: RoutedMail[] }) {
  if (mails.length === 0) return <p className="muted small">No mail on this ticket.</p>;
  return (
    <ul className="side-list small">
      {mails.map((mail, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is the thread's mails in order and never reorders
        <li key={i}>
          {mail.label}: <span className="muted">{mail.matchedBy ? (EXPLAIN[mail.matchedBy] ?? mail.matchedBy) : 'unknown'}</span>
        </li>
      ))}
    </ul>
  );
}
