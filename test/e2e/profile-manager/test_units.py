"""Unit tests of the Profile Manager's pure parts and its EKS token, in the project venv's Python.

Simulates nothing but AWS credentials: botocore signs with fake static credentials, and its own
Stubber is active on the STS client with no responses queued, so any network call the token code
made would fail the test. No API server here (see test/e2e/profile-manager.test.ts for that).
"""

import base64
import datetime
import hashlib
import hmac
import importlib.util
import json
import os
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
HANDLER = os.path.join(HERE, "..", "..", "..", "src", "generate", "profile-manager", "handler.py")
spec = importlib.util.spec_from_file_location("handler", HANDLER)
handler = importlib.util.module_from_spec(spec)
spec.loader.exec_module(handler)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def load_event(name):
    return json.loads(read(os.path.join(HERE, "events", name)))


def cfg(**env):
    # The release facts kfgen's template passes (src/generate/profile-manager/index.ts functionEnvironment).
    base = {
        "KFGEN_PM_GROUP_PREFIX": "kubeflow-",
        "KFGEN_PM_GROUP_OWNER": "admin@corp.example.org",
        "KFGEN_PM_RESERVED_NAMESPACES": "auth,istio-system,kubeflow,kubeflow-system",
        "KFGEN_PM_USERID_HEADER": "kubeflow-userid",
        "KFGEN_PM_KFAM_PRINCIPALS": "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",
    }
    base.update(env)
    return handler.Config(base)


class Groups(unittest.TestCase):
    def test_cognito_saml_multivalue_string_is_split_and_form_decoded(self):
        self.assertEqual(
            handler.parse_groups("[kubeflow-Team+Vision, kubeflow-R%26D, Domain+Users]"),
            ["kubeflow-Team Vision", "kubeflow-R&D", "Domain Users"],
        )

    def test_comma_separated_json_list_and_single_value(self):
        self.assertEqual(handler.parse_groups("a, b,,a"), ["a", "b"])
        self.assertEqual(handler.parse_groups('["x y", "z"]'), ["x y", "z"])
        self.assertEqual(handler.parse_groups("[only]"), ["only"])
        self.assertEqual(handler.parse_groups(None), [])
        self.assertEqual(handler.parse_groups(""), [])


class EventGroups(unittest.TestCase):
    def test_custom_attribute_and_cognito_pool_groups(self):
        event = load_event("alice-login.json")
        self.assertEqual(
            handler.parse_groups(handler.event_groups(event, "custom:groups")),
            ["kubeflow-Team Vision", "kubeflow-R&D", "Domain Users"],
        )
        # cognito:groups is not a user attribute: the event lists the pool's groups in groupConfiguration.
        self.assertEqual(handler.event_groups(event, "cognito:groups"), ["eu-central-1_Ab12Cd34E_ADFS"])
        self.assertIsNone(handler.event_groups(load_event("no-groups.json"), "custom:groups"))


class Names(unittest.TestCase):
    def test_group_to_namespace(self):
        c = cfg()
        self.assertEqual(handler.namespace_for_group("kubeflow-Team Vision", c), "team-vision")
        self.assertEqual(handler.namespace_for_group("Kubeflow-R&D", c), "r-d")
        self.assertIsNone(handler.namespace_for_group("Domain Users", c))
        self.assertIsNone(handler.namespace_for_group("kubeflow-", c))
        self.assertIsNone(handler.namespace_for_group("kubeflow-!!!", c))
        kept = cfg(KFGEN_PM_STRIP_PREFIX="false", KFGEN_PM_NAMESPACE_PREFIX="grp-")
        self.assertEqual(handler.namespace_for_group("kubeflow-Team Vision", kept), "grp-kubeflow-team-vision")

    def test_reserved_namespaces(self):
        c = cfg(KFGEN_PM_RESERVED_NAMESPACES="kubeflow,team-static")
        self.assertTrue(handler.is_reserved("team-static", c))
        self.assertTrue(handler.is_reserved("kube-anything", c))
        self.assertFalse(handler.is_reserved("istio-system", c), "only the list given is reserved")
        self.assertTrue(handler.is_reserved("kubeflow-system", cfg()))

    def test_release_facts_come_from_the_environment(self):
        for key in ("KFGEN_PM_RESERVED_NAMESPACES", "KFGEN_PM_USERID_HEADER", "KFGEN_PM_KFAM_PRINCIPALS"):
            c = cfg(**{key: ""})
            self.assertTrue(any(key in p for p in c.problems()), key)
        c = cfg(KFGEN_PM_USERID_HEADER="x-user", KFGEN_PM_KFAM_PRINCIPALS="a,b")
        rule = handler.authorization_policy("team", "u@example.org", "edit", c)["spec"]["rules"][0]
        self.assertEqual(rule["from"][0]["source"]["principals"], ["a", "b"])
        self.assertEqual(rule["when"][0]["key"], "request.headers[x-user]")

    def test_long_groups_are_cut_deterministically_and_stay_apart(self):
        c = cfg()
        a = handler.namespace_for_group("kubeflow-" + "x" * 80 + "-a", c)
        b = handler.namespace_for_group("kubeflow-" + "x" * 80 + "-b", c)
        self.assertEqual(len(a), 63)
        self.assertRegex(a, r"^x{54}-[0-9a-f]{8}$")
        self.assertNotEqual(a, b)
        self.assertEqual(a, handler.namespace_for_group("kubeflow-" + "x" * 80 + "-a", c))

    def test_kfam_binding_names(self):
        # The same cases test/plan/tenancy.test.ts pins for kfgen's TypeScript kfamBindingName.
        self.assertEqual(handler.kfam_binding_name("bob@example.com", "edit"), "user-bob-example-com-clusterrole-edit")
        self.assertEqual(
            handler.kfam_binding_name("Uma_Patel@Corp.Example.org", "edit"), "user-uma-patel-corp-example-org-clusterrole-edit"
        )
        self.assertEqual(handler.kfam_binding_name("a..b+tag@x.io", "view"), "user-a-b-tag-x-io-clusterrole-view")
        self.assertEqual(handler.kfam_binding_name("trailing.@x.io.", "edit"), "user-trailing-x-io-clusterrole-edit")

    def test_personal_profile_names_match_the_dashboard_registration_flow(self):
        self.assertEqual(handler.personal_profile_name("alice.smith@corp.example.org"), "alice-smith-corp-example-org")
        self.assertEqual(handler.personal_profile_name("Uma_Patel@corp.example.org"), "umapatel-corp-example-org")
        self.assertIsNone(handler.personal_profile_name("x" * 70 + "@example.org"))


class NeverBlocksALogin(unittest.TestCase):
    def test_misconfigured_function_returns_the_event_unchanged(self):
        event = load_event("alice-login.json")
        before = json.dumps(event, sort_keys=True)
        saved = dict(os.environ)
        try:
            for k in list(os.environ):
                if k.startswith("KFGEN_PM_"):
                    del os.environ[k]
            with self.assertLogs("kfgen-profile-manager", level="ERROR") as logs:
                out = handler.lambda_handler(event, None)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        self.assertIs(out, event)
        self.assertEqual(json.dumps(out, sort_keys=True), before)
        self.assertIn("KFGEN_PM_API_SERVER", "\n".join(logs.output))

    def test_unreachable_api_server_returns_the_event_unchanged(self):
        event = load_event("alice-login.json")
        env = {
            # Port 9 on loopback: nothing listens, the connection is refused at once.
            "KFGEN_PM_API_SERVER": "https://127.0.0.1:9",
            "KFGEN_PM_GROUP_PREFIX": "kubeflow-",
            "KFGEN_PM_GROUP_OWNER": "admin@corp.example.org",
            "KFGEN_PM_RESERVED_NAMESPACES": "kubeflow",
            "KFGEN_PM_USERID_HEADER": "kubeflow-userid",
            "KFGEN_PM_KFAM_PRINCIPALS": "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",
            "KFGEN_PM_TOKEN_FILE": HANDLER,  # any readable file: the token is never accepted
        }
        saved = dict(os.environ)
        os.environ.update(env)
        try:
            with self.assertLogs("kfgen-profile-manager", level="ERROR"):
                out = handler.lambda_handler(event, None)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        self.assertIs(out, event)
        self.assertIsNone(out["response"]["claimsOverrideDetails"])


class FakeKube:
    """Answers every GET with 404 and records writes: enough to drive ProfileManager without a server."""

    def __init__(self):
        self.calls = []

    def get(self, path):
        self.calls.append("GET " + path)
        return None

    def create(self, collection, obj):
        self.calls.append("POST " + collection)
        return obj

    def call(self, method, path, body=None, content_type=None):
        self.calls.append(method + " " + path)
        return {"items": []}


class TimeBudget(unittest.TestCase):
    def test_stops_between_objects_when_lambda_time_runs_out(self):
        c = cfg(KFGEN_PM_TOKEN_FILE="x", KFGEN_PM_PERSONAL_PROFILES="true")
        left = iter([10.0, 10.0, 1.0])  # personal Profile, first group, then too little for the second
        kube = FakeKube()
        pm = handler.ProfileManager(c, kube, time_left=lambda: next(left), sleep=lambda s: None, clock=lambda: 0.0)
        c.namespace_wait = 0
        actions = pm.reconcile("alice@corp.example.org", ["kubeflow-a", "kubeflow-b"])
        self.assertEqual(actions[-1], "stopped for lack of time; the rest follows at the next token refresh")
        self.assertIn("created Profile a for group kubeflow-a", actions)
        self.assertFalse(any("Profile b " in a for a in actions), actions)
        self.assertFalse(any(call.startswith("GET /apis/kubeflow.org/v1/profiles/b") for call in kube.calls))


def _sign(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def expected_signature(url, headers, secret):
    """SigV4 for a presigned GET, computed from the AWS specification, independently of botocore."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    params = sorted((k, v) for k, v in query if k != "X-Amz-Signature")
    canonical_query = "&".join(
        "%s=%s" % (urllib.parse.quote(k, safe="-_.~"), urllib.parse.quote(v, safe="-_.~")) for k, v in params
    )
    q = dict(query)
    signed = q["X-Amz-SignedHeaders"].split(";")
    canonical_headers = "".join("%s:%s\n" % (h, headers[h].strip()) for h in signed)
    canonical_request = "\n".join(
        ["GET", parts.path or "/", canonical_query, canonical_headers, q["X-Amz-SignedHeaders"], hashlib.sha256(b"").hexdigest()]
    )
    _, date, region, service, _ = q["X-Amz-Credential"].split("/")
    scope = "/".join([date, region, service, "aws4_request"])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", q["X-Amz-Date"], scope, hashlib.sha256(canonical_request.encode()).hexdigest()])
    k = _sign(_sign(_sign(_sign(("AWS4" + secret).encode(), date), region), service), "aws4_request")
    return hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()


class EksToken(unittest.TestCase):
    def setUp(self):
        import botocore.session
        from botocore.stub import Stubber

        self.session = botocore.session.Session()
        self.session.set_credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example")
        # The handler creates its own STS client from the session: stub every client it makes.
        original = self.session.create_client
        self.stubbers = []

        def create_client(*args, **kwargs):
            client = original(*args, **kwargs)
            stubber = Stubber(client)
            stubber.activate()
            self.stubbers.append(stubber)
            return client

        self.session.create_client = create_client

    def decode(self, token):
        self.assertTrue(token.startswith("k8s-aws-v1."), token[:20])
        body = token[len("k8s-aws-v1."):]
        self.assertNotIn("=", body, "the token is unpadded base64url")
        self.assertRegex(body, r"^[A-Za-z0-9_-]+$")
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()

    def test_token_is_a_presigned_get_caller_identity_for_the_cluster(self):
        before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        token = handler.eks_token("kubeflow-prod", "eu-central-1", session=self.session)
        url = self.decode(token)
        parts = urllib.parse.urlsplit(url)
        q = dict(urllib.parse.parse_qsl(parts.query))
        self.assertEqual((parts.scheme, parts.netloc, parts.path), ("https", "sts.eu-central-1.amazonaws.com", "/"))
        self.assertEqual(q["Action"], "GetCallerIdentity")
        self.assertEqual(q["Version"], "2011-06-15")
        self.assertEqual(q["X-Amz-Algorithm"], "AWS4-HMAC-SHA256")
        self.assertEqual(q["X-Amz-Expires"], "60")
        self.assertEqual(q["X-Amz-SignedHeaders"], "host;x-k8s-aws-id")
        self.assertEqual(q["X-Amz-Security-Token"], "session-token-example")
        akid, date, region, service, term = q["X-Amz-Credential"].split("/")
        self.assertEqual((akid, region, service, term), ("AKIDEXAMPLE", "eu-central-1", "sts", "aws4_request"))
        signed_at = datetime.datetime.strptime(q["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        self.assertLessEqual(abs((signed_at - before).total_seconds()), 120)
        self.assertEqual(date, q["X-Amz-Date"][:8])
        # The signature covers x-k8s-aws-id = the cluster: STS would reject it for another cluster.
        headers = {"host": parts.netloc, "x-k8s-aws-id": "kubeflow-prod"}
        secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        self.assertEqual(q["X-Amz-Signature"], expected_signature(url, headers, secret))
        other = dict(headers, **{"x-k8s-aws-id": "other-cluster"})
        self.assertNotEqual(q["X-Amz-Signature"], expected_signature(url, other, secret))
        for stubber in self.stubbers:
            stubber.assert_no_pending_responses()
        self.assertEqual(len(self.stubbers), 1)

    def test_endpoint_and_ca_from_describe_cluster_once(self):
        from botocore.stub import Stubber

        handler._endpoints.clear()
        import botocore.session

        c = cfg(KFGEN_PM_CLUSTER_NAME="kubeflow-prod", KFGEN_PM_REGION="eu-central-1")
        session = botocore.session.Session()
        session.set_credentials("AKIDEXAMPLE", "secret", None)
        original = session.create_client
        stubbers = []

        def create_client(*args, **kwargs):
            client = original(*args, **kwargs)
            stubber = Stubber(client)
            stubber.add_response(
                "describe_cluster",
                {"cluster": {"endpoint": "https://ABC123.gr7.eu-central-1.eks.amazonaws.com", "certificateAuthority": {"data": "Q0E="}}},
                {"name": "kubeflow-prod"},
            )
            stubber.activate()
            stubbers.append(stubber)
            return client

        session.create_client = create_client
        first = handler.cluster_endpoint(c, session=session)
        again = handler.cluster_endpoint(c, session=session)
        self.assertEqual(first, ("https://ABC123.gr7.eu-central-1.eks.amazonaws.com", "Q0E="))
        self.assertEqual(again, first)
        self.assertEqual(len(stubbers), 1, "one DescribeCluster per execution environment")
        stubbers[0].assert_no_pending_responses()
        # Set in the environment, they win and nothing is called.
        direct = cfg(KFGEN_PM_API_SERVER="https://127.0.0.1:6443", KFGEN_PM_CA_DATA="eA==")
        self.assertEqual(handler.cluster_endpoint(direct, session=None), ("https://127.0.0.1:6443", "eA=="))
        handler._endpoints.clear()

    def test_china_regions_use_their_partition(self):
        url = self.decode(handler.eks_token("c", "cn-north-1", session=self.session))
        self.assertTrue(url.startswith("https://sts.cn-north-1.amazonaws.com.cn/?"), url[:60])

    def test_token_file_replaces_the_iam_token(self):
        path = os.path.join(HERE, "events", "README.md")
        c = cfg(KFGEN_PM_TOKEN_FILE=path)
        self.assertEqual(handler.bearer_token(c), read(path).strip())


if __name__ == "__main__":
    unittest.main()
