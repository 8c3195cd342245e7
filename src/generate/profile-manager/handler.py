"""kfgen Profile Manager: Kubeflow namespaces from identity-provider groups, at every login.

Amazon Cognito runs this as the user pool's Pre Token Generation trigger (event version V1_0 or
later). For the signing-in user it reads the groups claim (ADFS groups mapped to a custom
attribute), keeps the groups that carry the agreed prefix and, for each:

  * creates a Kubeflow Profile named after the group (owner: the configured group owner),
    labelled as managed by this function, unless it exists;
  * binds the user into it exactly as KFAM does when a contributor is added in the dashboard:
    a RoleBinding and an Istio AuthorizationPolicy named
    `user-<user id, non-alphanumerics as "-">-clusterrole-<role>`, annotated `user` and `role`;

optionally creates the user's personal Profile, and deletes the user's bindings (only those this
function made) from managed namespaces of groups the user no longer has.

It never blocks a login: whatever goes wrong is logged and the event is returned unchanged. It
never writes into a namespace whose Profile does not carry its label, and never creates a
Profile over a namespace that already exists.

Only the Python standard library and botocore (which every Lambda Python runtime ships) are used:
the API server is called with urllib, authenticated by an EKS IAM token (a presigned STS
GetCallerIdentity URL), or, for tests, by a bearer token read from KFGEN_PM_TOKEN_FILE. The
cluster's endpoint and CA come from eks:DescribeCluster, or from KFGEN_PM_API_SERVER and
KFGEN_PM_CA_DATA / KFGEN_PM_CA_FILE when set.

Written by kfgen; the settings come from environment variables the CloudFormation template sets.
"""

import base64
import hashlib
import json
import logging
import os
import re
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request

log = logging.getLogger("kfgen-profile-manager")
log.setLevel(logging.INFO)

MANAGED_BY_LABEL = "app.kubernetes.io/managed-by"
MANAGED_BY = "kfgen-profile-manager"
GROUP_ANNOTATION = "profile-manager.kfgen.dev/group"
PERSONAL_ANNOTATION = "profile-manager.kfgen.dev/personal-for"

# The user-id header, the principals KFAM admits and the platform's namespaces are facts of the
# Kubeflow release: kfgen passes them in the environment (KFGEN_PM_USERID_HEADER,
# KFGEN_PM_KFAM_PRINCIPALS, KFGEN_PM_RESERVED_NAMESPACES) from its catalog, never restated here.
ROLES = ("edit", "view")
# Time kept back at the end of an invocation: one API call's timeout and returning the event.
RESERVE_SECONDS = 2.5


NAMESPACE_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
EKS_TOKEN_PREFIX = "k8s-aws-v1."
K8S_AWS_ID_HEADER = "x-k8s-aws-id"
# aws-iam-authenticator and `aws eks get-token` presign for 60 s; the API server accepts a token
# for 15 minutes after its X-Amz-Date.
PRESIGN_EXPIRES = 60


def _flag(value, default=False):
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes")


class Config:
    """The function's settings, from environment variables (see the CloudFormation template)."""

    def __init__(self, env):
        self.api_server = env.get("KFGEN_PM_API_SERVER", "").rstrip("/")
        self.ca_data = env.get("KFGEN_PM_CA_DATA", "")
        self.ca_file = env.get("KFGEN_PM_CA_FILE", "")
        self.cluster_name = env.get("KFGEN_PM_CLUSTER_NAME", "")
        self.region = env.get("KFGEN_PM_REGION") or env.get("AWS_REGION", "")
        self.token_file = env.get("KFGEN_PM_TOKEN_FILE", "")
        self.groups_claim = env.get("KFGEN_PM_GROUPS_CLAIM", "custom:groups")
        self.user_claim = env.get("KFGEN_PM_USER_CLAIM", "email")
        self.group_prefix = env.get("KFGEN_PM_GROUP_PREFIX", "")
        self.strip_prefix = _flag(env.get("KFGEN_PM_STRIP_PREFIX"), True)
        self.namespace_prefix = env.get("KFGEN_PM_NAMESPACE_PREFIX", "")
        self.role = env.get("KFGEN_PM_ROLE", "edit")
        self.group_owner = env.get("KFGEN_PM_GROUP_OWNER", "")
        self.personal_profiles = _flag(env.get("KFGEN_PM_PERSONAL_PROFILES"))
        # A group mapped onto one of these would hand the platform's own namespaces to a Profile.
        self.reserved = {n.strip() for n in env.get("KFGEN_PM_RESERVED_NAMESPACES", "").split(",") if n.strip()}
        self.userid_header = env.get("KFGEN_PM_USERID_HEADER", "")
        self.kfam_principals = [p.strip() for p in env.get("KFGEN_PM_KFAM_PRINCIPALS", "").split(",") if p.strip()]
        # Cognito waits 5 s for the trigger: the Profile controller usually creates a new
        # Profile's namespace well within this; otherwise the bindings follow at the next refresh.
        self.namespace_wait = float(env.get("KFGEN_PM_NAMESPACE_WAIT_SECONDS", "2"))
        self.http_timeout = float(env.get("KFGEN_PM_HTTP_TIMEOUT_SECONDS", "2"))

    def problems(self):
        out = []
        if self.api_server and not self.api_server.startswith("https://"):
            out.append("KFGEN_PM_API_SERVER must be the cluster's https:// endpoint")
        if not self.api_server and not (self.cluster_name and self.region):
            out.append("KFGEN_PM_CLUSTER_NAME and AWS_REGION (or KFGEN_PM_API_SERVER) are needed to find the cluster")
        if not self.group_prefix:
            out.append("KFGEN_PM_GROUP_PREFIX is empty: every group would become a namespace")
        if self.role not in ROLES:
            out.append("KFGEN_PM_ROLE must be edit or view, not %r" % self.role)
        if not self.group_owner:
            out.append("KFGEN_PM_GROUP_OWNER (the owner of group Profiles) is not set")
        if not self.token_file and not (self.cluster_name and self.region):
            out.append("KFGEN_PM_CLUSTER_NAME and AWS_REGION are needed for the EKS token")
        if not self.reserved:
            out.append("KFGEN_PM_RESERVED_NAMESPACES (the platform's namespaces) is not set")
        if not self.userid_header:
            out.append("KFGEN_PM_USERID_HEADER (profiles-config USERID_HEADER) is not set")
        if not self.kfam_principals:
            out.append("KFGEN_PM_KFAM_PRINCIPALS (the principals KFAM admits) is not set")
        if self.namespace_prefix and not re.match(r"^[a-z0-9][-a-z0-9]*$", self.namespace_prefix):
            out.append("KFGEN_PM_NAMESPACE_PREFIX must be lowercase letters, digits and '-'")
        return out


# --- Names -------------------------------------------------------------------------------------


def parse_groups(value):
    """The groups in a claim value.

    A multi-valued SAML attribute mapped to a Cognito custom attribute arrives as one string,
    `[a, b, c]`, with each value URL form-encoded when it has characters other than letters,
    digits and `.-*_` (Cognito developer guide, "Mapping IdP attributes to profiles and
    tokens"). Plain comma-separated strings and JSON lists are accepted too.
    """
    if value is None:
        return []
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        text = str(value).strip()
        items = None
        if text.startswith("[") and text.endswith("]"):
            try:
                parsed = json.loads(text)
                if isinstance(parsed, list):
                    items = [str(v) for v in parsed]
            except ValueError:
                items = None
            if items is None:
                text = text[1:-1]
        if items is None:
            items = [urllib.parse.unquote_plus(v) for v in text.split(",")]
    seen = []
    for item in (i.strip() for i in items):
        if item and item not in seen:
            seen.append(item)
    return seen


def namespace_for_group(group, cfg):
    """A group's namespace: deterministic, lowercase, an RFC 1123 label of at most 63 characters.

    Returns None for a group outside the prefix (matched case-insensitively) or one that maps to
    nothing usable.
    """
    if not group.lower().startswith(cfg.group_prefix.lower()):
        return None
    base = group[len(cfg.group_prefix):] if cfg.strip_prefix else group
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")
    if not slug:
        return None
    name = cfg.namespace_prefix + slug
    if len(name) > 63:
        # Cut and add a digest of the group, so two long groups never share a namespace.
        digest = hashlib.sha256(group.encode("utf-8")).hexdigest()[:8]
        name = name[:54].rstrip("-") + "-" + digest
    return name if NAMESPACE_RE.match(name) else None


def personal_profile_name(user):
    """The name the central dashboard's registration flow proposes (kfgen's personalProfileName)."""
    name = re.sub(r"[^A-Za-z0-9_]", "-", user)
    name = re.sub(r"^-+|-+$|_", "", name).lower()
    return name if len(name) <= 63 and NAMESPACE_RE.match(name) else None


def kfam_binding_name(user, role):
    """KFAM's getBindingName (components/access-management/kfam/bindings.go)."""
    raw = "-".join(["User", re.sub(r"[^a-zA-Z0-9]+", "-", user), "ClusterRole", role]).lower()
    return re.sub(r"[^a-z0-9]+", "-", raw)


# --- The objects, as KFAM writes them -----------------------------------------------------------


def managed_labels():
    return {MANAGED_BY_LABEL: MANAGED_BY}


def group_profile(namespace, group, owner):
    return {
        "apiVersion": "kubeflow.org/v1",
        "kind": "Profile",
        "metadata": {"name": namespace, "labels": managed_labels(), "annotations": {GROUP_ANNOTATION: group}},
        "spec": {"owner": {"kind": "User", "name": owner}},
    }


def personal_profile(name, user):
    return {
        "apiVersion": "kubeflow.org/v1",
        "kind": "Profile",
        "metadata": {"name": name, "labels": managed_labels(), "annotations": {PERSONAL_ANNOTATION: user}},
        "spec": {"owner": {"kind": "User", "name": user}},
    }


def _binding_metadata(namespace, user, role):
    return {
        "name": kfam_binding_name(user, role),
        "namespace": namespace,
        "labels": managed_labels(),
        "annotations": {"role": role, "user": user},
    }


def role_binding(namespace, user, role):
    return {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "RoleBinding",
        "metadata": _binding_metadata(namespace, user, role),
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "kubeflow-" + role},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": user}],
    }


def authorization_policy(namespace, user, role, cfg):
    return {
        "apiVersion": "security.istio.io/v1beta1",
        "kind": "AuthorizationPolicy",
        "metadata": _binding_metadata(namespace, user, role),
        "spec": {
            "rules": [
                {
                    "from": [{"source": {"principals": list(cfg.kfam_principals)}}],
                    # profiles-config USERID_PREFIX is empty: the header is the bare id.
                    "when": [{"key": "request.headers[%s]" % cfg.userid_header, "values": [user]}],
                }
            ]
        },
    }


# --- The API server -----------------------------------------------------------------------------


class ApiError(Exception):
    def __init__(self, method, path, status, body):
        super().__init__("%s %s: HTTP %s: %s" % (method, path, status, body[:300]))
        self.status = status


class Kube:
    def __init__(self, server, token, ca_data="", ca_file="", timeout=2.0):
        self.server = server
        self.token = token
        self.timeout = timeout
        if ca_file:
            self.ssl = ssl.create_default_context(cafile=ca_file)
        elif ca_data:
            self.ssl = ssl.create_default_context(cadata=base64.b64decode(ca_data).decode("ascii"))
        else:
            self.ssl = ssl.create_default_context()

    def call(self, method, path, body=None, content_type="application/json"):
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.server + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self.token)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout, context=self.ssl) as resp:
                raw = resp.read()
                return json.loads(raw) if raw else {}
        except urllib.error.HTTPError as e:
            raise ApiError(method, path, e.code, e.read().decode("utf-8", "replace")) from None

    def get(self, path):
        try:
            return self.call("GET", path)
        except ApiError as e:
            if e.status == 404:
                return None
            raise

    def create(self, collection, obj):
        """POST; an object created meanwhile (a concurrent login) is read back instead."""
        try:
            return self.call("POST", collection, obj)
        except ApiError as e:
            if e.status != 409:
                raise
            return self.get(collection + "/" + obj["metadata"]["name"])

    def merge_patch(self, path, patch):
        return self.call("PATCH", path, patch, "application/merge-patch+json")

    def delete(self, path):
        try:
            self.call("DELETE", path)
            return True
        except ApiError as e:
            if e.status == 404:
                return False
            raise


PROFILES = "/apis/kubeflow.org/v1/profiles"


def _namespace_path(name):
    return "/api/v1/namespaces/" + name


def _rb_collection(ns):
    return "/apis/rbac.authorization.k8s.io/v1/namespaces/%s/rolebindings" % ns


def _ap_collection(ns):
    return "/apis/security.istio.io/v1beta1/namespaces/%s/authorizationpolicies" % ns


def is_reserved(namespace, cfg):
    """The platform's namespaces, Kubernetes' own (any kube-*), and those kfgen's build declares."""
    return namespace in cfg.reserved or namespace.startswith("kube-")


def is_managed(obj):
    return bool(obj) and (obj.get("metadata", {}).get("labels") or {}).get(MANAGED_BY_LABEL) == MANAGED_BY


def _differs(desired, actual):
    """What of `desired` (labels, annotations, roleRef, subjects, spec) `actual` lacks, as a merge patch."""
    patch = {}
    meta = {}
    for key in ("labels", "annotations"):
        want = desired["metadata"].get(key) or {}
        have = actual.get("metadata", {}).get(key) or {}
        changed = {k: v for k, v in want.items() if have.get(k) != v}
        if changed:
            meta[key] = changed
    if meta:
        patch["metadata"] = meta
    for key in ("subjects", "spec"):
        if key in desired and actual.get(key) != desired[key]:
            patch[key] = desired[key]
    return patch


# --- The reconciliation -------------------------------------------------------------------------


class OutOfTime(Exception):
    pass


class ProfileManager:
    def __init__(self, cfg, kube, clock=time.monotonic, sleep=time.sleep, time_left=None):
        self.cfg = cfg
        self.kube = kube
        self.clock = clock
        self.sleep = sleep
        # Seconds until Lambda stops the invocation (Cognito gives up after 5 s in any case).
        self.time_left = time_left or (lambda: float("inf"))
        self.actions = []

    def _check_time(self):
        # Stop between objects, never in the middle of a pair: the next token refresh goes on from here.
        if self.time_left() < RESERVE_SECONDS:
            raise OutOfTime()

    def _did(self, what):
        self.actions.append(what)
        log.info(what)

    def ensure_group_profile(self, namespace, group):
        """True when the namespace is this function's to write bindings into."""
        path = PROFILES + "/" + namespace
        desired = group_profile(namespace, group, self.cfg.group_owner)
        existing = self.kube.get(path)
        if existing is None:
            if self.kube.get(_namespace_path(namespace)) is not None:
                self._did("refused %s: namespace exists and has no Profile of this function" % namespace)
                return False
            existing = self.kube.create(PROFILES, desired)
            if not is_managed(existing):
                self._did("refused %s: a Profile of that name was created by someone else" % namespace)
                return False
            self._did("created Profile %s for group %s" % (namespace, group))
            return True
        if not is_managed(existing):
            self._did("refused %s: its Profile is not managed by %s" % (namespace, MANAGED_BY))
            return False
        # The owner is the configured one; the group annotation keeps the group that created it.
        want = {"spec": {"owner": desired["spec"]["owner"]}} if existing.get("spec", {}).get("owner") != desired["spec"]["owner"] else {}
        if want:
            self.kube.merge_patch(path, want)
            self._did("patched Profile %s owner" % namespace)
        return True

    def ensure_personal_profile(self, user):
        name = personal_profile_name(user)
        if name is None:
            self._did("no personal Profile for %s: the name would not be a valid namespace" % user)
            return
        if is_reserved(name, self.cfg):
            self._did("refused personal Profile %s: reserved namespace" % name)
            return
        if self.kube.get(PROFILES + "/" + name) is not None:
            return
        if self.kube.get(_namespace_path(name)) is not None:
            self._did("refused personal Profile %s: namespace exists" % name)
            return
        self.kube.create(PROFILES, personal_profile(name, user))
        self._did("created personal Profile %s for %s" % (name, user))

    def _wait_for_namespace(self, namespace, deadline):
        while True:
            if self.kube.get(_namespace_path(namespace)) is not None:
                return True
            if self.clock() >= deadline:
                return False
            self.sleep(0.25)

    def _ensure_object(self, collection, desired):
        path = collection + "/" + desired["metadata"]["name"]
        existing = self.kube.get(path)
        kind = desired["kind"]
        where = "%s/%s" % (desired["metadata"]["namespace"], desired["metadata"]["name"])
        if existing is None:
            self.kube.create(collection, desired)
            self._did("created %s %s" % (kind, where))
            return
        if not is_managed(existing):
            # Made by KFAM (the dashboard) or by hand for the same user and role: the user
            # already has this access, and the object is not ours to change.
            return
        patch = _differs(desired, existing)
        if patch:
            self.kube.merge_patch(path, patch)
            self._did("patched %s %s" % (kind, where))

    def _remove_object(self, collection, namespace, name, user, kind):
        path = collection + "/" + name
        existing = self.kube.get(path)
        if existing is None or not is_managed(existing):
            return
        if (existing.get("metadata", {}).get("annotations") or {}).get("user") != user:
            return
        if self.kube.delete(path):
            self._did("deleted %s %s/%s" % (kind, namespace, name))

    def bind(self, namespace, user, deadline):
        if not self._wait_for_namespace(namespace, deadline):
            self._did("deferred bindings in %s: namespace not created yet (next token refresh)" % namespace)
            return
        role = self.cfg.role
        self._ensure_object(_rb_collection(namespace), role_binding(namespace, user, role))
        self._ensure_object(_ap_collection(namespace), authorization_policy(namespace, user, role, self.cfg))
        # A binding of this function for another role (the configured role changed) goes.
        for other in ROLES:
            if other != role:
                self.unbind(namespace, user, other)

    def unbind(self, namespace, user, role):
        name = kfam_binding_name(user, role)
        self._remove_object(_rb_collection(namespace), namespace, name, user, "RoleBinding")
        self._remove_object(_ap_collection(namespace), namespace, name, user, "AuthorizationPolicy")

    def managed_group_namespaces(self):
        selector = urllib.parse.quote("%s=%s" % (MANAGED_BY_LABEL, MANAGED_BY))
        listed = self.kube.call("GET", PROFILES + "?labelSelector=" + selector)
        out = []
        for item in listed.get("items", []):
            meta = item.get("metadata", {})
            if GROUP_ANNOTATION in (meta.get("annotations") or {}):
                out.append(meta["name"])
        return sorted(out)

    def reconcile(self, user, groups, started=None):
        cfg = self.cfg
        started = self.clock() if started is None else started
        deadline = started + cfg.namespace_wait
        wanted = {}
        for group in sorted(groups):
            ns = namespace_for_group(group, cfg)
            if ns is None:
                continue
            if is_reserved(ns, cfg):
                self._did("refused group %s: namespace %s is reserved" % (group, ns))
                continue
            wanted.setdefault(ns, group)
        try:
            if cfg.personal_profiles:
                self._check_time()
                self.ensure_personal_profile(user)
            for ns in sorted(wanted):
                self._check_time()
                if self.ensure_group_profile(ns, wanted[ns]) and user != cfg.group_owner:
                    self.bind(ns, user, deadline)
            for ns in self.managed_group_namespaces():
                if ns not in wanted:
                    self._check_time()
                    for role in ROLES:
                        self.unbind(ns, user, role)
        except OutOfTime:
            self._did("stopped for lack of time; the rest follows at the next token refresh")
        return self.actions


# --- Authentication to EKS ----------------------------------------------------------------------


def eks_token(cluster_name, region, session=None):
    """An EKS bearer token: `k8s-aws-v1.` + base64url (unpadded) of a presigned STS
    GetCallerIdentity URL whose signed headers include `x-k8s-aws-id: <cluster>`, as
    aws-iam-authenticator and `aws eks get-token` make it."""
    import botocore.session  # shipped by the Lambda Python runtime; imported only when needed

    session = session or botocore.session.get_session()
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    sts = session.create_client("sts", region_name=region, endpoint_url="https://sts.%s.%s" % (region, suffix))

    def add_cluster_header(request, **_):
        request.headers[K8S_AWS_ID_HEADER] = cluster_name

    sts.meta.events.register("before-sign.sts.GetCallerIdentity", add_cluster_header)
    url = sts.generate_presigned_url("get_caller_identity", Params={}, ExpiresIn=PRESIGN_EXPIRES, HttpMethod="GET")
    return EKS_TOKEN_PREFIX + base64.urlsafe_b64encode(url.encode("utf-8")).decode("ascii").rstrip("=")


_endpoints = {}


def cluster_endpoint(cfg, session=None):
    """The API server URL and base64 CA: from the environment when set, else eks:DescribeCluster
    (once per execution environment). Looking them up lets the stack, and so the IAM role an EKS
    access entry must name, exist before the cluster does."""
    if cfg.api_server:
        return cfg.api_server, cfg.ca_data
    key = (cfg.cluster_name, cfg.region)
    if key not in _endpoints:
        import botocore.session  # shipped by the Lambda Python runtime

        session = session or botocore.session.get_session()
        eks = session.create_client("eks", region_name=cfg.region)
        cluster = eks.describe_cluster(name=cfg.cluster_name)["cluster"]
        _endpoints[key] = (cluster["endpoint"].rstrip("/"), cluster["certificateAuthority"]["data"])
    return _endpoints[key]


def bearer_token(cfg):
    if cfg.token_file:
        with open(cfg.token_file, encoding="utf-8") as f:
            return f.read().strip()
    return eks_token(cfg.cluster_name, cfg.region)


# --- The trigger --------------------------------------------------------------------------------


def event_groups(event, claim):
    """The claim's value: `cognito:groups` are the user pool's own groups, which the event carries
    in groupConfiguration; any other claim is a user attribute (e.g. `custom:groups`)."""
    request = event.get("request") or {}
    if claim == "cognito:groups":
        return (request.get("groupConfiguration") or {}).get("groupsToOverride") or []
    return (request.get("userAttributes") or {}).get(claim)


def handle(event, env=None, token_source=None, time_left=None):
    """Reconciles for the event's user; returns the actions taken (for tests and logs)."""
    cfg = Config(os.environ if env is None else env)
    problems = cfg.problems()
    if problems:
        raise ValueError("; ".join(problems))
    attributes = (event.get("request") or {}).get("userAttributes") or {}
    user = attributes.get(cfg.user_claim)
    if not user:
        raise ValueError("the event has no %r user attribute" % cfg.user_claim)
    groups = parse_groups(event_groups(event, cfg.groups_claim))
    server, ca_data = cluster_endpoint(cfg)
    token = (token_source or bearer_token)(cfg)
    kube = Kube(server, token, ca_data, cfg.ca_file, cfg.http_timeout)
    return ProfileManager(cfg, kube, time_left=time_left).reconcile(user, groups)


def lambda_handler(event, context):
    try:
        remaining = getattr(context, "get_remaining_time_in_millis", None)
        handle(event, time_left=(lambda: remaining() / 1000.0) if remaining else None)
    except Exception:  # noqa: BLE001 - a failure here must never block the login
        log.exception("profile manager failed; the login goes on unchanged")
    return event
