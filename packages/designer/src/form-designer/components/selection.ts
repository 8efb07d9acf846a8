/** What the settings panel shows: the form itself, a section or a field. */
export type Selection = { kind: 'form' } | { kind: 'section'; id: string } | { kind: 'field'; id: string };
