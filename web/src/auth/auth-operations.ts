import { graphql } from '../__generated__';

export const SIGN_IN = graphql(`mutation WebSignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { id name } } }`);

export const SIGN_UP = graphql(`mutation WebSignUp($input: SignUpInput!) { signUp(input: $input) { token user { id name } } }`);

export const SIGN_OUT = graphql(`mutation WebSignOut { signOut }`);

export const ME = graphql(`query WebMe { me { id name email role organization { id name } } }`);

export const MY_ORGANIZATIONS = graphql(`query WebMyOrganizations { myOrganizations { role current organization { id name } } }`);

export const SWITCH_ORGANIZATION = graphql(
  `mutation WebSwitchOrganization($organizationId: ID!) { switchOrganization(organizationId: $organizationId) { current role organization { id name } } }`,
);
