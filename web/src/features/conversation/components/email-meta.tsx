import type { EmailMeta as Meta } from '../../../lib/api-types.ts';

/** From, To and Cc of a received mail. */
export function EmailMeta({ email }: { email: Meta }) {
  return (
    <dl className="email-meta">
      <div>
        <dt>From</dt>
        <dd>{email.from}</dd>
      </div>
      {email.to.length ? (
        <div>
          <dt>To</dt>
          <dd>{email.to.join(', ')}</dd>
        </div>
      ) : null}
      {email.cc.length ? (
        <div>
          <dt>Cc</dt>
          <dd>{email.cc.join(', ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
