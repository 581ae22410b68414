import type { Actor } from '../../lib/actor.ts';
import type { DictionaryAction, EntryView } from './schemas.ts';

/** Dictionaries are registry configuration: the system administrator maintains them. */
export const DICTIONARY_ADMIN_ROLES = ['sysadmin'] as const;

/** What the caller may do to one entry; everyone may read, only the system administrator edits. */
export function entryActions(actor: Pick<Actor, 'roles'>, entry: { active: boolean }): DictionaryAction[] {
  if (!actor.roles.includes('sysadmin')) return [];
  return ['update', entry.active ? 'deactivate' : 'activate'];
}

export function presentEntry(actor: Pick<Actor, 'roles'>, entry: Omit<EntryView, 'actions'>): EntryView {
  const { id, dictionary, code, label, sortOrder, active } = entry;
  return { id, dictionary, code, label, sortOrder, active, actions: entryActions(actor, entry) };
}
