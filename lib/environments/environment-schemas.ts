import { z } from 'zod';
import { workingHoursSchema } from '@/lib/detect/kinds/working-hours';

// Per-environment settings over the API (time zone, working hours) and the key-rotation
// policy. Working hours are the detectors' own schema (lib/detect/kinds/working-hours.ts).

/** An IANA zone name the runtime knows, such as Europe/Berlin or UTC. */
export function isTimeZone(value: string): boolean {
  // Offsets and abbreviations ("+01:00", "CET") are refused: a zone name follows daylight saving.
  if (!/^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+)$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timezoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, 'use an IANA time zone name such as Europe/Berlin, America/New_York or UTC');

export const workingHoursInputSchema = workingHoursSchema
  .extend({ days: workingHoursSchema.shape.days.refine((d) => new Set(d).size === d.length, 'list each day once') })
  .refine((h) => h.start !== h.end, { message: 'start and end are the same time, so nobody would ever be at work; set an end such as 18:00', path: ['end'] });

export const updateEnvironmentSettingsSchema = z
  .object({ timezone: timezoneSchema.optional(), workingHours: workingHoursInputSchema.nullable().optional() })
  .refine((b) => b.timezone !== undefined || b.workingHours !== undefined, 'send timezone or workingHours (null clears them): there is nothing to change');
export type UpdateEnvironmentSettingsInput = z.infer<typeof updateEnvironmentSettingsSchema>;

export const environmentSettingsSchema = z.object({
  name: z.string(),
  timezone: z.string(),
  workingHours: workingHoursSchema.nullable(),
  keyCount: z.number().int(),
});
export type EnvironmentSettingsView = z.infer<typeof environmentSettingsSchema>;

export const environmentsSettingsSchema = z.object({ environments: z.array(environmentSettingsSchema) });

export const ROTATION_DAYS_DEFAULT = 90;
export const rotationDaysSchema = z
  .number({ message: 'rotation days is a whole number of days, such as 90' })
  .int('rotation days is a whole number of days, such as 90')
  .min(1, 'rotation days is at least 1')
  .max(3650, 'rotation days is at most 3650 (ten years)');

export const rotationPolicyInputSchema = z.object({ rotationDays: rotationDaysSchema });
export const rotationPolicySchema = z.object({ rotationDays: z.number().int(), isDefault: z.boolean(), defaultDays: z.number().int() });
export type RotationPolicy = z.infer<typeof rotationPolicySchema>;
