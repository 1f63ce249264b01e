// A ticket mail's two parts from a template: the text part as filled, the HTML part rendered from the
// escaped Markdown and wrapped in a minimal document.
import { renderTemplate, type TemplateName, type TemplateValues } from '../../domain/mail-templates.ts';
import type { Executor } from '../../db/database.ts';
import { renderMarkdown } from './render-markdown.ts';

export interface RenderedMail {
  text: string;
  html: string;
}

export function renderTicketMail(name: TemplateName, custom: string | null | undefined, values: TemplateValues): RenderedMail {
  const { text, markdown } = renderTemplate(name, custom, values);
  return { text, html: `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n${renderMarkdown(markdown)}</body></html>\n` };
}

/** The project's own template, or undefined when it uses the default. */
export async function findProjectTemplate(executor: Executor, projectId: number, name: TemplateName): Promise<string | undefined> {
  const row = await executor
    .selectFrom('service_desk_templates')
    .select('content')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.content;
}
