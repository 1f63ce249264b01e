/** A small round badge with a person's initials (the name is in its title and in the parent's label). */
export function Initials({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return (
    <span className="initials" title={name} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
