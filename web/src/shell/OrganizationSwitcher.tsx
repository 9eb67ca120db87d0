import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { MY_ORGANIZATIONS, SWITCH_ORGANIZATION } from '../auth/auth-operations';
import { SelectInput } from '../ui/SelectInput';

/** The organisation the session acts for; switching refetches everything as the new organisation. */
export function OrganizationSwitcher() {
  const { data } = useQuery(MY_ORGANIZATIONS);
  const [switchOrganization] = useMutation(SWITCH_ORGANIZATION);
  const client = useApolloClient();
  const memberships = data?.myOrganizations ?? [];
  const current = memberships.find((m) => m.current);
  if (!current) return null;
  return (
    <SelectInput
      label="Organisation"
      value={current.organization.id}
      options={memberships.map((m) => ({ id: m.organization.id, label: `${m.organization.name} (${m.role.toLowerCase()})` }))}
      onChange={async (organizationId) => {
        if (organizationId === current.organization.id) return;
        await switchOrganization({ variables: { organizationId } });
        await client.resetStore();
      }}
    />
  );
}
