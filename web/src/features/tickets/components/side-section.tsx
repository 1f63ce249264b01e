import type { ReactNode } from 'react';

/** One block of the ticket's side panel, named by its heading. */
export function SideSection({ title, children }: { title: string; children: ReactNode }) {
  const id = `side-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="side-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
