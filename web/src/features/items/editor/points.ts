import type { Adoption, Publication } from '../types.ts';

export type PublicationTally = {
  publicationName: string;
  officeName: string | null;
  adoptions: number;
  /** null when the publication is no longer offered (its points are unknown here). */
  pointsPerItem: number | null;
  points: number | null;
};

/**
 * Upper adoptions counted per publication and scored with each publication's points per item,
 * in the order the publications are listed (nearest office first); unknown ones go last.
 */
export function tallyAdoptions(
  adoptions: readonly Pick<Adoption, 'publicationName'>[],
  publications: readonly Publication[],
): { rows: PublicationTally[]; adoptions: number; points: number } {
  const counts = new Map<string, number>();
  for (const a of adoptions) counts.set(a.publicationName, (counts.get(a.publicationName) ?? 0) + 1);
  const rows: PublicationTally[] = publications.map((p) => {
    const n = counts.get(p.name) ?? 0;
    counts.delete(p.name);
    return {
      publicationName: p.name,
      officeName: p.officeName,
      adoptions: n,
      pointsPerItem: p.pointsPerItem,
      points: n * p.pointsPerItem,
    };
  });
  for (const [name, n] of counts) {
    rows.push({ publicationName: name, officeName: null, adoptions: n, pointsPerItem: null, points: null });
  }
  return {
    rows,
    adoptions: adoptions.length,
    points: rows.reduce((sum, r) => sum + (r.points ?? 0), 0),
  };
}
