/**
 * The order of the steps of NEXT_STEPS.md and TEARDOWN.md, in one table each. A concern names the
 * phase of each step it contributes; steps are printed by ascending phase, and steps of one phase
 * keep the order of their contributions (generate/index.ts). The values are gaps, not indices, so a
 * new phase fits between two without renumbering; only their order shows in the output.
 */

/**
 * NEXT_STEPS.md, a runbook from an empty account to a signed-in user:
 * - the cluster and everything that needs only the cloud first (its role must exist before the
 *   cluster names it, IAM mappings need the cluster);
 * - then what the identity provider and the Secrets need (nothing of the platform runs yet);
 * - then the controllers the platform's objects need (ingress, load balancer controller);
 * - `apply`: the platform; every step from here on needs the cluster's pods to run (webhooks,
 *   controllers, load balancers), which `RUNNING_CLUSTER_FROM` marks;
 * - then what needs the running platform (tenancy objects, the Profile Manager's trigger, DNS to the
 *   load balancer, certificates issued through it), the ways to call it, and last the login check.
 */
export const PHASE = {
  /** `az aks create`: nothing else exists yet. */
  aksCluster: 5,
  /** The Profile Manager's stack: the EKS cluster's access entries name its role, which must exist. */
  profileManagerStack: 9,
  /** `eksctl create cluster`. */
  eksCluster: 10,
  /** aws-auth mappings: need the cluster. */
  awsAuth: 11,
  /** The Profile Manager's access entry, after aws-auth (its text refers to the aws-auth step above). */
  profileManagerAccess: 12,
  /** The AKS load balancer's static address, before anything asks for a LoadBalancer Service. */
  aksLoadBalancerAddress: 15,
  /** SAML federation into the Cognito user pool, before the app client that uses it. */
  samlFederation: 19,
  /** The app registration at the identity provider (Entra ID, Cognito, OIDC, Dex users). */
  identityProvider: 20,
  /** Dex's upstream connectors, after Dex itself. */
  dexConnectors: 21,
  /** The Secrets kfgen does not generate: the platform reads them when it starts. */
  secrets: 30,
  /** The ACM certificate the load balancer will terminate TLS with. */
  acmCertificate: 32,
  /** The dashboard's registration flow (a note). */
  registrationFlow: 39,
  /** The ingress-nginx controller, before the Ingresses that need it. */
  ingressController: 40,
  /** Group namespaces without a Profile Manager (a note); shares the ingress controller's phase. */
  groupNamespacesNote: 40,
  /** The AWS Load Balancer Controller, before the Ingresses that need it. */
  loadBalancerController: 45,
  /** The platform: `kustomize build | kubectl apply` until everything is admitted. */
  apply: 50,
  /** `tenancy/`: needs the platform's CRDs and Profile controller. */
  tenancyApply: 51,
  /** The Profile Manager's trigger on the user pool: its ClusterRole must exist before the first login. */
  profileManagerAttach: 52,
  /** Profiles, contributors and the cluster admin, once they are applied. */
  profiles: 53,
  /** DNS to the address the load balancer or ingress controller got once it ran. */
  dns: 55,
  /** The certificate: issued (Let's Encrypt) or trusted (self-signed) once DNS points at the gateway. */
  certificate: 57,
  /** Calling the Pipelines API from inside the cluster. */
  pipelinesInCluster: 58,
  /** Calling Kubeflow from outside the cluster (Pipelines API, SDK, tokens). */
  outsideCluster: 59,
  /** Last: sign in and check that login works end to end. */
  checkLogin: 60,
} as const;

/** Steps from this phase on need a running cluster: the apply loop ends only once webhooks and controllers answer. */
export const RUNNING_CLUSTER_FROM = PHASE.apply;

/**
 * TEARDOWN.md: what NEXT_STEPS.md made, removed in the reverse order. The Profile Manager is
 * detached from the user pool before its stack goes (a pool whose trigger is gone fails every
 * sign-in); Profiles go while the Profile controller still runs (it holds their finalizers);
 * Ingresses and LoadBalancer Services go while the load balancer controller or cloud provider still
 * runs, and before the cluster, so that the load balancers and their security groups are removed (an
 * ALB left behind keeps the VPC from being deleted); the cluster goes last, then what lives outside
 * it (DNS, the identity provider) and the local files.
 */
export const TEARDOWN_PHASE = {
  /** Detach the Profile Manager's trigger, then delete its stack. */
  profileManager: 0,
  /** Profiles, while the Profile controller still runs. */
  profiles: 10,
  /** Ingresses and LoadBalancer Services, while their controllers still run. */
  loadBalancers: 20,
  /** The platform (`kustomize build | kubectl delete`). */
  platform: 30,
  /** The AWS Load Balancer Controller, once nothing it manages is left. */
  loadBalancerController: 40,
  /** The gateway's static public IP (AKS), once its Service is gone. */
  staticIp: 45,
  /** The cluster. */
  cluster: 50,
  /** DNS records. */
  dns: 60,
  /** The identity provider's registration. */
  identityProvider: 70,
  /** Local files. */
  localFiles: 80,
} as const;
