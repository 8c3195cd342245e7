import type { Context, Contribution } from './model.js';
import { scopes } from './oauth2-proxy.js';

/** The SAML claim types ADFS issues for the attributes Kubeflow needs (ADFS's own claim descriptions). */
const ADFS_EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const ADFS_GROUP_CLAIM = 'http://schemas.xmlsoap.org/claims/Group';

/**
 * ADFS (or another SAML provider) federated behind Cognito, as `auth.cognito.saml` declares it:
 * the user-pool attribute, the SAML identity provider with its attribute mapping, the app client,
 * and the relying party trust on the ADFS side, with kfgen's exact values. The app client is
 * read, merged and written back because `update-user-pool-client` resets every setting it is not
 * given.
 */
export function cognitoSaml(ctx: Context): Contribution {
  const c = ctx.config.auth.provider === 'cognito' ? ctx.config.auth.cognito : undefined;
  if (!c?.saml) return {};
  const { auth } = ctx.plan;
  const pool = `--user-pool-id ${c.userPoolId} --region ${c.region}`;
  const groupsAttribute = auth.groupsClaim.startsWith('custom:') ? auth.groupsClaim : undefined;
  const mapping = [
    `email=${ADFS_EMAIL_CLAIM}`,
    ...(groupsAttribute ? [`${groupsAttribute}=${ADFS_GROUP_CLAIM}`] : []),
  ].join(',');
  const client = {
    SupportedIdentityProviders: [c.saml.name],
    CallbackURLs: [auth.redirectUrl],
    LogoutURLs: [`${auth.baseUrl}/`],
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: scopes(ctx),
    AllowedOAuthFlowsUserPoolClient: true,
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
    `  jq 'del(.ClientSecret, .CreationDate, .LastModifiedDate) + ${JSON.stringify(client)}' > cognito-app-client.json`,
    `aws cognito-idp update-user-pool-client --region ${c.region} --cli-input-json file://cognito-app-client.json`,
    '```',
    `In ADFS, add a relying party trust (claims aware, "Enter data about the relying party manually"):`,
    '',
    `- **Relying party identifier:** \`urn:amazon:cognito:sp:${c.userPoolId}\``,
    `- **SAML 2.0 SSO service URL:** \`https://${c.domain}/saml2/idpresponse\``,
    `- **Claim issuance policy**, rule "Send LDAP Attributes as Claims" (store Active Directory): E-Mail-Addresses → E-Mail Address` +
      `${groupsAttribute ? ', Token-Groups - Unqualified Names → Group' : ''}; and a "Transform an Incoming Claim" rule: E-Mail Address → Name ID, format Email.`,
    '',
    `Cognito then maps \`${ADFS_EMAIL_CLAIM}\` to \`email\`${groupsAttribute ? ` and \`${ADFS_GROUP_CLAIM}\` to \`${groupsAttribute}\`, which the ID token carries and the gateway maps to \`kubeflow-groups\`` : ''}.`,
    `Users choose **${c.saml.name}** on Cognito's hosted sign-in page at \`https://${c.domain}\`.`,
  ];
  return {
    nextSteps: [{ order: 19, title: `Federate ${c.saml.name} into the Cognito user pool`, body: body.join('\n') }],
  };
}
