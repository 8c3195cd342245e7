/**
 * The part of an eksctl ClusterConfig (cluster/eksctl-cluster.yaml) the tests read. Ajv's
 * validate() narrows what it checks to `unknown`; a parsed config typed as this keeps its fields.
 */
export interface EksctlCluster {
  metadata: { name: string; region: string; version: string; annotations?: Record<string, string> };
  availabilityZones?: string[];
  vpc: {
    cidr?: string;
    subnets: { public?: Record<string, { id: string }>; private?: Record<string, { id: string }> };
    [key: string]: unknown;
  };
  iam: { withOIDC?: boolean; serviceAccounts: Array<{ metadata: { name: string; namespace: string } }> };
  accessConfig: { authenticationMode: string; accessEntries?: unknown[] };
  addons: Array<{ name: string }>;
  managedNodeGroups: Array<{ instanceType?: string; privateNetworking?: boolean; iam?: unknown }>;
}
