import { ErrorMessage } from '../../../components/error-message.tsx';
import type { ProjectMember, Ticket } from '../../../lib/api-types.ts';
import { useUpdateTicket } from '../api/update-ticket.ts';
import { AssigneesEditor } from './assignees-editor.tsx';
import { CustomerTickets } from './customer-tickets.tsx';
import { LabelsEditor } from './labels-editor.tsx';
import { ParticipantsEditor } from './participants-editor.tsx';
import { type RoutedMail, RoutingInfo } from './routing-info.tsx';
import { SideSection } from './side-section.tsx';

type Props = { project: string; ticket: Ticket; members: ProjectMember[]; routedMails: RoutedMail[]; hrefFor: (iid: number) => string };

/** State, labels, assignees, confidentiality, participants, the customer's other tickets, routing. */
export function TicketSidePanel({ project, ticket, members, routedMails, hrefFor }: Props) {
  const update = useUpdateTicket(project);
  const change = (changes: Parameters<typeof update.mutate>[0]['changes']) => update.mutate({ iid: ticket.iid, changes });
  const busy = update.isPending;
  return (
    <aside className="ticket-side" aria-label="Ticket details">
      {update.error ? <ErrorMessage error={update.error} /> : null}
      <SideSection title="State">
        <div className="row">
          <span className={`badge ${ticket.state === 'opened' ? 'open' : 'closed'}`}>{ticket.state === 'opened' ? 'Open' : 'Closed'}</span>
          {ticket.state === 'opened' ? (
            <button type="button" className="button small" disabled={busy} onClick={() => change({ state_event: 'close' })}>
              Close ticket
            </button>
          ) : (
            <button type="button" className="button small" disabled={busy} onClick={() => change({ state_event: 'reopen' })}>
              Reopen ticket
            </button>
          )}
        </div>
      </SideSection>
      <SideSection title="Assignees">
        <AssigneesEditor assignees={ticket.assignees} members={members} disabled={busy} onChange={(ids) => change({ assignee_ids: ids })} />
      </SideSection>
      <SideSection title="Labels">
        <LabelsEditor labels={ticket.labels} disabled={busy} onChange={(labels) => change({ labels })} />
      </SideSection>
      <SideSection title="Confidentiality">
        <label className="check">
          <input type="checkbox" checked={ticket.confidential} disabled={busy} onChange={(e) => change({ confidential: e.target.checked })} />
          Confidential (reporters and up only)
        </label>
      </SideSection>
      <SideSection title="Participants">
        <ParticipantsEditor project={project} iid={ticket.iid} participants={ticket.participants} customer={ticket.external_author} />
      </SideSection>
      {ticket.external_author ? (
        <SideSection title="Customer's other tickets">
          <CustomerTickets project={project} email={ticket.external_author} currentIid={ticket.iid} hrefFor={hrefFor} />
        </SideSection>
      ) : null}
      <SideSection title="Why mail landed here">
        <RoutingInfo mails={routedMails} />
      </SideSection>
    </aside>
  );
}
