import { notFound, requireUser, type Identity } from '@studbook/platform';
import type { Profile, UpdateProfileInput } from '../../__generated__/resolvers-types.js';
import type { UserTable } from '../../dynamo/user-table.js';
import type { UserLoaders } from '../user/user-loaders.js';
import { getUserConsistent, type UserItem } from '../user/user-reads.js';
import type { FieldCipher } from './field-cipher.js';
import { parseProfileInput } from './profile-input.js';
import { updateProfileFields } from './profile-store.js';

export interface ProfileServiceDeps {
  table: UserTable;
  loaders: UserLoaders;
  identity: Identity;
  cipher: FieldCipher;
}

/** Per-request profile rules: only the user reads or writes their own details. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  /** The decrypted profile for the user themselves; null for anyone else. */
  profileOf(user: UserItem): Profile | null {
    const caller = this.deps.identity;
    if (caller.kind !== 'user' || caller.userId !== user.id) return null;
    return {
      phone: this.decrypt(user, 'phone', user.phoneEnc),
      address: this.decrypt(user, 'address', user.addressEnc),
      locale: user.locale ?? null,
      timeZone: user.timeZone ?? null,
    };
  }

  async update(input: UpdateProfileInput): Promise<UserItem> {
    const caller = requireUser(this.deps.identity);
    const change = parseProfileInput(input);
    const current = await getUserConsistent(this.deps.table, caller.userId);
    if (!current) throw notFound('User');
    const phone = change.phone !== undefined ? change.phone : this.decrypt(current, 'phone', current.phoneEnc);
    const address = change.address !== undefined ? change.address : this.decrypt(current, 'address', current.addressEnc);
    const fields = {
      name: change.name ?? current.name,
      locale: change.locale !== undefined ? change.locale : (current.locale ?? null),
      timeZone: change.timeZone !== undefined ? change.timeZone : (current.timeZone ?? null),
      // Both are encrypted afresh under the active key: a save is how old ciphertexts rotate.
      phoneEnc: phone === null ? null : this.deps.cipher.encrypt(phone, { userId: caller.userId, field: 'phone' }),
      addressEnc: address === null ? null : this.deps.cipher.encrypt(address, { userId: caller.userId, field: 'address' }),
    };
    await updateProfileFields(this.deps.table, caller.userId, fields);
    const updated: UserItem = { ...current, ...fields };
    this.deps.loaders.users.clear(caller.userId).prime(caller.userId, updated);
    return updated;
  }

  private decrypt(user: UserItem, field: 'phone' | 'address', stored: string | null | undefined): string | null {
    return stored ? this.deps.cipher.decrypt(stored, { userId: user.id, field }) : null;
  }
}
