// A project's mail templates (SD-71): read (reporters and up, like the settings), saved or reset to the
// built-in default (maintainers), and previewed against a real ticket without sending anything.
import type { Actor } from '../../domain/actor.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { DEFAULT_TEMPLATES, type TemplateName } from '../../domain/mail-templates.ts';
import { ticketMailSubject } from '../../domain/ticket-mail.ts';
import { isoNow, type Deps } from '../deps.ts';
import { unsubscribeLink } from '../outbound/queue-ticket-mail.ts';
import { findProjectTemplate, renderTicketMail } from '../outbound/render-ticket-mail.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { ticketWebUrl } from '../tickets/load-ticket-context.ts';

export const MAX_TEMPLATE_CHARS = 100_000;

export interface ServiceDeskTemplate {
  name: TemplateName;
  content: string;
  /** True when the project has no template of its own and the built-in one is used. */
  isDefault: boolean;
}

export async function getServiceDeskTemplate(deps: Deps, actor: Actor, ref: string, name: TemplateName): Promise<ServiceDeskTemplate> {
  const { project } = await loadProjectFor(deps.db.db, actor, ref, 'read_service_desk');
  return templateView(name, await findProjectTemplate(deps.db.db, project.id, name));
}

/** Blank or null content deletes the project's template, so the default is used again. */
export async function updateServiceDeskTemplate(
  deps: Deps,
  actor: Actor,
  ref: string,
  name: TemplateName,
  content: string | null,
): Promise<ServiceDeskTemplate> {
  if (content && content.length > MAX_TEMPLATE_CHARS) throw invalid('content', `must be at most ${MAX_TEMPLATE_CHARS} characters`);
  return deps.db.transaction(async ({ trx }) => {
    const { project } = await loadProjectFor(trx, actor, ref, 'update_service_desk');
    if (!content?.trim()) {
      await trx.deleteFrom('service_desk_templates').where('project_id', '=', project.id).where('name', '=', name).execute();
      return templateView(name, undefined);
    }
    const updated_at = isoNow(deps);
    await trx
      .insertInto('service_desk_templates')
      .values({ project_id: project.id, name, content, updated_at })
      .onConflict((oc) => oc.columns(['project_id', 'name']).doUpdateSet({ content, updated_at }))
      .execute();
    return templateView(name, content);
  });
}

export interface TemplatePreview {
  subject: string;
  text: string;
  html: string;
}

/**
 * Renders `content` (or the saved template) for a ticket of the project. No reply key is made, so the
 * unsubscribe link is an example; %{NOTE_TEXT} is the ticket's latest public comment.
 */
export async function previewServiceDeskTemplate(
  deps: Deps,
  actor: Actor,
  ref: string,
  name: TemplateName,
  input: { content?: string | null; ticketIid: number },
): Promise<TemplatePreview> {
  const db = deps.db.db;
  const { project } = await loadProjectFor(db, actor, ref, 'read_service_desk');
  const ticket = await db.selectFrom('tickets').selectAll().where('project_id', '=', project.id).where('iid', '=', input.ticketIid).executeTakeFirst();
  if (!ticket) throw notFound('Ticket');
  const note = await db
    .selectFrom('notes')
    .select('body')
    .where('ticket_id', '=', ticket.id)
    .where('internal', '=', 0)
    .where('system', '=', 0)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const custom = input.content === undefined ? await findProjectTemplate(db, project.id, name) : input.content;
  const { text, html } = renderTicketMail(name, custom, {
    iid: ticket.iid,
    projectPath: project.path,
    ticketUrl: ticketWebUrl(deps.config.publicUrl, project.path, ticket.iid),
    description: ticket.description,
    noteText: name === 'new_note' ? (note?.body ?? '') : '',
    unsubscribeUrl: unsubscribeLink(deps.config.publicUrl, 'preview'),
    systemHeader: '',
    systemFooter: '',
    additionalText: '',
  });
  return { subject: ticketMailSubject(ticket), text, html };
}

const templateView = (name: TemplateName, own: string | undefined): ServiceDeskTemplate =>
  own === undefined ? { name, content: DEFAULT_TEMPLATES[name], isDefault: true } : { name, content: own, isDefault: false };
