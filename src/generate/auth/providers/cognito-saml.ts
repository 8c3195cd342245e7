import type { Context, NextStep } from '../../core/model.js';
import { PHASE } from '../../core/phases.js';

/** The SAML claim types ADFS issues for the attributes Kubeflow needs (ADFS's own claim descriptions). */
const ADFS_EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const ADFS_GROUP_CLAIM = 'http://schemas.xmlsoap.org/claims/Group';
/** The app client as the federation step writes it back, left in the output directory. */
export const APP_CLIENT_FILE = 'cognito-app-client.json';
/**
 * The claim kfgen's ADFS rule issues as `true` for every user with an Active Directory e-mail
 * address, mapped to Cognito's `email_verified`: Cognito marks a mapped e-mail address unverified
 * otherwise, and oauth2-proxy refuses an unverified e-mail.
 */
export const ADFS_EMAIL_VERIFIED_CLAIM = 'urn:kfgen:claims:email_verified';
/** Cognito's limit on a custom attribute, and so on the groups the ADFS rule may send. */
export const COGNITO_CUSTOM_ATTRIBUTE_MAX = 2048;

/**
 * A .NET regular expression, case-insensitive, for the groups Kubeflow needs: names starting with
 * the group-namespace prefix, and the allowed groups. Characters other than letters, digits,
 * space, `_` and `-` are matched through a one-character class, so no backslash has to survive
 * the ADFS claim rule language's string literal.
 */
export function adfsGroupFilter(prefix: string | undefined, exact: string[]): string | undefined {
  const literal = (s: string) =>
    [...s].map((ch) => (/[\w -]/.test(ch) ? ch : /[\]\\^]/.test(ch) ? '.' : `[${ch}]`)).join('');
  const parts = [...(prefix ? [`${literal(prefix)}.*`] : []), ...exact.map(literal)];
  return parts.length ? `(?i)^(${parts.join('|')})$` : undefined;
}

/**
 * ADFS (or another SAML provider) federated behind Cognito, as `auth.cognito.saml` declares it:
 * the user-pool attribute, the SAML identity provider with its attribute mapping, the app client,
 * and the relying party trust on the ADFS side, with kfgen's exact values. The app client is
 * read, merged and written back because `update-user-pool-client` resets every setting it is not
 * given.
 */
export function samlFederationSteps(ctx: Context): NextStep[] {
  const c = ctx.plan.auth.cognito;
  if (!c?.saml) return [];
  const { auth } = ctx.plan;
  const pool = `--user-pool-id ${c.userPoolId} --region ${c.region}`;
  const groupsAttribute = auth.groupsClaim.startsWith('custom:') ? auth.groupsClaim : undefined;
  const mapping = [
    `email=${ADFS_EMAIL_CLAIM}`,
    `email_verified=${ADFS_EMAIL_VERIFIED_CLAIM}`,
    ...(groupsAttribute ? [`${groupsAttribute}=${ADFS_GROUP_CLAIM}`] : []),
  ].join(',');
  const filter = adfsGroupFilter(ctx.plan.groupNamespaces?.prefix, []);
  const lifetime = ctx.plan.session.idToken!.seconds;
  const client = {
    SupportedIdentityProviders: [c.saml.name],
    CallbackURLs: [auth.redirectUrl],
    LogoutURLs: [`${auth.baseUrl}/`],
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ctx.plan.auth.scopes,
    AllowedOAuthFlowsUserPoolClient: true,
    // The ID-token lifetime kfgen's refresh period is computed from (auth.cognito.idTokenLifetime).
    IdTokenValidity: lifetime,
    TokenValidityUnits: { IdToken: 'seconds' },
  };
  const body = [
    `In user pool \`${c.userPoolId}\`, with AWS credentials for its account:`,
    '```sh',
    ...(groupsAttribute
      ? [
          `# The attribute that carries the ADFS groups (Cognito refuses to add one twice, so only when missing).`,
          `aws cognito-idp describe-user-pool ${pool} --query "UserPool.SchemaAttributes[?Name=='${groupsAttribute}'].Name" --output text | grep -q . ||`,
          `  aws cognito-idp add-custom-attributes ${pool} --custom-attributes 'Name=${groupsAttribute.slice('custom:'.length)},AttributeDataType=String,Mutable=true,StringAttributeConstraints={MinLength=0,MaxLength=2048}'`,
        ]
      : []),
    `# ${c.saml.name} as a SAML identity provider; its claims become pool attributes.`,
    `aws cognito-idp create-identity-provider ${pool} --provider-name '${c.saml.name}' --provider-type SAML \\`,
    `  --provider-details 'MetadataURL=${c.saml.metadataUrl}' \\`,
    `  --attribute-mapping '${mapping}'`,
    `# The app client: sign in through ${c.saml.name}, return to kfgen's callback. Read, merge, write back.`,
    `aws cognito-idp describe-user-pool-client ${pool} --client-id ${c.clientId} --query UserPoolClient --output json |`,
    `  jq 'del(.ClientSecret, .CreationDate, .LastModifiedDate) * ${JSON.stringify(client)}' > ${APP_CLIENT_FILE}`,
    `aws cognito-idp update-user-pool-client --region ${c.region} --cli-input-json file://${APP_CLIENT_FILE}`,
    '```',
    `In ADFS, add a relying party trust (claims aware, "Enter data about the relying party manually"):`,
    '',
    `- **Relying party identifier:** \`urn:amazon:cognito:sp:${c.userPoolId}\``,
    `- **SAML 2.0 SSO service URL:** \`https://${c.domain}/saml2/idpresponse\``,
    `- **Claim issuance policy:** a rule "Send LDAP Attributes as Claims" (store Active Directory): E-Mail-Addresses → E-Mail Address;`,
    `  a "Transform an Incoming Claim" rule: E-Mail Address → Name ID, format Email; and these rules "Send Claims Using a Custom Rule", in this order:`,
    '```text',
    `@RuleName = "E-mail verified: Active Directory addresses are the company's"`,
    `c:[Type == "${ADFS_EMAIL_CLAIM}"]`,
    ` => issue(Type = "${ADFS_EMAIL_VERIFIED_CLAIM}", Value = "true");`,
    ...(groupsAttribute
      ? [
          '',
          `@RuleName = "All groups of the user, not sent"`,
          `c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]`,
          ` => add(store = "Active Directory", types = ("${ADFS_GROUP_CLAIM}"), query = ";tokenGroups;{0}", param = c.Value);`,
          '',
          filter ? `@RuleName = "Only the groups Kubeflow uses"` : `@RuleName = "Every group (no filter: see below)"`,
          filter ? `c:[Type == "${ADFS_GROUP_CLAIM}", Value =~ "${filter}"]` : `c:[Type == "${ADFS_GROUP_CLAIM}"]`,
          ` => issue(claim = c);`,
        ]
      : []),
    '```',
    '',
    `Cognito then maps \`${ADFS_EMAIL_CLAIM}\` to \`email\`, \`${ADFS_EMAIL_VERIFIED_CLAIM}\` to \`email_verified\` (without it Cognito marks the`,
    `address unverified and oauth2-proxy refuses the sign-in)${groupsAttribute ? `, and \`${ADFS_GROUP_CLAIM}\` to \`${groupsAttribute}\`, which the ID token carries and the gateway maps to \`kubeflow-groups\`` : ''}.`,
    ...(groupsAttribute
      ? [
          filter
            ? `Only groups matching \`${filter}\` are sent: \`${groupsAttribute}\` holds at most ${COGNITO_CUSTOM_ATTRIBUTE_MAX} characters, and Cognito fails the sign-in of a user whose groups exceed it.`
            : `**Every group of a user is sent**: \`${groupsAttribute}\` holds at most ${COGNITO_CUSTOM_ATTRIBUTE_MAX} characters, and Cognito fails the sign-in of a user whose groups exceed it. Set \`tenancy.groupNamespaces.prefix\` or \`auth.allowedGroups\` and kfgen filters on them.`,
        ]
      : []),
    `Users choose **${c.saml.name}** on Cognito's hosted sign-in page at \`https://${c.domain}\`.`,
  ];
  return [
    {
      order: PHASE.samlFederation,
      title: `Federate ${c.saml.name} into the Cognito user pool`,
      body: body.join('\n'),
    },
  ];
}
