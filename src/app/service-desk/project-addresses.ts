// Extra incoming addresses of a project that label the tickets they open (GitLab issue 6395): listed
// from reporter up (like the service desk address, SD-89), added and removed by maintainers (SD-02).
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { extraAddressKey, extraAddressKeyProblem } from '../../domain/extra-address.ts';
import { labelsProblem, normaliseLabels } from '../../domain/label-rules.ts';
import { fillTemplate } from '../../domain/service-desk-addresses.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { ProjectAddressRow } from '../../db/schema/project-addresses.ts';
import { isoNow, type Deps } from '../deps.ts';
import { loadProjectFor } from '../projects/project-access.ts';

export interface ProjectAddress {
  key: string;
  labels: string[];
  /** The full address to hand out: INCOMING_EMAIL_ADDRESS with `<slug>-<key>`. */
  address: string;
  createdAt: string;
}

const present = (deps: Deps, path: string, row: ProjectAddressRow): ProjectAddress => ({
  key: row.key,
  labels: JSON.parse(row.labels) as string[],
  address: fillTemplate(deps.config.incomingEmailAddress, extraAddressKey(path, row.key)),
  createdAt: row.created_at,
});

export async function listProjectAddresses(deps: Deps, actor: Actor, ref: string): Promise<ProjectAddress[]> {
  const { project } = await loadProjectFor(deps.db.db, actor, ref, 'read_service_desk');
  const rows = await deps.db.db.selectFrom('project_addresses').selectAll().where('project_id', '=', project.id).orderBy('key').execute();
  return rows.map((row) => present(deps, project.path, row));
}

export async function addProjectAddress(deps: Deps, actor: Actor, ref: string, input: { key: string; labels: string[] }): Promise<ProjectAddress> {
  const key = input.key.trim().toLowerCase();
  const problem = extraAddressKeyProblem(key);
  if (problem) throw invalid('key', problem);
  const labels = normaliseLabels(input.labels);
  const labelsWrong = labelsProblem(labels);
  if (labelsWrong) throw invalid('labels', labelsWrong);
  try {
    return await deps.db.transaction(async ({ trx }) => {
      const { project } = await loadProjectFor(trx, actor, ref, 'update_service_desk');
      const row = await trx
        .insertInto('project_addresses')
        .values({ project_id: project.id, key, labels: JSON.stringify(labels), created_at: isoNow(deps) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return present(deps, project.path, row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('This project already has an address with this key', { key: 'taken' });
    throw error;
  }
}

export async function removeProjectAddress(deps: Deps, actor: Actor, ref: string, key: string): Promise<void> {
  await deps.db.transaction(async ({ trx }) => {
    const { project } = await loadProjectFor(trx, actor, ref, 'update_service_desk');
    const removed = await trx.deleteFrom('project_addresses').where('project_id', '=', project.id).where('key', '=', key.toLowerCase()).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Address');
  });
}
