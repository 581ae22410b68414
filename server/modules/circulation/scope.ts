import { type SQL, sql } from 'drizzle-orm';
import { circulations, issueItems, items } from '../../db/schema/index.ts';

/**
 * A leader reads an item circulated to them, either on its own or inside a circulated issue.
 * Used as `circulatedTo` of the item scope; it refers to the outer query's `items` row.
 */
export function circulatedItem(userId: string): SQL {
  return sql`exists (select 1 from ${circulations} where ${circulations.recipientId} = ${userId} and (${circulations.itemId} = ${items.id} or exists (select 1 from ${issueItems} where ${issueItems.issueId} = ${circulations.issueId} and ${issueItems.itemId} = ${items.id})))`;
}
