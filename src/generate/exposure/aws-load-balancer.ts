import type { NextStep } from '../core/model.js';
import type { Plan } from '../../plan/index.js';
import { GATEWAY_READY_PATH, GATEWAY_STATUS_PORT } from '../../kubeflow/gateway.js';
import { PHASE } from '../core/phases.js';

/**
 * Annotations of the AWS Load Balancer Controller for the ALB Ingress. Targets are the gateway pods
 * themselves (`ip`): the gateway Service stays ClusterIP, and the health check goes to the
 * gateway's status port, which answers without a login (`/` would redirect to the IdP).
 */
export function albAnnotations({ exposure }: Plan): Record<string, string> {
  const https = exposure.termination === 'alb';
  const subnets = exposure.lbSubnets;
  return {
    'alb.ingress.kubernetes.io/scheme': exposure.lbScheme,
    'alb.ingress.kubernetes.io/target-type': 'ip',
    'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
    'alb.ingress.kubernetes.io/listen-ports': https ? '[{"HTTP": 80}, {"HTTPS": 443}]' : '[{"HTTP": 80}]',
    ...(https
      ? {
          'alb.ingress.kubernetes.io/ssl-redirect': '443',
          'alb.ingress.kubernetes.io/certificate-arn': exposure.acmCertificateArn!,
          'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        }
      : {}),
    'alb.ingress.kubernetes.io/healthcheck-port': String(GATEWAY_STATUS_PORT),
    'alb.ingress.kubernetes.io/healthcheck-path': GATEWAY_READY_PATH,
    ...(subnets ? { 'alb.ingress.kubernetes.io/subnets': subnets.join(',') } : {}),
  };
}

/**
 * Annotations of the AWS Load Balancer Controller for an NLB in front of the gateway Service. TLS
 * passes through to the gateway; the health check uses the gateway's status port for the same
 * reason as the ALB's.
 */
export function nlbAnnotations({ exposure }: Plan): Record<string, string> {
  const subnets = exposure.lbSubnets;
  return {
    'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    'service.beta.kubernetes.io/aws-load-balancer-scheme': exposure.lbScheme,
    'service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol': 'http',
    'service.beta.kubernetes.io/aws-load-balancer-healthcheck-port': String(GATEWAY_STATUS_PORT),
    'service.beta.kubernetes.io/aws-load-balancer-healthcheck-path': GATEWAY_READY_PATH,
    ...(subnets ? { 'service.beta.kubernetes.io/aws-load-balancer-subnets': subnets.join(',') } : {}),
  };
}

/** eks-charts' aws-load-balancer-controller chart 1.14.1 (controller v2.14.1). */
export const AWS_LB_CONTROLLER_CHART = {
  repo: 'https://aws.github.io/eks-charts',
  version: '1.14.1',
  controller: 'v2.14.1',
} as const;

/** The controller that turns these annotations into load balancers; eksctl already made its IAM role. */
export function loadBalancerControllerStep({ platform, exposure }: Plan): NextStep {
  const eks = platform.eks!;
  const alb = exposure.ingressKind === 'alb';
  return {
    order: PHASE.loadBalancerController,
    title: 'Install the AWS Load Balancer Controller',
    body: [
      'It provisions the load balancer from the annotations kfgen wrote. The cluster config already created its',
      'ServiceAccount `kube-system/aws-load-balancer-controller` with an IAM role (eksctl `wellKnownPolicies.awsLoadBalancerController`).',
      `Chart ${AWS_LB_CONTROLLER_CHART.version} (controller ${AWS_LB_CONTROLLER_CHART.controller}); the region and VPC are given rather than read from the instance metadata:`,
      '```sh',
      `VPC_ID=$(aws eks describe-cluster --name ${eks.clusterName} --region ${eks.region} --query cluster.resourcesVpcConfig.vpcId --output text)`,
      `helm repo add eks ${AWS_LB_CONTROLLER_CHART.repo} --force-update`,
      `helm upgrade --install aws-load-balancer-controller eks/aws-load-balancer-controller --version ${AWS_LB_CONTROLLER_CHART.version} \\`,
      `  --namespace kube-system --set clusterName=${eks.clusterName} --set region=${eks.region} --set vpcId="$VPC_ID" \\`,
      ...(alb ? [`  --set ingressClass=${exposure.ingressClassName} \\`] : []),
      '  --set serviceAccount.create=false --set serviceAccount.name=aws-load-balancer-controller \\',
      '  --wait',
      '```',
      'Install it before applying and let `--wait` return: its webhook must see the gateway Service and the Ingress when they are created.',
    ].join('\n'),
  };
}
