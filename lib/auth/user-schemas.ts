import { z } from 'zod';
import { ROLES } from './roles';

// Users over the API (Settings > Users, admins only). A one-time password is in the answer
// to create and reset only, shown once; nothing else ever carries a password or its hash.

export const roleSchema = z.enum(ROLES);

export const createUserSchema = z.object({
  email: z.string().trim().min(3).max(254).email('enter an email address, e.g. dana@example.com'),
  role: roleSchema,
  name: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().min(1).max(100).optional()),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** One change at a time: a role, or whether the user may sign in. */
export const updateUserSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => (b.role === undefined) !== (b.disabled === undefined), { message: 'send either role or disabled' });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** 'password', 'sso', or both. */
  signIn: z.array(z.string()),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

export const usersSchema = z.object({ users: z.array(userViewSchema) });

export const oneTimePasswordSchema = z.object({ user: userViewSchema, oneTimePassword: z.string() });
export type OneTimePasswordAnswer = z.infer<typeof oneTimePasswordSchema>;
