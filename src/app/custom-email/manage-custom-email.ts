// The custom address's own actions besides PUT …/service_desk: starting its verification again (SD-96: any
// state → started; after a failure, or to check the forwarding again) and resetting it (SD-100). Maintainers and up.
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { loadProjectFor } from '../projects/project-access.ts';
import { accountViewFor, settingsOf, withAddresses, type ServiceDeskSettings } from '../service-desk/service-desk-settings.ts';
import { resetCustomEmailOf } from './configure-custom-email.ts';
import { findCredentials } from './project-smtp-account.ts';
import { startVerification } from './verification.ts';

export async function restartCustomEmailVerification(deps: Deps, actor: Actor, ref: string): Promise<ServiceDeskSettings> {
  return deps.db.transaction(async ({ trx, onCommit }) => {
    const { project, access } = await loadProjectFor(trx, actor, ref, 'manage_custom_email');
    const settings = await settingsOf(trx, project.id);
    if (!settings.custom_email || !(await findCredentials(trx, project.id))) throw notFound('Custom email');
    const updated = await startVerification(trx, deps, project, actor.kind === 'user' ? actor.userId : null);
    onCommit(() => deps.jobBell.ring());
    return withAddresses(deps, project, updated, await accountViewFor(trx, actor, access, project.id));
  });
}

/** SD-100: 404 when there is no custom address to reset. */
export async function resetCustomEmail(deps: Deps, actor: Actor, ref: string): Promise<void> {
  await deps.db.transaction(async ({ trx }) => {
    const { project } = await loadProjectFor(trx, actor, ref, 'manage_custom_email');
    if (!(await resetCustomEmailOf(trx, deps, project.id))) throw notFound('Custom email');
  });
}
