// One message of the mail log: its facts, then the message itself as the server renders it, in an
// iframe sandboxed with no permissions (no scripts, opaque origin); the endpoint adds a sandbox CSP that
// blocks every remote load. The raw source is a download, never rendered here.
import { Dialog } from '../../../components/dialog.tsx';
import type { InboundMessage, OutboundMessage } from '../../../lib/admin-api-types.ts';
import { absoluteTime } from '../../../lib/relative-time.ts';
import { type MailDirection, rawMessageUrl, renderedMessageUrl } from '../api/message-urls.ts';
import { MailStateBadge } from './mail-state-badge.tsx';

export type OpenMessage = { direction: 'inbound'; message: InboundMessage } | { direction: 'outbound'; message: OutboundMessage };

export function MailViewer({ open, onClose }: { open: OpenMessage | null; onClose: () => void }) {
  const title = open ? `${open.direction === 'inbound' ? 'Received' : 'Sent'} message ${open.message.id}` : 'Message';
  return (
    <Dialog title={title} open={open !== null} onClose={onClose}>
      {open ? <MailViewerBody open={open} /> : null}
    </Dialog>
  );
}

function MailViewerBody({ open }: { open: OpenMessage }) {
  const direction: MailDirection = open.direction;
  const id = open.message.id;
  return (
    <div className="ml-viewer stack">
      <dl className="ml-facts">{open.direction === 'inbound' ? <InboundFacts m={open.message} /> : <OutboundFacts m={open.message} />}</dl>
      <iframe className="ml-frame" title="Rendered message" sandbox="" src={renderedMessageUrl(direction, id)} />
      <p className="row small">
        <a href={rawMessageUrl(direction, id)} download={`${direction}-${id}.eml`}>
          Download raw source
        </a>
        <span className="muted">(.eml, exactly as {direction === 'inbound' ? 'received' : 'sent or kept'})</span>
      </p>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function InboundFacts({ m }: { m: InboundMessage }) {
  return (
    <>
      <Fact term="From">{m.from ?? '(none)'}</Fact>
      <Fact term="To">{m.to.join(', ')}</Fact>
      <Fact term="Subject">{m.subject ?? '(no subject)'}</Fact>
      <Fact term="Received">
        {absoluteTime(m.received_at)} via {m.channel}
      </Fact>
      <Fact term="State">
        <MailStateBadge state={m.state} /> {m.reason ?? ''} {m.matched_by ? `· matched by ${m.matched_by}` : ''}
      </Fact>
      {m.error ? <Fact term="Error">{m.error}</Fact> : null}
    </>
  );
}

function OutboundFacts({ m }: { m: OutboundMessage }) {
  return (
    <>
      <Fact term="From">{m.from}</Fact>
      <Fact term="To">{m.to}</Fact>
      <Fact term="Subject">{m.subject}</Fact>
      <Fact term="Created">
        {absoluteTime(m.created_at)}
        {m.sent_at ? ` · ${m.state === 'kept' ? 'kept' : 'sent'} ${absoluteTime(m.sent_at)}` : ''}
      </Fact>
      <Fact term="State">
        <MailStateBadge state={m.state} /> {m.kind} · {m.attempts} attempt{m.attempts === 1 ? '' : 's'}
      </Fact>
      {m.error ? <Fact term="Error">{m.error}</Fact> : null}
    </>
  );
}
