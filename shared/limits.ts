/**
 * Input limits for the sign-in fields.
 *
 * Generous for people, small enough that a hostile page can't make main work hard. Kept free of
 * zod so the renderer can use them as `maxLength` without bundling the schema library.
 */
export const limits = {
  emailMax: 320,
  passwordMax: 1024,
} as const;
