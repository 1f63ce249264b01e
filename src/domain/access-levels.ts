// GitLab's role ladder, kept numerically identical so GitLab API clients and habits carry over.
export const ACCESS_LEVELS = { guest: 10, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;

export type RoleName = keyof typeof ACCESS_LEVELS;
export type AccessLevel = (typeof ACCESS_LEVELS)[RoleName];

export function isAccessLevel(value: number): value is AccessLevel {
  return Object.values(ACCESS_LEVELS).includes(value as AccessLevel);
}

export function roleName(level: AccessLevel): RoleName {
  return (Object.keys(ACCESS_LEVELS) as RoleName[]).find((name) => ACCESS_LEVELS[name] === level)!;
}
