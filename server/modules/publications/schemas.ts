import { z } from 'zod';

export const publicationsQuery = z.object({
  officeId: z.uuid('办公室 ID 格式不正确').optional(),
  scope: z
    .enum(['own', 'upper'], { error: 'scope 须为 own（本办公室）或 upper（上级办公室）' })
    .default('own'),
});
export type PublicationsQuery = z.output<typeof publicationsQuery>;

export const publicationSchema = z.object({
  id: z.uuid(),
  officeId: z.uuid(),
  officeName: z.string(),
  name: z.string(),
  kind: z.string(),
  pointsPerItem: z.number().int(),
});
export type PublicationView = z.infer<typeof publicationSchema>;
