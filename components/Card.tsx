import type { ComponentChildren } from 'preact';

interface CardProps {
  /** Unique in the page: names the region after its heading. */
  id: string;
  title: string;
  children: ComponentChildren;
}

/** One titled region of the popup; every panel (rules, policy, later tips and sync) is a Card. */
export function Card({ id, title, children }: CardProps) {
  const headingId = `${id}-heading`;
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
