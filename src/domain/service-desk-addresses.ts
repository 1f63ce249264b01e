// The addresses a project's service desk answers to, computed from the instance templates
// (INCOMING_EMAIL_ADDRESS, SERVICE_DESK_ALIAS_ADDRESS) exactly as GitLab does (SD-03, SD-08, SD-12).
import { fullPathSlug } from './slug.ts';

export interface AddressTemplates {
  incoming: string;
  alias: string | null;
}

export interface AddressedProject {
  id: number;
  path: string;
  projectKey: string | null;
  customEmail: string | null;
  customEmailEnabled: boolean;
  /** Keys of the project's extra addresses (extra-address.ts), which are its own too. */
  extraAddressKeys?: string[];
}

export interface ServiceDeskAddresses {
  /** The address staff should hand out (SD-12): custom email if enabled, else alias, else incoming. */
  serviceDeskAddress: string;
  /** Always the main template's address (SD-03). */
  incomingAddress: string;
  aliasAddress: string | null;
  /** Every address that is the project's own, to be dropped from Cc participants (SD-12, SD-47). */
  ownAddresses: string[];
}

export const fillTemplate = (template: string, key: string) => template.replace('%{key}', key);

/** SD-03: `<full_path_slug>-<project_id>-issue-`. */
export const projectIdKey = (project: Pick<AddressedProject, 'id' | 'path'>) => `${fullPathSlug(project.path)}-${project.id}-issue-`;

export function serviceDeskAddresses(templates: AddressTemplates, project: AddressedProject): ServiceDeskAddresses {
  const incomingAddress = fillTemplate(templates.incoming, projectIdKey(project));
  // SD-08: the alias uses `<slug>-<project_key>` when a project key is set, else the id form.
  const aliasKey = project.projectKey ? `${fullPathSlug(project.path)}-${project.projectKey}` : projectIdKey(project);
  const aliasAddress = templates.alias ? fillTemplate(templates.alias, aliasKey) : null;
  const customEmail = project.customEmailEnabled ? project.customEmail : null;
  return {
    serviceDeskAddress: customEmail ?? aliasAddress ?? incomingAddress,
    incomingAddress,
    aliasAddress,
    ownAddresses: [
      incomingAddress,
      aliasAddress,
      project.customEmail,
      ...(project.extraAddressKeys ?? []).map((key) => fillTemplate(templates.incoming, `${fullPathSlug(project.path)}-${key}`)),
    ].filter((a): a is string => a !== null),
  };
}
