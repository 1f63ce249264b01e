import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import type { InboundMessage, InboundState } from '../../../lib/admin-api-types.ts';
import { absoluteTime, relativeTime } from '../../../lib/relative-time.ts';
import { type MailLogScope, useInboundMessages, useReplayInboundMessage } from '../api/inbound-messages.ts';
import { MailStateBadge } from './mail-state-badge.tsx';

const STATES: InboundState[] = ['processed', 'ignored', 'failed', 'received'];

export type TicketHref = (projectId: number | null, iid: number | null) => string | undefined;

/** More actions on a row that the screen composes in (another feature's, such as Block sender). */
export type InboundRowActions = (message: InboundMessage) => ReactNode;

export function InboundTable({
  scope,
  state,
  onStateChange,
  onOpen,
  ticketHref,
  rowActions,
}: {
  scope: MailLogScope;
  state: InboundState | undefined;
  onStateChange: (state: InboundState | undefined) => void;
  onOpen: (message: InboundMessage) => void;
  ticketHref: TicketHref;
  rowActions?: InboundRowActions;
}) {
  const messages = useInboundMessages(scope, state);
  const replay = useReplayInboundMessage();
  const rows = messages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="stack">
      <div className="row">
        <label className="row">
          <span>State</span>
          <select value={state ?? ''} onChange={(e) => onStateChange((e.target.value || undefined) as InboundState | undefined)}>
            <option value="">All</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {replay.error ? <ErrorMessage error={replay.error} /> : null}
      {messages.isPending ? <Loading /> : null}
      {messages.error ? <ErrorMessage error={messages.error} /> : null}
      {messages.data && rows.length === 0 ? <p className="muted">No received mail{state ? ` in state ${state}` : ''}.</p> : null}
      {rows.length > 0 ? (
        <table className="ml-table" aria-label="Received mail">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">From</th>
              <th scope="col">Subject</th>
              <th scope="col">State</th>
              <th scope="col">Outcome</th>
              <th scope="col">Ticket</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const href = ticketHref(m.project_id, m.ticket_iid);
              const canReplay = m.state === 'ignored' || m.state === 'failed';
              return (
                <tr key={m.id}>
                  <td data-label="Received">
                    <time dateTime={m.received_at} title={absoluteTime(m.received_at)}>
                      {relativeTime(m.received_at)}
                    </time>
                  </td>
                  <td data-label="From" className="ml-addr">
                    {m.from ?? <span className="muted">(none)</span>}
                  </td>
                  <td data-label="Subject" className="ml-subject">
                    <button type="button" className="ml-open" onClick={() => onOpen(m)}>
                      {m.subject || '(no subject)'}
                    </button>
                  </td>
                  <td data-label="State">
                    <MailStateBadge state={m.state} />
                  </td>
                  <td data-label="Outcome" className="ml-outcome">
                    {m.error ? <span className="ml-error">{m.error}</span> : m.reason ? <span>{m.reason}</span> : null}
                    {m.matched_by ? <span className="muted small ml-matched">matched by {m.matched_by}</span> : null}
                  </td>
                  <td data-label="Ticket">
                    {href && m.ticket_iid ? <Link to={href}>#{m.ticket_iid}</Link> : m.ticket_iid ? `#${m.ticket_iid}` : <span className="muted">—</span>}
                  </td>
                  <td className="ml-actions">
                    {canReplay ? (
                      <button
                        type="button"
                        className="button small"
                        disabled={replay.isPending && replay.variables === m.id}
                        onClick={() => replay.mutate(m.id)}
                      >
                        Replay
                      </button>
                    ) : null}
                    {rowActions?.(m)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {messages.hasNextPage ? (
        <div>
          <button type="button" className="button" disabled={messages.isFetchingNextPage} onClick={() => messages.fetchNextPage()}>
            {messages.isFetchingNextPage ? 'Loading…' : 'Load older mail'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
