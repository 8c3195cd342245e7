"""botocore's cognito-idp model, for test/e2e/profile-manager-aws.test.ts.

  python cognito_model.py keys              -> {"describe": [...UserPool members], "update": [...UpdateUserPool input members]}
  python cognito_model.py validate FILE     -> botocore's own parameter validation of FILE as UpdateUserPool input
"""

import json
import sys

import botocore.session
from botocore.validate import ParamValidator

model = botocore.session.get_session().get_service_model("cognito-idp")
update = model.operation_model("UpdateUserPool").input_shape

if sys.argv[1] == "keys":
    described = model.operation_model("DescribeUserPool").output_shape.members["UserPool"]
    json.dump({"describe": sorted(described.members), "update": sorted(update.members)}, sys.stdout)
elif sys.argv[1] == "validate":
    with open(sys.argv[2], encoding="utf-8") as f:
        report = ParamValidator().validate(json.load(f), update)
    json.dump({"errors": report.generate_report() if report.has_errors() else ""}, sys.stdout)
