// A ticket with its project and service desk settings: what every change to a ticket needs to know.
import type { Executor } from '../../db/database.ts';
import type { ProjectRow } from '../../db/schema/projects.ts';
import type { ServiceDeskSettingsRow } from '../../db/schema/service-desk-settings.ts';
import type { TicketRow } from '../../db/schema/tickets.ts';
import { notFound } from '../../domain/errors.ts';
import { serviceDeskAddresses } from '../../domain/service-desk-addresses.ts';
import type { Deps } from '../deps.ts';

export interface TicketContext {
  ticket: TicketRow;
  project: ProjectRow;
  settings: ServiceDeskSettingsRow;
  ownAddresses: string[];
  ticketUrl: string;
}

export const ticketWebUrl = (publicUrl: string, projectPath: string, iid: number) => `${publicUrl}/projects/${encodeURIComponent(projectPath)}/tickets/${iid}`;

export async function projectWithSettings(executor: Executor, deps: Pick<Deps, 'config'>, projectId: number) {
  const project = await executor.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
  if (!project) throw notFound('Project');
  const settings = await executor.selectFrom('service_desk_settings').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
  const extra = await executor.selectFrom('project_addresses').select('key').where('project_id', '=', projectId).execute();
  const { ownAddresses } = serviceDeskAddresses(
    { incoming: deps.config.incomingEmailAddress, alias: deps.config.serviceDeskAliasAddress },
    {
      id: project.id,
      path: project.path,
      projectKey: settings.project_key,
      customEmail: settings.custom_email,
      customEmailEnabled: settings.custom_email_enabled === 1,
      extraAddressKeys: extra.map((a) => a.key),
    },
  );
  return { project, settings, ownAddresses };
}

export async function loadTicketContext(executor: Executor, deps: Pick<Deps, 'config'>, ticketId: number): Promise<TicketContext> {
  const ticket = await executor.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!ticket) throw notFound('Ticket');
  const { project, settings, ownAddresses } = await projectWithSettings(executor, deps, ticket.project_id);
  return { ticket, project, settings, ownAddresses, ticketUrl: ticketWebUrl(deps.config.publicUrl, project.path, ticket.iid) };
}
