// A project's mail templates: read, save (blank content resets to the built-in default), and preview
// against one of its tickets without sending anything.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { MailTemplate, MailTemplateName, MailTemplatePreview } from '../../../lib/admin-api-types.ts';
import { projectRef } from './get-service-desk.ts';

export const TEMPLATE_NAMES: ReadonlyArray<{ name: MailTemplateName; label: string; when: string }> = [
  { name: 'thank_you', label: 'Thank you', when: 'sent to the customer when their mail opens a ticket' },
  { name: 'new_note', label: 'New note', when: 'sent to participants with each public comment' },
  { name: 'new_participant', label: 'New participant', when: 'sent to someone added to a ticket' },
];

/** The placeholders the server fills (src/domain/mail-templates.ts); unknown ones stay as typed. */
export const PLACEHOLDERS: ReadonlyArray<{ name: string; means: string }> = [
  { name: 'ISSUE_ID', means: 'the ticket number, e.g. #12' },
  { name: 'ISSUE_PATH', means: 'project path and number' },
  { name: 'ISSUE_URL', means: 'link to the ticket' },
  { name: 'ISSUE_DESCRIPTION', means: "the ticket's description" },
  { name: 'NOTE_TEXT', means: 'the comment (new note only)' },
  { name: 'UNSUBSCRIBE_URL', means: 'unsubscribe link (always added)' },
  { name: 'SYSTEM_HEADER', means: 'instance header' },
  { name: 'SYSTEM_FOOTER', means: 'instance footer' },
  { name: 'ADDITIONAL_TEXT', means: 'instance additional text' },
];

const templatePath = (project: string, name: MailTemplateName) => `/projects/${projectRef(project)}/service_desk/templates/${name}`;

export const mailTemplateKey = (project: string, name: MailTemplateName) => ['service-desk', project, 'template', name] as const;

export const getMailTemplate = (project: string, name: MailTemplateName) => api<MailTemplate>(templatePath(project, name));

/** Blank or null content resets the template to the default. */
export const saveMailTemplate = (project: string, name: MailTemplateName, content: string | null) =>
  api<MailTemplate>(templatePath(project, name), { method: 'PUT', body: { content } });

export const previewMailTemplate = (project: string, name: MailTemplateName, content: string, ticketIid: number, signal?: AbortSignal) =>
  api<MailTemplatePreview>(`${templatePath(project, name)}/preview`, { method: 'POST', body: { content, ticket_iid: ticketIid }, signal });

export function useMailTemplate(project: string, name: MailTemplateName) {
  return useQuery(queryOptions({ queryKey: mailTemplateKey(project, name), queryFn: () => getMailTemplate(project, name) }));
}

export function useSaveMailTemplate(project: string, name: MailTemplateName) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (content: string | null) => saveMailTemplate(project, name, content),
    onSuccess: (saved) => queryClient.setQueryData(mailTemplateKey(project, name), saved),
  });
}

/**
 * The preview follows the text as it is typed: the query key holds the (debounced) content, and
 * TanStack Query cancels the request a newer keystroke makes stale. The last preview stays on screen
 * while the next one loads.
 */
export function useMailTemplatePreview(project: string, name: MailTemplateName, content: string, ticketIid: number | undefined) {
  return useQuery({
    queryKey: ['service-desk', project, 'template-preview', name, ticketIid, content],
    queryFn: ({ signal }) => previewMailTemplate(project, name, content, ticketIid!, signal),
    enabled: ticketIid !== undefined,
    placeholderData: (previous) => previous,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
