// Who is asking. The CLI acts as `system` (someone with a shell on the server is trusted);
// everyone else is a signed-in user, possibly an instance admin.
export type Actor = { kind: 'system' } | { kind: 'user'; userId: number; admin: boolean };

export const SYSTEM_ACTOR: Actor = { kind: 'system' };

export const isInstanceAdmin = (actor: Actor) => actor.kind === 'system' || actor.admin;
