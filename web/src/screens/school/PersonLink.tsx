import { followLink } from '../../router.js';

/** A person's name, opening their card when the reader may see it. */
export function PersonLink({
  person,
  open,
  class: className = '',
}: {
  person: { id: number; fullName: string };
  open: boolean;
  class?: string;
}) {
  if (!open) return <span class={className}>{person.fullName}</span>;
  const href = `/people/${person.id}`;
  return (
    <a class={`person-link ${className}`} href={href} onClick={(event) => followLink(event, href)}>
      {person.fullName}
    </a>
  );
}
