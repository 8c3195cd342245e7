/**
 * The AWS side of the Profile Manager: one CloudFormation stack with the function, its IAM role
 * (CloudWatch Logs for its own log group, nothing else), its log group and Cognito's permission
 * to invoke it. The source is inline (`Code.ZipFile`, which Lambda stores as `index.py`), so the
 * template is the whole deployment: `aws cloudformation deploy` needs no S3 bucket while the
 * template stays under CloudFormation's 51,200-byte limit for a template body.
 *
 * One AWS permission besides its logs: eks:DescribeCluster on its cluster, for the endpoint and CA.
 * Reading them at run time (not as stack parameters) lets the stack, and so the IAM role, exist
 * before the cluster: EKS refuses an access entry for a role that does not exist yet, and
 * eksctl creates the cluster's access entries with the cluster. The EKS token is a presigned
 * sts:GetCallerIdentity, which needs no permission. What the function may do in the cluster is
 * decided there, by the access entry / aws-auth mapping and kfgen's ClusterRole.
 */

/** The newest Lambda Python runtime (AWS Lambda developer guide, "Building Lambda functions with Python"); it ships boto3/botocore. */
export const LAMBDA_RUNTIME = 'python3.14';
/** Cognito waits 5 seconds for a trigger and cannot be told otherwise; the function works within it. */
export const LAMBDA_TIMEOUT_SECONDS = 5;
export const TEMPLATE_BODY_LIMIT = 51_200;

export interface ProfileManagerStack {
  functionName: string;
  roleName: string;
  /** The user pool whose trigger it is (the stack must be in the pool's region: Cognito invokes functions of its own region). */
  userPoolId: string;
  clusterName: string;
  /** The cluster's region (may differ from the pool's). */
  clusterRegion: string;
  /** KFGEN_PM_* settings. */
  environment: Record<string, string>;
  source: string;
}

export function profileManagerTemplate(s: ProfileManagerStack): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `kfgen Profile Manager: Kubeflow Profiles from identity-provider groups at login (Cognito Pre Token Generation trigger of ${s.userPoolId})`,
    Resources: {
      LogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: `/aws/lambda/${s.functionName}`, RetentionInDays: 90 },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: s.roleName,
          Description: 'kfgen Profile Manager: writes its logs; its cluster access is the EKS mapping of this role',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'lambda.amazonaws.com' },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'own-log-group',
              PolicyDocument: {
                Version: '2012-10-17',
                // The log group's Arn attribute ends in `:*`, which covers its log streams.
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                    Resource: { 'Fn::GetAtt': ['LogGroup', 'Arn'] },
                  },
                ],
              },
            },
            {
              PolicyName: 'describe-its-cluster',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'eks:DescribeCluster',
                    Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:eks:${s.clusterRegion}:\${AWS::AccountId}:cluster/${s.clusterName}` },
                  },
                ],
              },
            },
          ],
        },
      },
      Function: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: s.functionName,
          Description: 'kfgen Profile Manager (Cognito Pre Token Generation)',
          Runtime: LAMBDA_RUNTIME,
          Handler: 'index.lambda_handler',
          Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Timeout: LAMBDA_TIMEOUT_SECONDS,
          MemorySize: 256,
          LoggingConfig: { LogGroup: { Ref: 'LogGroup' } },
          Environment: {
            Variables: sorted(s.environment),
          },
          Code: { ZipFile: s.source },
        },
      },
      CognitoInvokePermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': ['Function', 'Arn'] },
          Principal: 'cognito-idp.amazonaws.com',
          SourceAccount: { Ref: 'AWS::AccountId' },
          SourceArn: { 'Fn::Sub': `arn:\${AWS::Partition}:cognito-idp:\${AWS::Region}:\${AWS::AccountId}:userpool/${s.userPoolId}` },
        },
      },
    },
    Outputs: {
      FunctionArn: { Value: { 'Fn::GetAtt': ['Function', 'Arn'] } },
      RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } },
    },
  };
}

function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
