/**
 * Longest keyword the list endpoints accept (`search: z.string().max(100)` in the studio, admin and
 * supervision routers). Search boxes stop typing there: a longer keyword was refused by the server and
 * the list kept showing the previous, unfiltered rows as if they matched.
 */
export const searchMaxLength = 100;
