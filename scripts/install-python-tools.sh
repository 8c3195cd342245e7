#!/usr/bin/env bash
# Python packages the Profile Manager tests need, into the project's venv .tools/venv (the one
# install-tools.sh makes for pre-commit): botocore/boto3 (what the Lambda Python runtime ships:
# the EKS token code is tested with botocore's own signer and stubber) and cfn-lint (validates
# the generated CloudFormation template). Safe to re-run: what is present is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$PWD/.tools/venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if "$venv/bin/python" -c 'import boto3, botocore, cfnlint' 2>/dev/null; then
  echo "boto3, botocore, cfn-lint: present"
else
  echo "boto3, botocore, cfn-lint: installing into .tools/venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'boto3>=1.35,<2' 'botocore>=1.35,<2' 'cfn-lint>=1.20,<2'
fi
mkdir -p .tools/bin
ln -sf ../venv/bin/cfn-lint .tools/bin/cfn-lint
"$venv/bin/python" -c 'import boto3, botocore; print("boto3", boto3.__version__, "botocore", botocore.__version__)'
"$venv/bin/cfn-lint" --version
# jq runs the generated attach-trigger script in its test.
if command -v jq >/dev/null 2>&1; then
  echo "jq: present ($(jq --version))"
elif command -v apt-get >/dev/null 2>&1; then
  echo "jq: installing Debian's jq"
  apt-get install -y -q --no-install-recommends jq >/dev/null 2>&1 ||
    (apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends jq >/dev/null)
else
  echo "jq: not installed and apt-get is not available; install jq on PATH." >&2
  exit 1
fi
